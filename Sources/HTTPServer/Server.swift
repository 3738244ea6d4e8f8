import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// How the server runs: where it listens, how many clients it serves, how long it waits.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 asks the system for a free port (see `Server.port`).
    public var port = 8080
    /// Clients served at once; one more is answered 503 and closed.
    public var maxConnections = 256
    /// Time to receive a whole request head, or a body, once started (a slow client is cut off).
    public var readTimeout: TimeInterval = 10
    /// Time a kept-alive connection may stay idle between requests.
    public var idleTimeout: TimeInterval = 5
    /// Requests on one connection before it is closed.
    public var maxRequestsPerConnection = 10_000
    public var limits = HTTPLimits()

    public init() {}
}

/// Why the server could not start.
public struct ServerError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public enum Kind: Sendable, Equatable {
        /// The host is not a numeric IP address.
        case address
        /// No socket could be created.
        case socket
        /// The address and port could not be bound (in use, not allowed).
        case bind
        /// The socket could not listen.
        case listen
    }

    public let kind: Kind
    /// The system's reason (`strerror` or `gai_strerror`).
    public let reason: String
    public let description: String
}

/// A small, strict HTTP/1.1 server on the system's sockets: keep-alive, `Content-Length`
/// bodies, bounded connections, read and idle timeouts, graceful stop. It knows nothing of
/// what it serves: `handler` turns each request into a response (on one of many threads).
public final class Server: Sendable {
    public let configuration: ServerConfiguration
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse
    private let listener: Int32
    /// The port bound (the one asked, or the one the system chose for 0).
    public let port: Int
    private let state = Mutex(State())
    /// What a finished request reports to the log: method, path, status, duration, size.
    private let log: @Sendable (String) -> Void

    private struct State {
        var active = 0
        var stopping = false
        var connections: Set<Int32> = []
    }

