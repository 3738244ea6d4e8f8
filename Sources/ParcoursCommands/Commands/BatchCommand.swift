import Foundation
import ParcoursEngine

/// Options of `parcours batch`.
public struct BatchOptions: Equatable, Sendable {
    public var corpus: String
    public var common = CommonOptions()
    public var format: BatchOutput = .jsonl
    public var detail: BatchDetail = .full
    public var summary = false
    public var out: String?
    public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    /// The most jobs: four per core (more only adds memory).
    public static let maxJobs = ProcessInfo.processInfo.activeProcessorCount * 4
}

/// `parcours batch --corpus FILE`: evaluates a whole caseload, streaming one result per line
/// in input order, on several cores, with flat memory.
struct BatchCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "batch", abstract: Phrase("Évalue chaque profil d'un corpus, un résultat par ligne, dans l'ordre.", en: "Evaluates every profile of a corpus, one result per line, in input order."),
        discussion: Phrase("""
        --summary affiche les comptes par parcours, référent et statut de dispositif, et les règles
        les plus et jamais déclenchées, au lieu des résultats (ou après les avoir écrits dans --out FILE).
        Un enregistrement invalide est signalé avec sa ligne et sauté ; le code de sortie est alors 1.
        """, en: """
        --summary prints counts per route, référent and scheme status and the rules fired most and
        never, instead of the results (or after writing them to --out FILE). A bad record is
        reported with its line and skipped; exit 1 then.
        """),
        options: [OptionSpec("--corpus", value: "FILE", inSynopsis: false, help: Phrase("les profils (lignes JSON, ou CSV avec en-tête ; - pour l'entrée standard)", en: "the profiles (JSON lines, or CSV with a header; - for standard input)")),
                  OptionSpec("--format", choices: BatchOutput.allCases.map(\.rawValue), help: Phrase("format de sortie (par défaut : jsonl)", en: "output format (default: jsonl)")),
                  OptionSpec("--output", choices: BatchDetail.allCases.map(\.rawValue),
                             help: Phrase("full : tout, avec la règle de chaque décision (par défaut) ; ids : parcours, référents, étapes et statuts seulement",
                                          en: "full: everything, with the rule behind each decision (default); ids: route, référents, steps and statuses only")),
                  OptionSpec("--summary", help: Phrase("des comptes au lieu des résultats (ou après eux)", en: "counts instead of (or after) the results")),
                  OptionSpec("--out", value: "FILE", help: Phrase("écrit les résultats dans FILE (- pour la sortie standard)", en: "write the results to FILE (- for standard output)")),
                  OptionSpec("--jobs", value: "N", help: Phrase("cœurs à utiliser (par défaut : tous)", en: "cores to use (default: all)"))] + CommonSpec.all,
        shape: "--corpus FILE")

    let options: BatchOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard let corpus = arguments.value("--corpus") else { throw UsageError("batch attend --corpus FICHIER (JSON lines ou CSV)", en: "batch needs --corpus FILE (JSON lines or CSV)") }
        var options = BatchOptions(corpus: corpus, common: try arguments.common())
        options.format = arguments.value("--format").flatMap(BatchOutput.init(rawValue:)) ?? .jsonl
        options.detail = arguments.value("--output").flatMap(BatchDetail.init(rawValue:)) ?? .full
        options.out = arguments.value("--out")
        options.summary = arguments.flag("--summary")
        options.jobs = try arguments.integer("--jobs", default: options.jobs, minimum: 1, maximum: BatchOptions.maxJobs)
        self.options = options
    }

    func run(terminal: Terminal) -> Int32 {
        Self.run(options, terminal: terminal)
    }

    static func run(_ options: BatchOptions, terminal: Terminal) -> Int32 {
        let (loaded, code) = ParcoursCLI.ruleSet(options.common, terminal: terminal)
        guard let ruleSet = loaded else { return code }
        var lines: LineReader
        do {
            lines = try LineReader(path: options.corpus, chunkSize: 1 << 20)
        } catch {
            terminal.complain(error.phrase)
            return ExitCode.failure
        }
        defer { lines.close() }
        var output: OutputFile?
        if let out = options.out, out != "-" {
            switch OutputFile.open(out, inputs: [options.corpus]) {
            case .success(let file): output = file
            case .failure(let error):
                terminal.complain(error.message, hint: error.hint)
                return ExitCode.failure
            }
        }
        let writes = output != nil || !options.summary || options.out == "-"
        let write: ([UInt8]) -> Void = { bytes in
            guard writes, !bytes.isEmpty else { return }
            if let output { output.write(bytes) } else { terminal.writeBytes(bytes) }
        }
        let compiled = CompiledRuleSet(ruleSet)
        let formatter = BatchFormat(compiled: compiled, format: options.format, detail: options.detail)
        var decoder = CorpusDecoder(path: options.corpus, vocabulary: ruleSet.vocabulary)
        var progress = Progress(terminal: terminal, total: lines.size)
        var tally = BatchTally(compiled: compiled)
        var number = 0
        // The CSV header first (and any blank line before it), so that every worker starts from
        // a decoder that knows it.
        let first = lines.nextBlock(size: blockSize)
        var firstItem = 0
        if CorpusFormat(path: options.corpus) == .csv, let block = first {
            var scratch = Array(repeating: CompiledProfile.unknown, count: decoder.slotCount)
            while firstItem < block.items.count {
                guard case .text(let start, let end) = block.items[firstItem] else { break }
                number += 1
                firstItem += 1
                let read = decoder.decode(Array(block.bytes[start..<end]), line: number, into: &scratch)
                if case .refused(let record) = read {
                    terminal.writeError(DiagnosticText.render(record.diagnostics, in: terminal.language))
                    terminal.writeError(terminal.say("parcours : l'en-tête CSV a des erreurs ; aucune ligne n'a été lue\n", en: "parcours: the CSV header has errors; no row was read\n"))
                    return ExitCode.failure
                }
                if case .skipped = read, !block.bytes[start..<end].allSatisfy({ $0 == 0x20 }) { break }
            }
        }
        formatter.header.map { write(Array($0.utf8)) }
        let worker = BatchWorker(compiled: compiled, formatter: writes ? formatter : nil, decoder: decoder, language: terminal.language)
        // Blocks of whole lines, numbered in input order. With one job everything happens on
        // this thread; with more, each job takes the next block, evaluates it and leaves its
        // result, while this thread writes the results in input order as they come: no
        // per-line synchronisation, no job waiting for another's block, a bounded window.
        let source = BlockSource(lines: lines, first: first.map { ($0, firstItem) }, number: number)
        func emit(_ part: BatchWorker.Output) {
            if !part.errors.isEmpty { terminal.writeError(part.errors) }
            write(part.bytes)
            tally.merge(part.tally)
            progress.read(bytes: part.bytesRead)
            progress.evaluated(part.tally.profiles + part.tally.refused)
        }
        let jobs = max(1, options.jobs)
        if jobs == 1 {
            while let next = source.next() { emit(worker.run(next.block, firstLine: next.firstLine, from: next.from)) }
        } else {
            let pipeline = Pipeline(source: source, window: jobs * 2)
            for _ in 0..<jobs {
                Thread.detachNewThread { pipeline.work(worker) }
            }
            while let part = pipeline.nextResult() { emit(part) }
        }
        lines = source.lines
        progress.finish(profiles: tally.profiles)
        if let error = output?.commit() {
            terminal.complain(error.message, hint: error.hint)
            return ExitCode.failure
        }
        if options.summary { terminal.write(BatchSummary.render(tally, compiled: compiled)) }
        if tally.refused > 0 {
            terminal.writeError(terminal.say("parcours : \(tally.refused) enregistrement\(tally.refused > 1 ? "s" : "") refusé\(tally.refused > 1 ? "s" : "") (voir plus haut) ; \(tally.profiles) évalué\(tally.profiles > 1 ? "s" : "")\n",
                                             en: "parcours: \(tally.refused) record\(tally.refused == 1 ? "" : "s") refused (see above); \(tally.profiles) evaluated\n"))
            return ExitCode.failure
        }
        return ExitCode.success
    }

    /// The bytes of input a worker takes at once (whole lines).
    static let blockSize = 1 << 20

}

