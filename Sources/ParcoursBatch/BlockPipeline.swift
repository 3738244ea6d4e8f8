import Bytes
import Foundation
import ParcoursEngine

/// The corpus as numbered blocks of whole lines (the CSV header's block first, from its first
/// row): what `batch` and `diff` hand their jobs. Not thread-safe: `BlockPipeline` reads it
/// from one thread only; jobs give buffers back to its `pool`, which is.
package final class BlockSource {
    /// One block and where its lines start: `firstLine` is the number of `block.items[from]`.
    package struct Item {
        package let block: LineReader.Block
        package let firstLine: Int
        package let from: Int
    }

    /// The bytes of input a job takes at once (whole lines).
    package static let blockSize = 1 << 20

    package private(set) var lines: LineReader
    /// Where the blocks' buffers go back once their lines are done with (thread-safe, unlike
    /// the rest): a later block reuses them.
    package let pool: ByteBufferPool
    private var first: (block: LineReader.Block, from: Int)?
    private var number: Int

    private init(lines: LineReader, first: (LineReader.Block, Int)?, number: Int) {
        self.lines = lines
        pool = lines.pool
        self.first = first
        self.number = number
    }

    /// The blocks of `lines`, after reading a CSV corpus's header into `decoder` (and any blank
    /// line before it), so that every job starts from a decoder that knows it. nil when the
    /// header has errors: they are given in `headerErrors`, and no row is read.
    package static func open(_ lines: LineReader, path: String, decoder: inout CorpusDecoder, headerErrors: inout [Diagnostic]) -> BlockSource? {
        var lines = lines
        var number = 0
        let first = lines.nextBlock(size: blockSize)
        var firstItem = 0
        if CorpusFormat(path: path) == .csv, let block = first {
            var scratch = Array(repeating: CompiledProfile.unknown, count: decoder.slotCount)
            while firstItem < block.items.count {
                guard case .text(let start, let end) = block.items[firstItem] else { break }
                number += 1
                firstItem += 1
                let line = block.bytes.withBytes { Array($0[start..<end]) }
                let read = decoder.decode(line, line: number, into: &scratch)
                if case .refused(let record) = read {
                    headerErrors = record.diagnostics
                    return nil
                }
                if case .skipped = read, !line.allSatisfy({ $0 == 0x20 }) { break }
            }
        }
        return BlockSource(lines: lines, first: first.map { ($0, firstItem) }, number: number)
    }

    /// Set (from the thread reading blocks) when the output is lost: no further block is read.
    package var stopped = false

    package func next() -> Item? {
        guard !stopped else { return nil }
        let block: LineReader.Block
        var from = 0
        if let pending = first {
            (block, from) = pending
            first = nil
        } else if let read = lines.nextBlock(size: Self.blockSize) {
            block = read
        } else {
            return nil
        }
        defer { number += block.items.count - from }
        return Item(block: block, firstLine: number + 1, from: from)
    }
}

/// The calling thread reads blocks ahead and hands them to jobs through a ring; jobs leave
/// their results in a second ring, which the calling thread empties in input order. At most
/// `window` blocks are between read and written (memory flat); no per-line synchronisation,
/// no job waiting for another's block, and no job reading the input: a job only decodes,
/// evaluates and formats, while this thread reads the next blocks and writes the done ones.
package final class BlockPipeline<Output: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Blocks read and not yet taken by a job, at `read % window`.
    private var pending: [BlockSource.Item?]
    /// Results not yet written, at their block's `index % window`.
    private var slots: [Output?]
    private let window: Int
    /// How many jobs: the calling thread keeps as many blocks read ahead for them.
    private let jobs: Int
    /// Blocks read, taken by jobs, and results handed to the caller, in input order.
    private var read = 0, taken = 0, handed = 0
    /// No block will be read any more.
    private var exhausted = false

    private init(window: Int, jobs: Int) {
        self.window = window
        self.jobs = jobs
        pending = Array(repeating: nil, count: window)
        slots = Array(repeating: nil, count: window)
    }

    /// Runs `work` over every block of `source` on `jobs` threads and hands each result to
    /// `emit`, in input order, on this thread, which also reads the blocks: with one job too,
    /// the next block is read and the results of the last one written (kernel time, for a
    /// file) while a block is evaluated.
    package static func run(_ source: BlockSource, jobs: Int, work: @escaping @Sendable (BlockSource.Item) -> Output, emit: (Output) -> Void) {
        let pipeline = BlockPipeline(window: jobs * 2 + 1, jobs: jobs)
        let pool = source.pool
        for _ in 0..<jobs {
            Thread.detachNewThread { pipeline.work { item in
                defer { pool.give(item.block.bytes) }
                return work(item)
            } }
        }
        pipeline.drive(source, emit: emit)
    }

    /// A job's loop: take the next block read, run it, leave the result; until the input ends.
    private func work(_ run: (BlockSource.Item) -> Output) {
        condition.lock()
        while true {
            while taken == read && !exhausted { condition.wait() }
            guard taken < read, let item = pending[taken % window] else { break }
            pending[taken % window] = nil
            let index = taken
            taken += 1
            condition.unlock()
            let part = run(item)
            condition.lock()
            slots[index % window] = part
            condition.broadcast()
        }
        condition.unlock()
    }

    /// The calling thread's loop, until every block read is written: first keep a block read
    /// ahead for each job (reading is short; a job left without one would wait while this
    /// thread writes), then write the next result if it is there, otherwise read further ahead
    /// while the window has room, otherwise wait.
    private func drive(_ source: BlockSource, emit: (Output) -> Void) {
        condition.lock()
        while true {
            let canRead = !exhausted && read - handed < window
            if canRead && read - taken < jobs {
                readAhead(source)
                continue
            }
            if let part = slots[handed % window] {
                slots[handed % window] = nil
                handed += 1
                condition.unlock()
                emit(part)
                condition.lock()
                continue
            }
            if canRead {
                readAhead(source)
                continue
            }
            if exhausted && handed == read { break }
            condition.wait()
        }
        condition.unlock()
    }

    /// Reads the next block outside the lock (called and returning with it held) and hands it
    /// to the jobs, or notes the end of the input.
    private func readAhead(_ source: BlockSource) {
        condition.unlock()
        let item = source.next()
        condition.lock()
        if let item {
            pending[read % window] = item
            read += 1
        } else {
            exhausted = true
        }
        condition.broadcast()
    }
}