    /// Binds and listens (nothing is accepted before `run`).
    public init(configuration: ServerConfiguration, log: @escaping @Sendable (String) -> Void = { _ in },
                handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) throws(ServerError) {
        self.configuration = configuration
        self.handler = handler
        self.log = log
        signal(SIGPIPE, SIG_IGN)
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(configuration.host, String(configuration.port), &hints, &found)
        guard status == 0, let address = found else {
            let reason = String(cString: gai_strerror(status))
            throw ServerError(kind: .address, reason: reason, description: "cannot listen on \(configuration.host): not a numeric IP address (\(reason))")
        }
        defer { freeaddrinfo(found) }
        let descriptor = socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw ServerError(kind: .socket, reason: reason, description: "cannot create a socket: \(reason)")
        }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw ServerError(kind: .bind, reason: reason, description: "cannot listen on \(configuration.host) port \(configuration.port): \(reason)")
        }
        guard listen(descriptor, 512) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw ServerError(kind: .listen, reason: reason, description: "cannot listen: \(reason)")
        }
        var bound = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        let family = bound.ss_family
        let port: UInt16 = withUnsafePointer(to: &bound) { pointer in
            if family == sa_family_t(AF_INET6) {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
        self.listener = descriptor
        self.port = Int(port)
    }

    /// Accepts and serves clients until `stop`; then waits for the requests in flight.
    public func run() {
        while true {
            var client = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            let ready = poll(&client, 1, 200)
            if state.withLock({ $0.stopping }) { break }
            guard ready > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            let admitted = state.withLock { state -> Bool in
                guard state.active < configuration.maxConnections, !state.stopping else { return false }
                state.active += 1
                state.connections.insert(connection)
                return true
            }
            guard admitted else {
                let busy = HTTPResponse(status: 503, headers: [("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", "1")],
                                        body: Array("too many connections\n".utf8))
                Self.send(connection, busy.serialized(close: true, head: false))
                close(connection)
                continue
            }
            var one: Int32 = 1
            setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let thread = Thread { [self] in
                self.serve(connection)
                close(connection)
                self.state.withLock { state in
                    state.active -= 1
                    state.connections.remove(connection)
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        close(listener)
        // Drain: the connections finish their current request (idle ones are woken and close).
        let deadline = Date().addingTimeInterval(configuration.readTimeout + 5)
        while state.withLock({ $0.active }) > 0 && Date() < deadline {
            state.withLock { state in for connection in state.connections { shutdown(connection, Int32(SHUT_RD)) } }
            usleep(20_000)
        }
    }

    /// Stops accepting; `run` returns once the requests in flight are answered.
    public func stop() {
        state.withLock { $0.stopping = true }
    }

    /// The connections being served now.
    public var activeConnections: Int { state.withLock { $0.active } }

    // MARK: One connection

    private func serve(_ connection: Int32) {
        var buffer: [UInt8] = []
        var served = 0
        while served < configuration.maxRequestsPerConnection {
            // Wait for the first byte of the next request, within the idle timeout.
            if buffer.isEmpty {
                guard Self.wait(connection, seconds: served == 0 ? configuration.readTimeout : configuration.idleTimeout),
                      Self.receive(connection, into: &buffer) else { return }
            }
            if state.withLock({ $0.stopping }) && served > 0 { return }
            let started = Date()
            let deadline = started.addingTimeInterval(configuration.readTimeout)
            // The head, within the read deadline and the header limit.
            var end: Int?
            var scanned = 0
            while true {
                end = RequestParser.headEnd(buffer, from: scanned)
                if end != nil { break }
                scanned = max(0, buffer.count - 3)
                if buffer.count > configuration.limits.headerBytes {
                    refuse(connection, HTTPError(431, "the request head is larger than \(configuration.limits.headerBytes) bytes"))
                    return
                }
                guard Self.wait(connection, until: deadline) else {
                    if !buffer.isEmpty { refuse(connection, HTTPError(408, "the request was not received in time")) }
                    return
                }
                guard Self.receive(connection, into: &buffer) else { return }
            }
            guard let headEnd = end else { return }
            if headEnd > configuration.limits.headerBytes {
                refuse(connection, HTTPError(431, "the request head is larger than \(configuration.limits.headerBytes) bytes"))
                return
            }
            let parsed: (request: HTTPRequest, bodyLength: Int)
            do {
                parsed = try RequestParser.parseHead(buffer[0..<headEnd], limits: configuration.limits)
            } catch {
                refuse(connection, error)
                return
            }
            buffer.removeFirst(headEnd)
            while buffer.count < parsed.bodyLength {
                guard Self.wait(connection, until: deadline) else {
                    refuse(connection, HTTPError(408, "the request body was not received in time"))
                    return
                }
                guard Self.receive(connection, into: &buffer) else { return }
            }
            let body = Array(buffer[0..<parsed.bodyLength])
            buffer.removeFirst(parsed.bodyLength)
            let request = HTTPRequest(method: parsed.request.method, path: parsed.request.path, query: parsed.request.query,
                                      version: parsed.request.version, headers: parsed.request.headers, body: body)
            let response = handler(request)
            served += 1
            let close = request.wantsClose || served >= configuration.maxRequestsPerConnection || state.withLock { $0.stopping }
            let sent = Self.send(connection, response.serialized(close: close, head: request.method == "HEAD"))
            let micros = Int(Date().timeIntervalSince(started) * 1_000_000)
            log("\(request.method) \(request.path) \(response.status) \(micros)µs \(response.body.count)B")
            if close || !sent { return }
        }
    }

    private func refuse(_ connection: Int32, _ error: HTTPError) {
        // The detail may quote what the client sent: keep it printable ASCII, without quotes or backslashes.
        let detail = String(error.message.unicodeScalars.prefix(200).map { scalar -> Character in
            scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\" ? Character(scalar) : "?"
        })
        let body = "{\"type\":\"about:blank\",\"title\":\"\(HTTPResponse.reason(error.status))\",\"status\":\(error.status),\"detail\":\"\(detail)\"}"
        let response = HTTPResponse(status: error.status, headers: [("Content-Type", "application/problem+json")], body: Array(body.utf8))
        Self.send(connection, response.serialized(close: true, head: false))
        log("- - \(error.status) 0µs \(response.body.count)B")
    }

    // MARK: Sockets

    /// Waits until `connection` has bytes (or is closed) before `deadline`.
    private static func wait(_ connection: Int32, until deadline: Date) -> Bool {
        wait(connection, seconds: deadline.timeIntervalSinceNow)
    }

    private static func wait(_ connection: Int32, seconds: TimeInterval) -> Bool {
        guard seconds > 0 else { return false }
        var descriptor = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&descriptor, 1, Int32(min(seconds * 1000, Double(Int32.max))))
            if ready < 0 && errno == EINTR { continue }
            return ready > 0
        }
    }

    /// Appends what the socket has; false when the peer closed or an error occurred.
    private static func receive(_ connection: Int32, into buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
    }

    @discardableResult
    private static func send(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return Glibc.send(connection, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }
}
