import Platform
import Synchronization

/// What the loop and the workers share: the answers ready to send, the stop request, the
/// count of open connections, and the poller to wake the loop with.
final class LoopShared: Sendable {
    /// An answer computed by a worker, for connection `id`.
    struct Completion: Sendable {
        let id: UInt64
        let bytes: [UInt8]
        /// How much of `bytes` the worker already wrote; nil when the connection failed.
        let sent: Int?
        let close: Bool
    }

    /// A request handed to a worker.
    struct Job: Sendable {
        let id: UInt64
        let gate: SocketGate
        let request: HTTPRequest
        let close: Bool
        let started: Double
    }

    let poller: EventPoller
    let completions = Mutex<[Completion]>([])
    let stopping = Atomic<Bool>(false)
    let active = Atomic<Int>(0)

    init(poller: EventPoller) {
        self.poller = poller
    }

    func complete(_ completion: Completion) {
        completions.withLock { $0.append(completion) }
        poller.wake()
    }
}

/// The server's event loop, on one thread: accepts, reads and writes every connection on
/// non-blocking sockets, enforces the limits and timeouts, hands whole requests to the workers
/// and never waits on anything but `epoll`.
final class EventLoop {
    private static let listenerToken: UInt64 = 1
    /// Timeouts are checked this often (seconds).
    private static let sweepInterval = 0.1

    private let configuration: ServerConfiguration
    private let listener: Int32
    private let shared: LoopShared
    private let pool: WorkerPool<LoopShared.Job>
    private let log: @Sendable (String) -> Void
    private var connections: [UInt64: Connection] = [:]
    private var nextID: UInt64 = 2
    private var acceptPending = true
    private var listening = true
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    private var report = ShutdownReport()

    init(configuration: ServerConfiguration, listener: Int32, shared: LoopShared, pool: WorkerPool<LoopShared.Job>, log: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.listener = listener
        self.shared = shared
        self.pool = pool
        self.log = log
    }

    func run() -> ShutdownReport {
        shared.poller.add(listener, token: Self.listenerToken)
        var events: [EventPoller.Event] = []
        var lastSweep = SystemClock.monotonic()
        var stoppedAt: Double?
        while true {
            shared.poller.wait(milliseconds: acceptPending && listening ? 0 : Int32(Self.sweepInterval * 1000), into: &events)
            var now = SystemClock.monotonic()
            for event in events {
                if event.token == Self.listenerToken { acceptPending = true; continue }
                guard event.token != EventPoller.wakeToken, let connection = connections[event.token] else { continue }
                if event.failed {
                    close(connection)
                } else {
                    pump(connection, now)
                }
            }
            deliverCompletions(now)
            if stoppedAt == nil && shared.stopping.load(ordering: .acquiring) {
                stoppedAt = now
                stopListening(now)
            }
            if acceptPending && listening { acceptSome(now) }
            now = SystemClock.monotonic()
            if now - lastSweep >= Self.sweepInterval {
                lastSweep = now
                sweep(now)
                if listening { acceptPending = true }
            }
            if let stoppedAt {
                if connections.isEmpty { break }
                if now - stoppedAt >= configuration.drainTimeout {
                    report.cut = connections.values.filter { !$0.isIdle }.count
                    for connection in Array(connections.values) { close(connection) }
                    break
                }
            }
        }
        pool.close()
        return report
    }

    // MARK: Accepting

    /// Accepts the clients waiting. At the limit, a client is accepted only when a connection
    /// can give it its slot; otherwise it waits in the system's backlog until one can (checked
    /// at each close and sweep).
    private func acceptSome(_ now: Double) {
        for _ in 0..<64 {
            var victim: Connection?
            if connections.count >= configuration.maxConnections {
                victim = longestStalled(now)
                guard victim != nil else {
                    acceptPending = false
                    return
                }
            }
            switch Socket.accept(listener) {
            case .done(let descriptor):
                if let victim { evict(victim) }
                admit(Int32(descriptor), now)
            case .wouldBlock:
                acceptPending = false
                return
            case .closed, .failed:
                // No descriptor left (EMFILE) or another failure: the clients wait in the
                // backlog; the next sweep tries again.
                acceptPending = false
                return
            }
        }
    }

