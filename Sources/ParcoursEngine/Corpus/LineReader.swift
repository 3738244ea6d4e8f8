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

    /// The file's size when it is a regular file (not standard input or a pipe), for progress.
    package var size: Int? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// Closes the file.
    package func close() {
        _ = Glibc.close(descriptor)
    }

    /// The next line; nil at the end. A read error ends the file (the caller counts lines read).
    package mutating func next() -> Line? {
        switch nextSpan() {
        case nil: return nil
        case .text(let range)?: return .text(Array(buffer[range]))
        case .tooLong?: return .tooLong
        case .binary?: return .binary
        }
    }

    /// Lines read together, their bytes in one buffer: what a batch worker takes at once.
    package struct Block: Sendable {
        /// One line of the block.
        package enum Item: Sendable, Equatable {
            /// The line's bytes in `bytes` (without `\n` or `\r\n`).
            case text(start: Int, end: Int)
            case tooLong
            case binary
        }

        package var bytes: [UInt8] = []
        package var items: [Item] = []
    }

    /// The next lines, about `size` bytes of them (at least one line); nil at the end. The
    /// lines are cut exactly as `next()` cuts them.
    package mutating func nextBlock(size: Int) -> Block? {
        var block = Block()
        block.bytes.reserveCapacity(size + 4096)
        while block.bytes.count < size, let span = nextSpan() {
            switch span {
            case .text(let range):
                let start = block.bytes.count
                block.bytes.append(contentsOf: buffer[range])
                block.items.append(.text(start: start, end: block.bytes.count))
            case .tooLong: block.items.append(.tooLong)
            case .binary: block.items.append(.binary)
            }
        }
        return block.items.isEmpty ? nil : block
    }

    private enum Span {
        /// The line's range in `buffer`, valid until the next read.
        case text(Range<Int>)
        case tooLong
        case binary
    }

    /// Where the next line is: the one place lines are cut.
    private mutating func nextSpan() -> Span? {
        var skipping = false
        while true {
            let found = buffer.withUnsafeBufferPointer { bytes -> Int? in
                guard scanned < bytes.count, let base = bytes.baseAddress else { return nil }
                guard let hit = memchr(base + scanned, 0x0A, bytes.count - scanned) else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            if let newline = found {
                defer { position = newline + 1; scanned = position }
                if skipping || newline - position > maxLine { return .tooLong }
                let end = newline > position && buffer[newline - 1] == UInt8(ascii: "\r") ? newline - 1 : newline
                return .text(position..<end)
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
                return .text(position..<buffer.count)
            }
            if position > 0 {
                buffer.removeFirst(position)
                scanned -= position
                position = 0
            }
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { finished = true; continue }
            if chunk.withUnsafeBufferPointer({ $0.baseAddress.map { memchr($0, 0, count) != nil } ?? false }) {
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