/// The corpus as numbered blocks of whole lines (the CSV header's block first, from its first
/// row). Not thread-safe: `Pipeline` calls it under its lock.
final class BlockSource {
    var lines: LineReader
    private var first: (block: LineReader.Block, from: Int)?
    private var number: Int

    init(lines: LineReader, first: (LineReader.Block, Int)?, number: Int) {
        self.lines = lines
        self.first = first
        self.number = number
    }

    func next() -> (block: LineReader.Block, firstLine: Int, from: Int)? {
        let block: LineReader.Block
        var from = 0
        if let pending = first {
            (block, from) = pending
            first = nil
        } else if let read = lines.nextBlock(size: BatchCommand.blockSize) {
            block = read
        } else {
            return nil
        }
        defer { number += block.items.count - from }
        return (block, number + 1, from)
    }
}

/// Jobs taking blocks in turn and leaving their results in a ring of `window` slots, which the
/// writing thread empties in input order. A job waits only when the ring is full (memory flat).
final class Pipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private let source: BlockSource
    private var slots: [BatchWorker.Output?]
    private let window: Int
    /// Blocks taken by jobs, results handed to the writer, jobs still running.
    private var taken = 0, handed = 0, running = 0
    private var exhausted = false

    init(source: BlockSource, window: Int) {
        self.source = source
        self.window = window
        slots = Array(repeating: nil, count: window)
    }

    /// A job's loop: take the next block, evaluate it, leave the result; until the input ends.
    func work(_ worker: BatchWorker) {
        condition.lock()
        running += 1
        while true {
            while taken - handed >= window { condition.wait() }
            guard !exhausted, let next = source.next() else { break }
            let index = taken
            taken += 1
            condition.unlock()
            let part = worker.run(next.block, firstLine: next.firstLine, from: next.from)
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
    func nextResult() -> BatchWorker.Output? {
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

/// Decodes, evaluates and formats one block of lines: what each job does, on its own copy of
/// the decoder, with its own output buffer and counts.
struct BatchWorker: Sendable {
    let compiled: CompiledRuleSet
    /// nil when results are not written (`--summary` alone): counting only.
    let formatter: BatchFormat?
    let decoder: CorpusDecoder
    let language: Language

    struct Output: Sendable {
        var bytes: [UInt8] = []
        var errors = ""
        var tally: BatchTally
        /// The input bytes the block held (for the progress line).
        var bytesRead = 0
    }

    func run(_ block: LineReader.Block, firstLine: Int, from: Int) -> Output {
        var part = Output(tally: BatchTally(compiled: compiled), bytesRead: block.bytes.count + block.items.count)
        if formatter != nil { part.bytes.reserveCapacity(block.bytes.count * 2) }
        var decoder = decoder
        var values = Array(repeating: CompiledProfile.unknown, count: decoder.slotCount)
        var outcome = CompiledOutcome()
        block.bytes.withUnsafeBufferPointer { bytes in
            values.withUnsafeMutableBufferPointer { values in
                guard let slots = values.baseAddress else { return }
                for index in from..<block.items.count {
                    let lineNumber = firstLine + index - from
                    guard case .text(let start, let end) = block.items[index] else {
                        let refused: LineReader.Line = block.items[index] == .binary ? .binary : .tooLong
                        part.errors += DiagnosticText.render(decoder.refusal(refused, number: lineNumber).diagnostics, in: language)
                        part.tally.refused += 1
                        continue
                    }
                    switch decoder.decode(UnsafeBufferPointer(rebasing: bytes[start..<end]), line: lineNumber, into: values) {
                    case .skipped:
                        part.tally.blank += 1
                        continue
                    case .refused(let record):
                        part.errors += DiagnosticText.render(record.diagnostics, in: language)
                        part.tally.refused += 1
                        continue
                    case .profile: break
                    }
                    compiled.evaluate(UnsafePointer(slots), into: &outcome)
                    part.tally.add(outcome)
                    formatter?.write(lineNumber, outcome, into: &part.bytes)
                }
            }
        }
        return part
    }
}

/// Counts for `batch --summary`, kept as arrays indexed like the rule set.
struct BatchTally: Sendable {
    var profiles = 0
    var refused = 0
    /// Blank lines, skipped (counted so that lines read = profiles + refused + blank).
    var blank = 0
    var fired: [Int]
    var routes: [Int]
    var referents: [Int]
    var noRoute = 0
    var noReferent = 0
    /// Per scheme and status, counts (at `scheme * 3 + SchemeStatus.index`).
    var schemes: [Int]

    init(compiled: CompiledRuleSet) {
        let rules = compiled.ruleSet.rules.count
        fired = Array(repeating: 0, count: rules)
        routes = Array(repeating: 0, count: rules)
        referents = Array(repeating: 0, count: rules)
        schemes = Array(repeating: 0, count: compiled.ruleSet.schemes.count * 3)
    }

    mutating func add(_ outcome: CompiledOutcome) {
        profiles += 1
        for rule in outcome.fired { fired[Int(rule)] += 1 }
        if let route = outcome.route { routes[route] += 1 } else { noRoute += 1 }
        if let referent = outcome.referent { referents[referent] += 1 } else { noReferent += 1 }
        for (index, scheme) in outcome.schemes.enumerated() { schemes[index * 3 + scheme.status.index] += 1 }
    }

    mutating func merge(_ other: BatchTally) {
        blank += other.blank
        profiles += other.profiles
        refused += other.refused
        noRoute += other.noRoute
        noReferent += other.noReferent
        for i in fired.indices {
            fired[i] += other.fired[i]
            routes[i] += other.routes[i]
            referents[i] += other.referents[i]
        }
        for i in schemes.indices { schemes[i] += other.schemes[i] }
    }
}
