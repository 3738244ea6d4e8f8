import Bytes
import Platform
import ParcoursEngine

/// Reads a file as blocks of whole lines through its file descriptor, straight into reused
/// buffers (one copy, the system's), so memory stays flat whatever its size; a line longer than
/// `maxLine` is skipped and reported, not read whole.
package struct LineReader {
    /// Lines read together, their bytes in one buffer: what a batch job takes at once.
    package struct Block: Sendable {
        /// One line of the block.
        package enum Item: Sendable, Equatable {
            /// The line's bytes in `bytes` (without `\n` or `\r\n`).
            case text(start: Int, end: Int)
            /// A line longer than the limit, skipped up to its end.
            case tooLong
            /// A line with a NUL byte: the input is not text (a binary file, a device); reading
            /// stops there.
            case binary
            /// The input could not be read on (an I/O error, why in `reason`): the lines before
            /// it are kept, the line being read is dropped, and reading stops. Never an end of
            /// file: the corpus was not read whole.
            case readFailed(reason: String)
        }

        /// The lines' bytes (the ranges of `items` are in it), from the reader's `pool`.
        package let bytes: ByteBuffer
        package var items: [Item] = []
        /// How many bytes of the input the block took (for progress).
        package var bytesRead = 0
    }

    private let descriptor: Int32
    private let maxLine: Int
    /// Where blocks' buffers come from: give a block's `bytes` back once its lines are done
    /// with (from any thread), and a later block reuses them.
    package let pool: ByteBufferPool
    /// The start of a line read but not ended yet, kept for the next block.
    private var carry: ByteBuffer
    /// Inside a line already too long: its bytes are dropped up to its newline.
    private var skipping = false
    /// A NUL byte was read: the line holding it ends the input.
    private var binaryTail = false
    /// A read failed: `.readFailed` is still to be given.
    private var pendingFailure: String?
    /// Why reading stopped before the end of the input, when it did (a read error).
    package private(set) var failure: String?
    private var finished = false
    /// How many lines the last block held: room for as many is made in the next at once.
    private var lastItemCount = 0

    /// Opens `path`; says why when it cannot (missing, a folder, no permission).
    /// `-` reads standard input.
    package init(path: String, maxLine: Int = Limits.corpusLineBytes) throws(InputError) {
        self.descriptor = try SystemFile.open(path)
        self.maxLine = max(1, maxLine)
        pool = ByteBufferPool(limit: 64)
        carry = ByteBuffer(capacity: 1 << 12)
    }

    /// The file's size when it is a regular file (not standard input or a pipe), for progress.
    package var size: Int? {
        SystemFile.regularFileSize(descriptor)
    }

    /// Closes the file.
    package func close() {
        SystemFile.close(descriptor)
    }

    /// The next lines, about `size` bytes of them (at least one line); nil at the end. Lines
    /// are cut at `\n` (a `\r` before it is dropped); the last line needs no newline. The line
    /// holding a NUL byte is `.binary` and ends the input (the lines before it are kept); a read
    /// error is `.readFailed`, the last item. This is the one place lines are cut.
    package mutating func nextBlock(size: Int) -> Block? {
        guard !finished || !carry.isEmpty || skipping || binaryTail || pendingFailure != nil else { return nil }
        var block = Block(bytes: pool.take(capacity: size + (1 << 16)))
        block.items.reserveCapacity(lastItemCount + 64)
        defer { lastItemCount = block.items.count }
        let bytes = block.bytes
        carry.withBytes(bytes.append)
        carry.removeAll()
        /// Where the line being cut starts, and where the search for its newline resumes.
        var lineStart = 0, scanned = 0
        while true {
            cut(bytes, from: &lineStart, scanned: &scanned, into: &block.items)
            if finished {
                if binaryTail {
                    block.items.append(.binary)
                } else if let reason = pendingFailure {
                    bytes.truncate(to: lineStart)
                    block.items.append(.readFailed(reason: reason))
                } else if lineStart < bytes.count || skipping {
                    let tooLong = skipping || bytes.count - lineStart > maxLine
                    block.items.append(tooLong ? .tooLong : text(bytes, lineStart, bytes.count))
                }
                skipping = false
                binaryTail = false
                pendingFailure = nil
                return block.items.isEmpty ? nil : block
            }
            if !block.items.isEmpty && bytes.count >= size {
                bytes.withBytes { carry.append(UnsafeBufferPointer(rebasing: $0[lineStart...])) }
                bytes.truncate(to: lineStart)
                return block
            }
            if bytes.count - lineStart > maxLine {
                // Too long already: drop what is held of it and skip to its newline.
                skipping = true
                bytes.truncate(to: lineStart)
                scanned = lineStart
            }
            let room = max(size - bytes.count, 1 << 16)
            var count = 0
            bytes.append(bound: room) { target in
                count = SystemFile.read(descriptor, into: target, count: room)
                return max(count, 0)
            }
            if count > 0 { block.bytesRead += count }
            if count < 0 {
                let reason = SystemFile.lastError()
                pendingFailure = reason
                failure = reason
                binaryTail = false
            }
            if count <= 0 { finished = true }
        }
    }

    /// Cuts the ended lines of `bytes` from `lineStart` into `items`, scanning each byte read
    /// once for a newline or a NUL (one `strchrnul` pass, the zero past the bytes as its stop).
    /// A NUL means the input is not text: the lines before it are kept, and the line holding
    /// it ends the input (`binaryTail`).
    private mutating func cut(_ bytes: ByteBuffer, from lineStart: inout Int, scanned: inout Int, into items: inout [Block.Item]) {
        bytes.withTerminatedBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while scanned < buffer.count {
                guard let found = SystemText.newlineOrNul(from: UnsafeRawPointer(base + scanned).assumingMemoryBound(to: CChar.self)) else { break }
                let newline = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                if newline >= buffer.count { break }
                if base[newline] == 0 {
                    binaryTail = true
                    finished = true
                    return
                }
                if skipping || newline - lineStart > maxLine {
                    items.append(.tooLong)
                    skipping = false
                } else {
                    items.append(text(bytes, lineStart, newline))
                }
                lineStart = newline + 1
                scanned = lineStart
            }
            scanned = buffer.count
        }
    }

    /// The line from `start` to `end` (its newline or the end of input), without a final `\r`.
    private func text(_ bytes: ByteBuffer, _ start: Int, _ end: Int) -> Block.Item {
        let carriageReturn = end > start && bytes.withBytes { $0[end - 1] } == UInt8(ascii: "\r")
        return .text(start: start, end: carriageReturn ? end - 1 : end)
    }
}
