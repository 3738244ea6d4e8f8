import Foundation

/// Reads a file line by line in fixed-size chunks, so memory stays flat whatever its size.
package struct LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private let chunkSize: Int

    package init?(path: String, chunkSize: Int = 1 << 16) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        self.handle = handle
        self.chunkSize = chunkSize
    }

    /// The next line's bytes, without its `\n` (or `\r\n`); nil at the end.
    package mutating func next() -> [UInt8]? {
        while true {
            if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[position..<newline])
                position = newline + 1
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return line
            }
            if finished {
                guard position < buffer.count else { return nil }
                let line = Array(buffer[position...])
                position = buffer.count
                return line
            }
            buffer.removeFirst(position)
            position = 0
            let data = handle.readData(ofLength: chunkSize)
            if data.isEmpty { finished = true } else { buffer.append(contentsOf: data) }
        }
    }
}
