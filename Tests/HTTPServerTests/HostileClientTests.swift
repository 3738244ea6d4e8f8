import Foundation
import Synchronization
import Testing
import HTTPServer
import HTTPTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Clients that would hold a thread-per-connection server: clients that never read their
/// answers, slow or idle clients beyond the connection limit, a stop with requests in flight,
/// and requests that try to forge access-log lines. Real sockets; outcomes, never durations.
@Suite("HTTP server against hostile clients", .serialized)
struct HostileClientTests {
    /// A server whose `/big` answers 128 KB, `/slow?x=S` waits S seconds, others echo; it counts
    /// the requests handled and keeps the log lines.
    final class Running: Sendable {
        /// What the handler and the run record.
        final class Record: Sendable {
            let handled = Atomic<Int>(0)
            let lines = Mutex<[String]>([])
            let report = Mutex<ShutdownReport?>(nil)
            let finished = DispatchSemaphore(value: 0)
        }

        let server: Server
        let record = Record()
        var handled: Int { record.handled.load(ordering: .relaxed) }
        var lines: [String] { record.lines.withLock { $0 } }

        init(configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
            var configuration = ServerConfiguration()
            configuration.port = 0
            configure(&configuration)
            let record = self.record
            server = try Server(configuration: configuration, log: { line in record.lines.withLock { $0.append(line) } }) { request in
                record.handled.add(1, ordering: .relaxed)
                if request.path == "/big" { return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain")], body: [UInt8](repeating: 0x61, count: 128 * 1024)) }
                if request.path == "/slow" { usleep(UInt32((Double(request.parameter("x") ?? "0") ?? 0) * 1_000_000)) }
                return HTTPResponse(status: 200, contentType: "text/plain", text: "\(request.method) \(request.path)")
            }
            let server = self.server
            Thread {
                let result = server.run()
                record.report.withLock { $0 = result }
                record.finished.signal()
            }.start()
        }

        func client(receiveBuffer: Int32? = nil) throws -> RawClient { try RawClient(port: server.port, receiveBuffer: receiveBuffer) }

        /// Stops the server and waits for `run` to return: what the stop cut.
        func stop() -> ShutdownReport? {
            server.stop()
            _ = record.finished.wait(timeout: .now() + 60)
            return record.report.withLock { $0 }
        }
    }

    /// A client pipelining requests without reading is not read from while its answers wait:
    /// the server stops taking its requests, then answers every one in order once it reads.
    @Test func pipelinedRequestsAreReadOnlyAsAnswersLeave() throws {
        let running = try Running()
        defer { _ = running.stop() }
        let client = try running.client(receiveBuffer: 4096)
        defer { client.close() }
        let count = 60
        client.send(String(repeating: RawClient.request("GET", "/big"), count: count))
        // Let the server go as far as it can (not a timing assertion: any wait gives the same bound).
        usleep(300_000)
        #expect(running.handled < count)
        for index in 0..<count {
            let response = client.response()
            #expect(response?.status == 200, "answer \(index)")
            #expect(response?.body.utf8.count == 128 * 1024)
        }
        #expect(running.handled == count)
    }

    /// Clients that never read their answers, as many as the limit allows, do not lock out a
    /// new client: it takes the slot of the one stalled for longest.
    @Test func clientsThatDoNotReadGiveTheirSlotToANewClient() throws {
        let running = try Running { $0.maxConnections = 3; $0.evictionGrace = 0 }
        defer { _ = running.stop() }
        var stalled: [RawClient] = []
        defer { stalled.forEach { $0.close() } }
        for _ in 0..<3 {
            let client = try running.client(receiveBuffer: 2048)
            client.send(String(repeating: RawClient.request("GET", "/big"), count: 40))
            stalled.append(client)
        }
        usleep(200_000)
        var answered = false
        for _ in 0..<20 where !answered {
            let client = try running.client()
            defer { client.close() }
            client.send(RawClient.request("GET", "/hello"))
            answered = client.response()?.body == "GET /hello"
            if !answered { usleep(100_000) }
        }
        #expect(answered)
        #expect(running.server.activeConnections <= 3)
    }

    /// Idle and half-sent connections beyond the limit: a normal request still gets its answer,
    /// and the connections never exceed the limit.
    @Test func idleAndSlowClientsBeyondTheLimitDoNotLockOut() throws {
        let running = try Running { $0.maxConnections = 4; $0.evictionGrace = 0 }
        defer { _ = running.stop() }
        var holders: [RawClient] = []
        defer { holders.forEach { $0.close() } }
        for index in 0..<12 {
            let client = try running.client()
            if index % 2 == 0 { client.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n") }  // never the blank line
            holders.append(client)
        }
        usleep(100_000)
        let client = try running.client()
        defer { client.close() }
        client.send(RawClient.request("GET", "/after"))
        #expect(client.response()?.body == "GET /after")
        #expect(running.server.activeConnections <= 4)
    }

    /// A client that sends a request and half-closes its side still gets the answer.
    @Test func aHalfClosedClientIsAnswered() throws {
        let running = try Running()
        defer { _ = running.stop() }
        let client = try running.client()
        defer { client.close() }
        client.send(RawClient.request("GET", "/half"))
        client.finishSending()
        #expect(client.response()?.body == "GET /half")
        #expect(client.isClosed())
    }

    /// On stop: an idle keep-alive connection is closed, a request in flight is answered with
    /// `Connection: close`, and nothing is reported cut.
    @Test func stopAnswersInFlightRequestsAndClosesIdleOnes() throws {
        let running = try Running()
        let idle = try running.client(), busy = try running.client()
        defer { idle.close(); busy.close() }
        idle.send(RawClient.request("GET", "/first"))
        #expect(idle.response()?.status == 200)
        busy.send(RawClient.request("GET", "/slow?x=0.5"))
        usleep(100_000)
        running.server.stop()
        let answer = busy.response()
        #expect(answer?.status == 200)
        #expect(answer?.headers["connection"] == "close")
        #expect(idle.isClosed())
        #expect(busy.isClosed())
        let report = running.stop()
        #expect(report?.cut == 0)
    }

    /// A request longer than the drain is cut, and the stop says so (the command exits non-zero).
    @Test func aRequestLongerThanTheDrainIsReportedCut() throws {
        let running = try Running { $0.drainTimeout = 0.3 }
        let busy = try running.client()
        defer { busy.close() }
        busy.send(RawClient.request("GET", "/slow?x=3"))
        usleep(100_000)
        let report = running.stop()
        #expect(report?.cut == 1)
        #expect(busy.response() == nil)
    }

    /// Control characters decoded from the path are escaped in the access log: a request cannot
    /// write a line of its own.
    @Test func theAccessLogCannotBeForged() throws {
        let running = try Running()
        defer { _ = running.stop() }
        let client = try running.client()
        defer { client.close() }
        client.send(RawClient.request("GET", "/x%0aPOST%20/api/v1/recommend%20200%0d%E2%80%A8%C2%85"))
        #expect(client.response()?.status == 200)
        client.send(RawClient.request("GET", "/done"))
        #expect(client.response()?.status == 200)
        let lines = running.lines
        let forged = try #require(lines.first { $0.hasPrefix("GET /x") })
        #expect(forged == forged.filter { !$0.isNewline && $0 != "\u{85}" })
        #expect(forged.hasPrefix("GET /x%0APOST%20/api/v1/recommend%20200%0D%E2%80%A8%C2%85 200 "))
        #expect(lines.allSatisfy { line in line.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) } })
    }
}
