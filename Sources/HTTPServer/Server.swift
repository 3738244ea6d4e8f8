import Foundation
import Platform

/// How the server runs: where it listens, how many clients it serves, how long it waits.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 asks the system for a free port (see `Server.port`).
    public var port = 8080
    /// Connections open at once. A new client beyond it takes the slot of the connection that
    /// has not moved forward for longest (idle, sending slowly, or not reading its answers,
    /// for at least `evictionGrace`; one cut while sending a request head is answered 503);
    /// while none can give its slot, new clients wait in the system's backlog.
    public var maxConnections = 256
    /// Time to receive a whole request (head and body) once its first byte came, and the first
    /// request of a new connection (a slow client is answered 408 and cut off).
    public var readTimeout: TimeInterval = 10
    /// Time a kept-alive connection may stay idle between requests.
    public var idleTimeout: TimeInterval = 5
    /// Time to send one answer: a client that does not read it in time is closed.
    public var sendTimeout: TimeInterval = 10
    /// How long a connection must have stalled before a new client may take its slot.
    public var evictionGrace: TimeInterval = 0.5
    /// On stop, how long the requests in flight have to finish; past it they are cut.
    public var drainTimeout: TimeInterval = 15
    /// Threads that compute the answers (the event loop itself never waits on them).
    public var workers = min(4, max(2, ProcessInfo.processInfo.activeProcessorCount))
    /// Requests on one connection before it is closed.
    public var maxRequestsPerConnection = 10_000
    public var limits = HTTPLimits()

    public init() {}
}

/// Why the server could not start.
public struct ServerError: Error, Sendable, CustomStringConvertible {
    /// What failed: the address, the socket, the bind or the listen.
    public typealias Kind = SocketError.Step

    public let kind: Kind
    /// The system's reason (`strerror` or `gai_strerror`).
    public let reason: String
    public let description: String
}

/// What a stop left behind: the requests cut at the drain deadline, and what the limits did.
public struct ShutdownReport: Sendable, Equatable {
    /// Connections closed at the drain deadline with a request not yet answered.
    public var cut = 0
    /// Connections closed to give their slot to a new client.
    public var evicted = 0
    /// Connections closed by a timeout (first request, request, or answer not read).
    public var timedOut = 0

    public init() {}
}

/// A small, strict HTTP/1.1 server on non-blocking sockets: one event loop (`epoll`) holds
/// every connection (keep-alive, pipelining one request at a time, `Content-Length` bodies,
/// bounded connections, header, idle and send timeouts, graceful stop); a few worker threads
/// run `handler`. It knows nothing of what it serves.
public final class Server: Sendable {
    public let configuration: ServerConfiguration
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse
    private let listener: Int32
    /// The port bound (the one asked, or the one the system chose for 0).
    public let port: Int
    private let shared: LoopShared
    /// What a finished request reports to the log: method, path, status, duration, size.
    private let log: @Sendable (String) -> Void

    /// Binds and listens (nothing is accepted before `run`).
    public init(configuration: ServerConfiguration, log: @escaping @Sendable (String) -> Void = { _ in },
                handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) throws(ServerError) {
        self.configuration = configuration
        self.handler = handler
        self.log = log
        let host = configuration.host, port = configuration.port
        let bound: (descriptor: Int32, port: Int)
        do {
            bound = try Socket.listen(host: host, port: port, backlog: 1024)
        } catch {
            switch error.step {
            case .address:
                throw ServerError(kind: .address, reason: error.reason, description: "cannot listen on \(host): not a numeric IP address (\(error.reason))")
            case .socket:
                throw ServerError(kind: .socket, reason: error.reason, description: "cannot create a socket: \(error.reason)")
            case .bind:
                throw ServerError(kind: .bind, reason: error.reason, description: "cannot listen on \(host) port \(port): \(error.reason)")
            case .listen:
                throw ServerError(kind: .listen, reason: error.reason, description: "cannot listen: \(error.reason)")
            }
        }
        guard let poller = EventPoller() else {
            Socket.close(bound.descriptor)
            throw ServerError(kind: .socket, reason: "Too many open files", description: "cannot create the event loop: Too many open files")
        }
        listener = bound.descriptor
        self.port = bound.port
        shared = LoopShared(poller: poller)
    }

    /// Accepts and serves clients until `stop`; then lets the requests in flight finish (up to
    /// `drainTimeout`) and says what was cut.
    @discardableResult
    public func run() -> ShutdownReport {
        let shared = self.shared, handler = self.handler, log = self.log
        let pool = WorkerPool<LoopShared.Job>(count: max(1, configuration.workers)) { job in
            let response = handler(job.request)
            let close = job.close || shared.stopping.load(ordering: .acquiring)
            let bytes = response.serialized(close: close, head: job.request.method == "HEAD")
            // Logged before the answer leaves: once a client has its answer, its line is written.
            let micros = Int((SystemClock.monotonic() - job.started) * 1_000_000)
            log(AccessLog.line(method: job.request.method, path: job.request.path, status: response.status, micros: micros, bytes: response.body.count))
            let sent = job.gate.sendNow(bytes)
            shared.complete(LoopShared.Completion(id: job.id, bytes: bytes, sent: sent, close: close))
        }
        return EventLoop(configuration: configuration, listener: listener, shared: shared, pool: pool, log: log).run()
    }

    /// Stops accepting; `run` returns once the requests in flight are answered. Safe from any
    /// thread and from a signal handler's queue: it never waits.
    public func stop() {
        shared.stopping.store(true, ordering: .releasing)
        shared.poller.wake()
    }

    /// The connections open now.
    public var activeConnections: Int { shared.active.load(ordering: .acquiring) }
}
