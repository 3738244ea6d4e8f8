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
        var first = lines.nextBlock(size: blockSize)
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
        let worker = BatchWorker(compiled: compiled, formatter: formatter, decoder: decoder, language: terminal.language)
        // Take `jobs` blocks at a time; with one job, everything happens on this thread. With
        // more, the workers run while this thread writes the previous results and reads the
        // next blocks: no per-line synchronisation, results written in input order.
        let jobs = max(1, options.jobs)
        func readBlocks() -> [(block: LineReader.Block, firstLine: Int, from: Int)] {
            var batch: [(block: LineReader.Block, firstLine: Int, from: Int)] = []
            while batch.count < jobs {
                let block: LineReader.Block
                var from = 0
                if let pending = first {
                    block = pending
                    from = firstItem
                    first = nil
                } else if let next = lines.nextBlock(size: blockSize) {
                    block = next
                } else {
                    break
                }
                batch.append((block, number + 1, from))
                number += block.items.count - from
                progress.read(bytes: block.bytes.count + block.items.count)
            }
            return batch
        }
        func emit(_ parts: [BatchWorker.Output]) {
            for part in parts {
                if !part.errors.isEmpty { terminal.writeError(part.errors) }
                write(part.bytes)
                tally.merge(part.tally)
                progress.evaluated(part.tally.profiles + part.tally.refused)
            }
        }
        var batch = readBlocks()
        if jobs == 1 {
            while !batch.isEmpty {
                emit(batch.map { worker.run($0.block, firstLine: $0.firstLine, from: $0.from) })
                batch = readBlocks()
            }
        } else {
            var previous: [BatchWorker.Output] = []
            while !batch.isEmpty {
                let results = Results(count: batch.count)
                let group = DispatchGroup()
                let current = batch
                for index in current.indices {
                    DispatchQueue.global().async(group: group) {
                        results.set(index, worker.run(current[index].block, firstLine: current[index].firstLine, from: current[index].from))
                    }
                }
                emit(previous)
                batch = readBlocks()
                group.wait()
                previous = current.indices.compactMap { results.get($0) }
            }
            emit(previous)
        }
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

    /// One slot per block; each worker writes only its own.
    final class Results: @unchecked Sendable {
        private var parts: [BatchWorker.Output?]
        private let lock = NSLock()
        init(count: Int) { parts = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ part: BatchWorker.Output) { lock.withLock { parts[index] = part } }
        func get(_ index: Int) -> BatchWorker.Output? { lock.withLock { parts[index] } }
    }
}

/// Decodes, evaluates and formats one block of lines: what each job does, on its own copy of
/// the decoder, with its own output buffer and counts.
struct BatchWorker: Sendable {
    let compiled: CompiledRuleSet
    let formatter: BatchFormat
    let decoder: CorpusDecoder
    let language: Language

    struct Output: Sendable {
        var bytes: [UInt8] = []
        var errors = ""
        var tally: BatchTally
    }

    func run(_ block: LineReader.Block, firstLine: Int, from: Int) -> Output {
        var part = Output(tally: BatchTally(compiled: compiled))
        part.bytes.reserveCapacity(block.bytes.count * 2)
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
                    formatter.write(lineNumber, outcome, into: &part.bytes)
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
    /// Per scheme, counts by status (`SchemeStatus.index`).
    var schemes: [[Int]]

    init(compiled: CompiledRuleSet) {
        let rules = compiled.ruleSet.rules.count
        fired = Array(repeating: 0, count: rules)
        routes = Array(repeating: 0, count: rules)
        referents = Array(repeating: 0, count: rules)
        schemes = Array(repeating: [0, 0, 0], count: compiled.ruleSet.schemes.count)
    }

    mutating func add(_ outcome: CompiledOutcome) {
        profiles += 1
        for rule in outcome.fired { fired[Int(rule)] += 1 }
        if let route = outcome.route { routes[route] += 1 } else { noRoute += 1 }
        if let referent = outcome.referent { referents[referent] += 1 } else { noReferent += 1 }
        for (index, scheme) in outcome.schemes.enumerated() { schemes[index][scheme.status.index] += 1 }
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
        for i in schemes.indices { for j in 0..<3 { schemes[i][j] += other.schemes[i][j] } }
    }
}
