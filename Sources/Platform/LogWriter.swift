#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A log written to a descriptor (the server's standard error) that never blocks and never
/// stops the program. A line that cannot be written whole at once (a pipe whose reader is slow
/// or gone, a closed descriptor, a full disk) is dropped and counted; writing goes on with the
/// next line, so a reader that comes back (a restarted journal) gets the lines from then on.
public final class LogWriter: Sendable {
    /// The longest line written; a longer one is cut (a pipe takes up to 4,096 bytes in one write).
    public static let maxLineBytes = 4000

    /// Standard error: the server's access log and notices.
    public static let standardError = LogWriter(descriptor: 2)

    private struct State {
        var dropped = 0
        /// The descriptor's flags before `detach` set `O_NONBLOCK`, to put back on `restore`.
        var savedFlags: Int32?
    }

    private let descriptor: Int32
    private let state = Mutex(State())

    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Makes writes never wait: `SIGPIPE` is ignored (a closed pipe is an error, not a death),
    /// and a pipe or socket is put in non-blocking mode (a terminal or a file is left as it
    /// is: writing to them does not wait on another program). `restore` undoes the mode.
    public func detach() {
        signal(SIGPIPE, SIG_IGN)
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFIFO || kind == S_IFSOCK else { return }
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0, flags & O_NONBLOCK == 0 else { return }
        if fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) == 0 {
            state.withLock { $0.savedFlags = flags }
        }
    }

    /// Puts back the descriptor's mode changed by `detach` (the pipe may be shared with the shell).
    public func restore() {
        state.withLock { state in
            if let flags = state.savedFlags { _ = fcntl(descriptor, F_SETFL, flags) }
            state.savedFlags = nil
        }
    }

    /// Writes `text`, line by line, each in one system call (a line longer than `maxLineBytes`
    /// is cut); false when a line was dropped. Lines from several threads never interleave.
    @discardableResult
    public func write(_ text: String) -> Bool {
        var complete = true
        for piece in text.utf8.split(separator: 0x0A) where !piece.isEmpty {
            let line = Array(piece)
            var end = min(line.count, Self.maxLineBytes)
            // Cut at a character's first byte, never inside one.
            if end < line.count { while end > 0 && line[end] & 0xC0 == 0x80 { end -= 1 } }
            complete = writeLine(Array(line[0..<end]) + [0x0A]) && complete
        }
        return complete
    }

    private func writeLine(_ bytes: [UInt8]) -> Bool {
        state.withLock { state in
            let written = bytes.withUnsafeBytes { raw -> Int in
                while true {
                    let count = Glibc.write(descriptor, raw.baseAddress, raw.count)
                    if count < 0 && errno == EINTR { continue }
                    return count
                }
            }
            // EAGAIN (the reader is behind), EPIPE (no reader), EBADF (closed), ENOSPC (full),
            // or part of the line only: the line is lost, counted, and the next one tried.
            guard written == bytes.count else {
                state.dropped += 1
                return false
            }
            return true
        }
    }

    /// The lines dropped since the start.
    public var dropped: Int { state.withLock { $0.dropped } }
}
