import Foundation
import ParcoursEngine

/// The corpus as numbered blocks of whole lines (the CSV header's block first, from its first
/// row): what `batch` and `diff` hand their jobs. Not thread-safe: `BlockPipeline` calls it
/// under its lock.
final class BlockSource {
    /// One block and where its lines start: `firstLine` is the number of `block.items[from]`.
    struct Item {
        let block: LineReader.Block
        let firstLine: Int
        let from: Int
    }

    /// The bytes of input a job takes at once (whole lines).
    static let blockSize = 1 << 20

    private(set) var lines: LineReader
    /// Where the blocks' buffers go back (thread-safe, unlike the rest).
    private let pool: ByteBufferPool
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
    /// header has errors: they are reported, and no row is read.
    static func open(_ lines: LineReader, path: String, decoder: inout CorpusDecoder, terminal: Terminal) -> BlockSource? {
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
                    terminal.writeError(DiagnosticText.render(record.diagnostics, in: terminal.language))
                    terminal.writeError(terminal.say("parcours : l'en-tête CSV a des erreurs ; aucune ligne n'a été lue\n", en: "parcours: the CSV header has errors; no row was read\n"))
                    return nil
                }
                if case .skipped = read, !line.allSatisfy({ $0 == 0x20 }) { break }
            }
        }
        return BlockSource(lines: lines, first: first.map { ($0, firstItem) }, number: number)
    }

    func next() -> Item? {
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

    /// Gives a block's buffer back once its lines are done with (any thread).
    func recycle(_ item: Item) {
        pool.give(item.block.bytes)
    }
}

/// Jobs taking blocks in turn and leaving their results in a ring of `window` slots, which the
/// calling thread empties in input order. A job waits only when the ring is full (memory flat);
/// no per-line synchronisation, no job waiting for another's block.
final class BlockPipeline<Output: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let source: BlockSource
    private var slots: [Output?]
    private let window: Int
    /// Blocks taken by jobs, results handed to the caller, jobs still running.
    private var taken = 0, handed = 0, running = 0
    private var exhausted = false

    private init(source: BlockSource, window: Int) {
        self.source = source
        self.window = window
        slots = Array(repeating: nil, count: window)
    }

    /// Runs `work` over every block of `source` on `jobs` threads and hands each result to
    /// `emit`, in input order, on this thread. With one job too, this thread only emits: the
    /// results of one block are written (kernel time, for a file) while the next is evaluated.
    static func run(_ source: BlockSource, jobs: Int, work: @escaping @Sendable (BlockSource.Item) -> Output, emit: (Output) -> Void) {
        let pipeline = BlockPipeline(source: source, window: jobs * 2)
        for _ in 0..<jobs {
            Thread.detachNewThread { pipeline.work(work) }
        }
        while let part = pipeline.nextResult() { emit(part) }
    }

    /// A job's loop: take the next block, run it, leave the result; until the input ends.
    private func work(_ run: (BlockSource.Item) -> Output) {
        condition.lock()
        running += 1
        while true {
            while taken - handed >= window { condition.wait() }
            guard !exhausted, let next = source.next() else { break }
            let index = taken
            taken += 1
            condition.unlock()
            let part = run(next)
            source.recycle(next)
            condition.lock()
            slots[index % window] = part
            condition.broadcast()
        }
        exhausted = true
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// The next result in input order; nil once every block has been handed.
    private func nextResult() -> Output? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let part = slots[handed % window] {
                slots[handed % window] = nil
                handed += 1
                condition.broadcast()
                return part
            }
            if exhausted && running == 0 && handed == taken { return nil }
            condition.wait()
        }
    }
}
