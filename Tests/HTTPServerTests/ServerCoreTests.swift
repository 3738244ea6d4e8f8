import Foundation
import Testing
import HTTPServer
import HTTPTestSupport

/// The HTTP server alone, over real sockets on an ephemeral loopback port, with a handler that
/// knows nothing of rules: connection limits, timeouts, keep-alive and pipelining.
@Suite("HTTP server core", .serialized)
struct ServerCoreTests {
    /// A server answering `GET /echo?x=…` with the query value, in its own thread.
    final class Running: Sendable {
        let server: Server
        init(configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
            var configuration = ServerConfiguration()
            configuration.port = 0
            configure(&configuration)
            server = try Server(configuration: configuration) { request in
                HTTPResponse(status: 200, contentType: "text/plain", text: "\(request.method) \(request.path) \(request.parameter("x") ?? "-")")
            }
            let server = self.server
            Thread { server.run() }.start()
        }
        func client() throws -> RawClient { try RawClient(port: server.port) }
        func stop() { server.stop() }
    }

    @Test func answersAndKeepsTheConnectionAlive() throws {
        let running = try Running()
        defer { running.stop() }
        let client = try running.client()
        defer { client.close() }
        client.send(RawClient.request("GET", "/echo?x=1"))
        #expect(client.response()?.body == "GET /echo 1")
        client.send(RawClient.request("GET", "/echo?x=2"))
        #expect(client.response()?.body == "GET /echo 2")
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let running = try Running()
        defer { running.stop() }
        let client = try running.client()
        defer { client.close() }
        client.send(RawClient.request("GET", "/echo?x=a") + RawClient.request("GET", "/echo?x=b") + RawClient.request("GET", "/echo?x=c"))
        #expect(client.response()?.body == "GET /echo a")
        #expect(client.response()?.body == "GET /echo b")
        #expect(client.response()?.body == "GET /echo c")
    }

    /// At the limit, with no connection stalled long enough to give its slot, a new client
    /// waits in the backlog and is served as soon as a slot frees.
    @Test func aClientBeyondTheLimitWaitsForASlot() throws {
        let running = try Running { $0.maxConnections = 2; $0.evictionGrace = 1000 }
        defer { running.stop() }
        let first = try running.client(), second = try running.client()
        defer { first.close(); second.close() }
        first.send(RawClient.request("GET", "/echo?x=1"))
        second.send(RawClient.request("GET", "/echo?x=2"))
        #expect(first.response()?.status == 200 && second.response()?.status == 200)
        let third = try running.client()
        defer { third.close() }
        third.send(RawClient.request("GET", "/echo?x=3"))
        #expect(running.server.activeConnections == 2)
        first.close()
        #expect(third.response()?.body == "GET /echo 3")
        #expect(running.server.activeConnections == 2)
    }

    @Test func aSlowClientIsCutOffAndAnIdleOneClosed() throws {
        let running = try Running { $0.readTimeout = 1; $0.idleTimeout = 1 }
        defer { running.stop() }
        let slow = try running.client()
        defer { slow.close() }
        let started = Date()
        slow.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  // and never the blank line
        #expect(slow.response()?.status == 408)
        #expect(Date().timeIntervalSince(started) < 5)
        let idle = try running.client()
        defer { idle.close() }
        idle.send(RawClient.request("GET", "/echo"))
        #expect(idle.response()?.status == 200)
        #expect(idle.isClosed())
    }

    @Test func malformedRequestsGetA400AndTheServerStaysUp() throws {
        let running = try Running()
        defer { running.stop() }
        for raw in ["GARBAGE\r\n\r\n", "GET /echo HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", "GET /echo HTTP/9.9\r\n\r\n"] {
            let client = try running.client()
            defer { client.close() }
            client.send(raw)
            let status = client.response()?.status ?? 0
            #expect((400...505).contains(status), "\(raw.debugDescription) → \(status)")
        }
        let client = try running.client()
        defer { client.close() }
        client.send(RawClient.request("GET", "/echo?x=ok"))
        #expect(client.response()?.body == "GET /echo ok")
    }
}
