import Foundation
import Testing
@testable import ParcoursEngine
@testable import ParcoursBatch

/// The one place corpus lines are cut: against a plain split of the same bytes, whatever the
/// block size, with CRLF, blank lines, lines over the limit, a last line without newline, and
/// a NUL byte.
@Suite("Line reader")
struct LineReaderTests {
    /// What the reader should give for `bytes`: split at `\n`, a final `\r` dropped, a line of
    /// more than `maxLine` bytes (its `\r` included) refused, no line after a final newline;
    /// the line holding a NUL is `.binary` and the last.
    static func expected(_ bytes: [UInt8], maxLine: Int) -> [[UInt8]?] {
        var lines: [[UInt8]?] = []
        var start = 0
        while start < bytes.count {
            let newline = bytes[start...].firstIndex(of: 0x0A)
            let end = newline ?? bytes.count
            let line = Array(bytes[start..<end])
            if line.contains(0) { lines.append([0]); return lines }
            if line.count > maxLine { lines.append(nil) } else { lines.append(line.last == 0x0D ? Array(line.dropLast()) : line) }
            start = end + 1
        }
        return lines
    }

    /// Every line `reader` gives, blocks of about `size` bytes, in the same shape as `expected`;
    /// each block's buffer goes back to the pool, as a batch does.
    static func read(_ path: String, size: Int, maxLine: Int) throws -> [[UInt8]?] {
        var reader = try LineReader(path: path, maxLine: maxLine)
        defer { reader.close() }
        var lines: [[UInt8]?] = []
        while let block = reader.nextBlock(size: size) {
            #expect(!block.items.isEmpty)
            for item in block.items {
                switch item {
                case .text(let start, let end): lines.append(block.bytes.withBytes { Array($0[start..<end]) })
                case .tooLong: lines.append(nil)
                case .binary: lines.append([0])
                case .readFailed(let reason): Issue.record("read failed: \(reason)")
                }
            }
            reader.pool.give(block.bytes)
        }
        #expect(reader.nextBlock(size: size) == nil, "the end stays the end")
        return lines
    }

    static func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-lines-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Random lines from 0 to 140 bytes (a limit of 100), some ending in CRLF, the last one
    /// with or without its newline.
    static func corpus(seed: UInt64, lines: Int, finalNewline: Bool) -> [UInt8] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var bytes: [UInt8] = []
        for index in 0..<lines {
            bytes += (0..<next(141)).map { _ in UInt8(97 + next(26)) }
            if next(5) == 0 { bytes.append(0x0D) }
            if index < lines - 1 || finalNewline { bytes.append(0x0A) }
        }
        return bytes
    }

    @Test(arguments: [true, false])
    func cutsLikeAPlainSplitWhateverTheBlockSize(finalNewline: Bool) throws {
        let bytes = Self.corpus(seed: finalNewline ? 1 : 2, lines: 3000, finalNewline: finalNewline)
        let path = try Self.file(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expected = Self.expected(bytes, maxLine: 100)
        #expect(expected.contains { $0 == nil } && expected.contains { $0?.isEmpty == true })
        for size in [1, 100, 4096, 1 << 16, 1 << 20] {
            #expect(try Self.read(path, size: size, maxLine: 100) == expected, "blocks of \(size) bytes")
        }
    }

    @Test func linesAtTheLimitAndOneOver() throws {
        let limit = 1 << 16
        let text = [UInt8](repeating: 0x61, count: limit) + [0x0A] + [UInt8](repeating: 0x62, count: limit + 1) + [0x0A]
            + [UInt8](repeating: 0x63, count: limit) + [0x0D, 0x0A] + [0x64] + [0x0A] + [UInt8](repeating: 0x65, count: limit + 1)
        let path = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lines = try Self.read(path, size: 1000, maxLine: limit)
        #expect(lines.map { $0?.count } == [limit, nil, nil, 1, nil])
    }

    /// A read error is not an end of file: `.readFailed` ends the input, and the reader says
    /// why. (Reading `/proc/self/mem` from offset 0 fails with EIO, as a bad disk would.)
    @Test func aReadErrorIsNotAnEndOfFile() throws {
        var reader = try LineReader(path: "/proc/self/mem", maxLine: 100)
        defer { reader.close() }
        let block = reader.nextBlock(size: 1000)
        #expect(block?.items == [.readFailed(reason: "Input/output error")])
        #expect(reader.failure == "Input/output error")
        #expect(reader.nextBlock(size: 1000) == nil, "the end stays the end")
    }

    @Test func aNULKeepsTheLinesBeforeItAndEndsTheInput() throws {
        let text = Array("{\"a\": 1}\nsecond\nthi".utf8) + [0] + Array("rd\nfourth\n".utf8)
        let path = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for size in [1, 1 << 20] {
            #expect(try Self.read(path, size: size, maxLine: 100) == [Array("{\"a\": 1}".utf8), Array("second".utf8), [0]])
        }
        // A NUL inside a line already over the limit ends the input too.
        let long = try Self.file([UInt8](repeating: 0x61, count: 300_000) + [0] + [0x0A, 0x61])
        defer { try? FileManager.default.removeItem(atPath: long) }
        #expect(try Self.read(long, size: 1000, maxLine: 1000) == [[0]])
    }

    /// Wherever the NUL is (first byte, just after or before a newline, inside a line over the
    /// limit, last byte) and whatever the block size: the lines before it, then `.binary`.
    @Test func aNULAnywhere() throws {
        let text = Array("ab\r\ncd\n\nefgh\nij".utf8)
        for position in 0...text.count {
            var bytes = text
            bytes.insert(0, at: position)
            let path = try Self.file(bytes)
            defer { try? FileManager.default.removeItem(atPath: path) }
            for size in [1, 3, 1 << 20] {
                #expect(try Self.read(path, size: size, maxLine: 3) == Self.expected(bytes, maxLine: 3), "NUL at \(position), blocks of \(size)")
            }
        }
    }

    @Test func emptyAndNewlineOnlyFiles() throws {
        let empty = try Self.file([])
        let newline = try Self.file([0x0A, 0x0D, 0x0A])
        defer { for path in [empty, newline] { try? FileManager.default.removeItem(atPath: path) } }
        #expect(try Self.read(empty, size: 100, maxLine: 100).isEmpty)
        #expect(try Self.read(newline, size: 100, maxLine: 100) == [[], []])
    }

    /// A line of 8 MB over a limit of 64 KB is skipped without being held: the buffer stays
    /// near the limit plus one read.
    @Test func aHugeLineIsNotHeldWhole() throws {
        let path = try Self.file([UInt8](repeating: 0x61, count: 8 << 20) + [0x0A, 0x62])
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try LineReader(path: path, maxLine: 1 << 16)
        defer { reader.close() }
        let read = reader.nextBlock(size: 1 << 20)
        let block = try #require(read)
        #expect(block.items.count == 2 && block.items[0] == .tooLong)
        #expect(block.bytes.capacity <= 4 << 20, "held \(block.bytes.capacity) bytes")
        #expect(block.bytesRead == (8 << 20) + 2)
    }

    /// Blocks reuse the buffers given back instead of asking for fresh ones.
    @Test func buffersGivenBackAreReused() throws {
        let path = try Self.file(Self.corpus(seed: 3, lines: 20000, finalNewline: true))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try LineReader(path: path, maxLine: 1000)
        defer { reader.close() }
        let read = reader.nextBlock(size: 1 << 16)
        let first = try #require(read)
        reader.pool.give(first.bytes)
        let again = reader.nextBlock(size: 1 << 16)
        let second = try #require(again)
        #expect(second.bytes === first.bytes)
    }
}
