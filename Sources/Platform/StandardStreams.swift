#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The process's standard input, output and error as descriptors: which of them were closed
/// when the program started, and the first write that failed on each output. Every write to
/// standard output or error goes through `write`, so a lost output is known and reported,
/// never a trap and never a silent success.
public enum StandardStreams {
    /// Standard output or standard error.
    public enum Stream: Int32, Sendable {
        case output = 1, error = 2
    }

    /// A write that failed: on which stream, why (`strerror`, in English), and whether the
    /// descriptor was closed when the program started (`>&-`).
    public struct Failure: Sendable, Equatable {
        public let stream: Stream
        public let reason: String
        public let closedAtStart: Bool

        public init(stream: Stream, reason: String, closedAtStart: Bool) {
            self.stream = stream
            self.reason = reason
            self.closedAtStart = closedAtStart
        }
    }

    private struct State {
        var closed: [Bool] = [false, false, false]
        var failures: [Failure?] = [nil, nil, nil]
    }

    private static let state = Mutex(State())

    /// Call first, before any file is opened. A closed standard descriptor (`<&-`, `>&-`,
    /// `2>&-`) is reopened on `/dev/null` in the direction that makes every use of it fail
    /// (standard input for writing only, the outputs for reading only): no file the program
    /// opens later takes its number (results written into the corpus, messages into the
    /// results), and reading or writing it is an error, not an empty input or a lost output.
    public static func secure() {
        for descriptor: Int32 in 0...2 where fcntl(descriptor, F_GETFD) < 0 && errno == EBADF {
            let placeholder = open("/dev/null", descriptor == 0 ? O_WRONLY : O_RDONLY)
            if placeholder >= 0 && placeholder != descriptor {
                _ = dup2(placeholder, descriptor)
                _ = close(placeholder)
            }
            state.withLock { $0.closed[Int(descriptor)] = true }
        }
    }

    /// Whether the descriptor (0, 1 or 2) was closed when the program started (`secure`).
    public static func wasClosed(_ descriptor: Int32) -> Bool {
        guard (0...2).contains(descriptor) else { return false }
        return state.withLock { $0.closed[Int(descriptor)] }
    }

    /// Writes all of `bytes` to `stream`; after a failure nothing more is written to it (the
    /// first failure is kept for `failure(of:)`). False when the bytes were not all written.
    @discardableResult
    public static func write(_ stream: Stream, _ bytes: UnsafeRawBufferPointer) -> Bool {
        if state.withLock({ $0.failures[Int(stream.rawValue)] != nil }) { return false }
        if SystemFile.writeAll(stream.rawValue, bytes) { return true }
        let reason = SystemFile.lastError()
        state.withLock { state in
            if state.failures[Int(stream.rawValue)] == nil {
                state.failures[Int(stream.rawValue)] = Failure(stream: stream, reason: reason, closedAtStart: state.closed[Int(stream.rawValue)])
            }
        }
        return false
    }

    /// Writes `text` (UTF-8) to `stream`.
    @discardableResult
    public static func write(_ stream: Stream, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { write(stream, UnsafeRawBufferPointer($0)) }
    }

    /// The first failed write on `stream`, if any.
    public static func failure(of stream: Stream) -> Failure? {
        state.withLock { $0.failures[Int(stream.rawValue)] }
    }

    /// Standard input's problem, if it cannot be read at all: closed when the program started,
    /// or not open for reading. nil when it can be read (an empty input is fine).
    public static func unreadableInput() -> String? {
        if wasClosed(0) { return "standard input is closed" }
        let flags = fcntl(0, F_GETFL)
        if flags < 0 { return SystemFile.lastError() }
        if (flags & O_ACCMODE) == O_WRONLY { return "standard input is not open for reading" }
        return nil
    }
}
