import Foundation
import ParcoursEngine

/// Options of `parcours batch`.
public struct BatchOptions: Equatable, Sendable {
    public var corpus: String
    public var common = CommonOptions()
    public var format: BatchOutput = .jsonl
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
                  OptionSpec("--summary", help: Phrase("des comptes au lieu des résultats (ou après eux)", en: "counts instead of (or after) the results")),
                  OptionSpec("--out", value: "FILE", help: Phrase("écrit les résultats dans FILE (- pour la sortie standard)", en: "write the results to FILE (- for standard output)")),
                  OptionSpec("--jobs", value: "N", help: Phrase("cœurs à utiliser (par défaut : tous)", en: "cores to use (default: all)"))] + CommonSpec.all,
        shape: "--corpus FILE")

    /// Lines handed to each worker at a time.
    static let linesPerWorker = 4096

    let options: BatchOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard let corpus = arguments.value("--corpus") else { throw UsageError("batch attend --corpus FICHIER (JSON lines ou CSV)", en: "batch needs --corpus FILE (JSON lines or CSV)") }
        var options = BatchOptions(corpus: corpus, common: try arguments.common())
        options.format = arguments.value("--format").flatMap(BatchOutput.init(rawValue:)) ?? .jsonl
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
            lines = try LineReader(path: options.corpus)
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
        let write: (String) -> Void = { text in
            if let output { output.write(text) } else if !options.summary || options.out == "-" { terminal.write(text) }
        }
        let compiled = CompiledRuleSet(ruleSet)
        let formatter = BatchFormat(compiled: compiled, format: options.format)
        var decoder = CorpusDecoder(path: options.corpus, vocabulary: ruleSet.vocabulary)
        var number = 0
        if CorpusFormat(path: options.corpus) == .csv {
            // The header first, so that every worker starts from a decoder that knows it.
            var scratch: [Int64] = []
            while let line = lines.next() {
                number += 1
                guard case .text(let header) = line else { break }
                let read = decoder.decode(header, line: number, into: &scratch)
                if case .refused(let record) = read {
                    terminal.writeError(DiagnosticText.render(record.diagnostics, in: terminal.language))
                    terminal.writeError(terminal.say("parcours : l'en-tête CSV a des erreurs ; aucune ligne n'a été lue\n", en: "parcours: the CSV header has errors; no row was read\n"))
                    return ExitCode.failure
                }
                if case .skipped = read, !header.allSatisfy({ $0 == 0x20 }) { break }
            }
        }
        formatter.header.map(write)
        let jobs = max(1, options.jobs)
        var tally = BatchTally(compiled: compiled)
        let progress = !terminal.quiet && isatty(2) == 1
        var done = false
        while !done {
            var chunk: [(Int, LineReader.Line)] = []
            chunk.reserveCapacity(linesPerWorker * jobs)
            while chunk.count < linesPerWorker * jobs, let line = lines.next() {
                number += 1
                chunk.append((number, line))
            }
            done = chunk.count < linesPerWorker * jobs
            let slices = Self.slices(chunk.count, jobs)
            let results = Results(count: slices.count)
            let batch = chunk, decoder = decoder
            let work: @Sendable (Int) -> Void = { worker in
                var part = WorkerOutput(tally: BatchTally(compiled: compiled))
                var values: [Int64] = []
                var outcome = CompiledOutcome()
                var decoder = decoder
                for (lineNumber, line) in batch[slices[worker]] {
                    guard case .text(let bytes) = line else {
                        part.errors += DiagnosticText.render(decoder.refusal(line, number: lineNumber).diagnostics, in: terminal.language)
                        part.tally.refused += 1
                        continue
                    }
                    switch decoder.decode(bytes, line: lineNumber, into: &values) {
                    case .skipped:
                        part.tally.blank += 1
                        continue
                    case .refused(let record):
                        part.errors += DiagnosticText.render(record.diagnostics, in: terminal.language)
                        part.tally.refused += 1
                        continue
                    case .profile: break
                    }
                    values.withUnsafeBufferPointer { buffer in
                        if let base = buffer.baseAddress { compiled.evaluate(base, into: &outcome) }
                    }
                    part.tally.add(outcome)
                    part.text += formatter.line(lineNumber, outcome)
                }
                results.set(worker, part)
            }
            if slices.count == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: slices.count, execute: work) }
            for worker in 0..<slices.count {
                guard let part = results.get(worker) else { continue }
                if !part.errors.isEmpty { terminal.writeError(part.errors) }
                write(part.text)
                tally.merge(part.tally)
            }
            if progress { terminal.writeError("\r\(tally.profiles + tally.refused) profils…") }
        }
        if progress { terminal.writeError("\r") }
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

    /// `count` items split into at most `jobs` contiguous, near-equal ranges.
    static func slices(_ count: Int, _ jobs: Int) -> [Range<Int>] {
        let parts = max(1, min(jobs, count))
        return (0..<parts).map { part in (count * part / parts)..<(count * (part + 1) / parts) }
    }

    struct WorkerOutput: Sendable {
        var text = ""
        var errors = ""
        var tally: BatchTally
    }

    /// One slot per worker; each worker writes only its own.
    final class Results: @unchecked Sendable {
        private var parts: [WorkerOutput?]
        private let lock = NSLock()
        init(count: Int) { parts = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ part: WorkerOutput) { lock.withLock { parts[index] = part } }
        func get(_ index: Int) -> WorkerOutput? { lock.withLock { parts[index] } }
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
