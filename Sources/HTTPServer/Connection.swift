import Platform
import Synchronization

/// The descriptor of a connection, shared by the loop and the worker computing its answer: the
/// worker writes the answer straight away (no round trip through the loop), and the loop never
/// closes the descriptor while a worker writes to it (a closed number can be reused at once by
/// the next client or file).
final class SocketGate: Sendable {
    let descriptor: Int32
    private let open = Mutex(true)

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Writes what the socket takes now of `bytes`, unless the descriptor was closed: the count
    /// written, nil when the connection failed or was closed.
    func sendNow(_ bytes: [UInt8]) -> Int? {
        open.withLock { open -> Int? in
            guard open else { return nil }
            var sent = 0
            while sent < bytes.count {
                let outcome = bytes.withUnsafeBytes { Socket.send(descriptor, UnsafeRawBufferPointer(rebasing: $0[sent...])) }
                switch outcome {
                case .done(let count): sent += count
                case .wouldBlock: return sent
                case .closed, .failed: return nil
                }
            }
            return sent
        }
    }

    func close() {
        open.withLock { open in
            if open { Socket.close(descriptor) }
            open = false
        }
    }
}

/// One client connection as the event loop sees it: the bytes received and not yet used, the
/// answer being sent, and where it is in the request cycle. Used by the loop's thread only.
final class Connection {
    /// Where the connection is in the request cycle.
    enum Phase {
        /// Between requests (or before the first): nothing received yet.
        case waiting
        /// Part of a request head received.
        case head
        /// The head parsed; the body (`length` bytes) being received.
        case body(HTTPRequest, length: Int)
        /// The request is with a worker.
        case processing
        /// An answer is being written.
        case sending
    }

    let id: UInt64
    let descriptor: Int32
    let gate: SocketGate
    var phase = Phase.waiting
    /// Received bytes not yet parsed (the rest of a request, pipelined requests).
    var input: [UInt8] = []
    /// How far `input` was searched for the end of the head.
    var scanned = 0
    var output: [UInt8] = []
    var sent = 0
    var closeAfterSending = false
    /// The client closed its side: answer what was received, then close.
    var peerClosed = false
    var closed = false
    var served = 0
    /// When the current phase began (the timeouts count from it).
    var since: Double
    /// When the connection last moved forward (accepted, a whole answer sent): the one that
    /// has not for longest gives its slot to a new client when all are taken.
    var lastProgress: Double

    init(id: UInt64, descriptor: Int32, now: Double) {
        self.id = id
        self.descriptor = descriptor
        gate = SocketGate(descriptor: descriptor)
        since = now
        lastProgress = now
    }

    var isProcessing: Bool {
        if case .processing = phase { return true }
        return false
    }

    var isSending: Bool {
        if case .sending = phase { return true }
        return false
    }

    /// More requests received while one is computed or sent: a client that pipelines.
    var isPipelining: Bool {
        switch phase {
        case .processing, .sending: return !input.isEmpty
        case .waiting, .head, .body: return false
        }
    }

    /// Nothing asked and nothing owed: the connection can be closed without cutting a request.
    var isIdle: Bool {
        if case .waiting = phase { return input.isEmpty }
        return false
    }
}
