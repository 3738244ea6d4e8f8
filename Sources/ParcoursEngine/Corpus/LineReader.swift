#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file line by line in fixed-size chunks through its file descriptor, so memory stays
/// flat whatever its size; a line longer than `maxLine` is skipped and reported, not read whole.
package struct LineReader {
    /// One line read.
    package enum Line: Equatable {
        /// The line's bytes, without `\n` or `\r\n`.
        case text([UInt8])
        /// A line longer than the limit, skipped up to its end.
        case tooLong
        /// A NUL byte: the input is not text (a binary file, a device); reading stops here.
        case binary
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var position = 0
    /// Where the search for the next newline resumes (no byte is scanned twice).
    private var scanned = 0
    private var finished = false
    private var chunk: [UInt8]
    private let maxLine: Int

    /// Opens `path`; says why when it cannot (missing, a folder, no permission).
    /// `-` reads standard input.
    package init(path: String, chunkSize: Int = 1 << 16, maxLine: Int = Limits.corpusLineBytes) throws(InputError) {
        let descriptor = path == "-" ? dup(0) : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: InputFile.reason()) }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            _ = Glibc.close(descriptor)
            throw .isDirectory(path: path)
        }
        self.descriptor = descriptor
        self.chunk = [UInt8](repeating: 0, count: Swift.max(1, chunkSize))
        self.maxLine = maxLine
    }

    /// Closes the file.
    package func close() {
        _ = Glibc.close(descriptor)
    }

    /// The next line; nil at the end. A read error ends the file (the caller counts lines read).
    package mutating func next() -> Line? {
        var skipping = false
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { position = newline + 1; scanned = position }
                if skipping || newline - position > maxLine { return .tooLong }
                var line = Array(buffer[position..<newline])
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return .text(line)
            }
            scanned = buffer.count
            if buffer.count - position > maxLine {
                // Too long already: drop what is buffered and skip to the next newline.
                skipping = true
                buffer.removeAll(keepingCapacity: true)
                position = 0
                scanned = 0
            }
            if finished {
                guard position < buffer.count || skipping else { return nil }
                defer { position = buffer.count; scanned = position }
                if skipping { return .tooLong }
                return .text(Array(buffer[position...]))
            }
            if position > 0 {
                buffer.removeFirst(position)
                scanned -= position
                position = 0
            }
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { finished = true; continue }
            if chunk[0..<count].contains(0) {
                finished = true
                buffer.removeAll()
                position = 0
                scanned = 0
                return .binary
            }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }
}