    private func admit(_ descriptor: Int32, _ now: Double) {
        let connection = Connection(id: nextID, descriptor: descriptor, now: now)
        nextID += 1
        guard shared.poller.add(descriptor, token: connection.id) else {
            Socket.close(descriptor)
            return
        }
        connections[connection.id] = connection
        shared.active.store(connections.count, ordering: .releasing)
    }

    /// The connection to give its slot to a new client: first one that pipelines requests while
    /// its answers wait (it has sent more than it reads), then the one that has not moved
    /// forward for longest (at least the eviction grace) and is not computing a request: a
    /// client that sends slowly, never reads, or sits idle.
    private func longestStalled(_ now: Double) -> Connection? {
        var found: Connection?
        var foundRank = 2
        for connection in connections.values {
            let rank: Int
            if connection.isPipelining {
                rank = 0
            } else if !connection.isProcessing && now - connection.lastProgress >= configuration.evictionGrace {
                rank = 1
            } else {
                continue
            }
            if let best = found, (foundRank, best.lastProgress, best.id) <= (rank, connection.lastProgress, connection.id) { continue }
            found = connection
            foundRank = rank
        }
        return found
    }

    private func evict(_ connection: Connection) {
        report.evicted += 1
        switch connection.phase {
        case .head, .body:
            let busy = HTTPResponse(status: 503, headers: [("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", "1")],
                                    body: Array("too many connections\n".utf8))
            _ = busy.serialized(close: true, head: false).withUnsafeBytes { Socket.send(connection.descriptor, $0) }
        case .waiting, .processing, .sending:
            break
        }
        close(connection)
    }

    private func close(_ connection: Connection) {
        guard !connection.closed else { return }
        connection.closed = true
        connection.gate.close()
        connections[connection.id] = nil
        shared.active.store(connections.count, ordering: .releasing)
        if listening { acceptPending = true }
    }

    // MARK: One connection

    /// Moves a connection as far as it can go without waiting: sends what is owed, parses what
    /// was received, hands a whole request to a worker, reads more only when a request needs it
    /// (a client that does not read its answers is not read from either).
    private func pump(_ connection: Connection, _ now: Double) {
        while !connection.closed {
            if connection.isSending {
                guard flush(connection) else { return }
                connection.served += 1
                connection.lastProgress = now
                connection.output = []
                if connection.closeAfterSending || shared.stopping.load(ordering: .relaxed) {
                    close(connection)
                    return
                }
                connection.phase = .waiting
                connection.since = now
            }
            if connection.isProcessing { return }
            if parse(connection, now) { continue }
            if connection.isProcessing { return }
            if connection.peerClosed {
                // Nothing more will come: a partial request can never be completed.
                close(connection)
                return
            }
            let outcome = chunk.withUnsafeMutableBytes { Socket.receive(connection.descriptor, into: $0.baseAddress, count: $0.count) }
            switch outcome {
            case .done(let count):
                connection.input.append(contentsOf: chunk[0..<count])
            case .wouldBlock:
                if connection.isIdle && shared.stopping.load(ordering: .relaxed) { close(connection) }
                return
            case .closed:
                connection.peerClosed = true
            case .failed:
                close(connection)
                return
            }
        }
    }

    /// Writes the answer as far as the socket takes it; true when it is all sent.
    private func flush(_ connection: Connection) -> Bool {
        while connection.sent < connection.output.count {
            let outcome = connection.output.withUnsafeBytes { raw in
                Socket.send(connection.descriptor, UnsafeRawBufferPointer(rebasing: raw[connection.sent...]))
            }
            switch outcome {
            case .done(let count): connection.sent += count
            case .wouldBlock: return false
            case .closed, .failed:
                close(connection)
                return false
            }
        }
        return true
    }

