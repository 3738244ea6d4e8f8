import Foundation
import Testing
import Platform
#if canImport(Glibc)
import Glibc
#endif

/// The server's log writer over real descriptors: a line that cannot be written is dropped and
/// counted, never waited for and never fatal, and writing goes on afterwards.
@Suite("Log writer")
struct LogWriterTests {
    private func pipePair() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        return (ends[0], ends[1])
    }

    @Test func aPipeWithoutReaderDropsAndCounts() throws {
        let ends = try pipePair()
        close(ends.read)
        defer { close(ends.write) }
        let log = LogWriter(descriptor: ends.write)
        log.detach()
        #expect(!log.write("GET / 200 1µs 2B"))
        #expect(!log.write("GET /again 200 1µs 2B"))
        #expect(log.dropped == 2)
    }

    @Test func aFullPipeDropsWithoutWaitingThenWritesAgain() throws {
        let ends = try pipePair()
        defer { close(ends.read); close(ends.write) }
        let log = LogWriter(descriptor: ends.write)
        log.detach()
        let line = String(repeating: "x", count: 1000)
        var written = 0
        while log.write(line) { written += 1 }  // until the pipe is full: never blocks
        #expect(written > 0)
        #expect(log.dropped == 1)
        var sink = [UInt8](repeating: 0, count: 1 << 20)
        _ = sink.withUnsafeMutableBytes { read(ends.read, $0.baseAddress, $0.count) }
        #expect(log.write("back"))
        log.restore()
        #expect(fcntl(ends.write, F_GETFL) & O_NONBLOCK == 0)
    }

    @Test func aClosedOrFullDescriptorDrops() throws {
        let closed = open("/dev/null", O_RDONLY)  // as `2>&-` leaves standard error: not writable
        defer { close(closed) }
        let log = LogWriter(descriptor: closed)
        #expect(!log.write("line"))
        #expect(log.dropped == 1)
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let onFull = LogWriter(descriptor: full)
        #expect(!onFull.write("line"))
        #expect(onFull.dropped == 1)
    }

    @Test func linesAreWrittenWholeAndCut() throws {
        let ends = try pipePair()
        defer { close(ends.read); close(ends.write) }
        let log = LogWriter(descriptor: ends.write)
        #expect(log.write("one\ntwo\n"))
        #expect(log.write(String(repeating: "é", count: 5000)))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let count = buffer.withUnsafeMutableBytes { read(ends.read, $0.baseAddress, $0.count) }
        let text = String(decoding: buffer[0..<max(0, count)], as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.prefix(2) == ["one", "two"])
        #expect(lines[2].utf8.count <= LogWriter.maxLineBytes)
    }
}