    /// Parses what was received. True when an answer is now to be sent (a refusal); the phase
    /// is `processing` when a request went to a worker; false otherwise (more bytes needed).
    private func parse(_ connection: Connection, _ now: Double) -> Bool {
        let limits = configuration.limits
        if case .waiting = connection.phase {
            guard !connection.input.isEmpty else { return false }
            connection.phase = .head
            connection.since = now
            connection.scanned = 0
        }
        if case .head = connection.phase {
            guard let end = RequestParser.headEnd(connection.input, from: connection.scanned) else {
                connection.scanned = max(0, connection.input.count - 3)
                if connection.input.count > limits.headerBytes {
                    refuse(connection, HTTPError(431, "the request head is larger than \(limits.headerBytes) bytes"), now)
                    return true
                }
                return false
            }
            if end > limits.headerBytes {
                refuse(connection, HTTPError(431, "the request head is larger than \(limits.headerBytes) bytes"), now)
                return true
            }
            do {
                let parsed = try RequestParser.parseHead(connection.input[0..<end], limits: limits)
                connection.input.removeFirst(end)
                connection.phase = .body(parsed.request, length: parsed.bodyLength)
            } catch {
                refuse(connection, error, now)
                return true
            }
        }
        if case .body(let head, let length) = connection.phase {
            guard connection.input.count >= length else { return false }
            let body = Array(connection.input[0..<length])
            connection.input.removeFirst(length)
            let request = HTTPRequest(method: head.method, path: head.path, query: head.query, version: head.version, headers: head.headers, body: body)
            connection.phase = .processing
            let close = request.wantsClose || connection.served + 1 >= configuration.maxRequestsPerConnection
            // A request with more pipelined behind it waits behind the others' requests.
            pool.submit(LoopShared.Job(id: connection.id, gate: connection.gate, request: request, close: close, started: now), urgent: !connection.isPipelining)
        }
        return false
    }

    /// Answers with an error and closes once it is sent.
    private func refuse(_ connection: Connection, _ error: HTTPError, _ now: Double) {
        let response = HTTPResponse.refusal(error)
        connection.output = response.serialized(close: true, head: false)
        connection.sent = 0
        connection.closeAfterSending = true
        connection.phase = .sending
        connection.since = now
        log(AccessLog.line(method: "-", path: "-", status: error.status, micros: 0, bytes: response.body.count))
    }

    private func deliverCompletions(_ now: Double) {
        let ready = shared.completions.withLock { completions -> [LoopShared.Completion] in
            defer { completions.removeAll(keepingCapacity: true) }
            return completions
        }
        for completion in ready {
            guard let connection = connections[completion.id], connection.isProcessing else { continue }
            guard let sent = completion.sent else {
                close(connection)
                continue
            }
            connection.output = completion.bytes
            connection.sent = sent
            connection.closeAfterSending = completion.close
            connection.phase = .sending
            connection.since = now
            pump(connection, now)
        }
    }

    // MARK: Timeouts and stop

    private func sweep(_ now: Double) {
        for connection in Array(connections.values) {
            switch connection.phase {
            case .waiting:
                let limit = connection.served == 0 ? configuration.readTimeout : configuration.idleTimeout
                if now - connection.since >= limit {
                    if connection.served == 0 { report.timedOut += 1 }
                    close(connection)
                }
            case .head, .body:
                if now - connection.since >= configuration.readTimeout {
                    report.timedOut += 1
                    refuse(connection, HTTPError(408, "the request was not received in time"), now)
                    pump(connection, now)
                }
            case .sending:
                if now - connection.since >= configuration.sendTimeout {
                    report.timedOut += 1
                    close(connection)
                }
            case .processing:
                break
            }
        }
    }

    /// Stops accepting; idle connections are closed (a request already on its way is read
    /// and answered first); the others finish their request and are answered with
    /// `Connection: close`.
    private func stopListening(_ now: Double) {
        listening = false
        shared.poller.remove(listener)
        Socket.close(listener)
        for connection in Array(connections.values) where connection.isIdle {
            pump(connection, now)
        }
    }
}
