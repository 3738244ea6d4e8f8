import Bytes
import Foundation
import ParcoursBatch
import ParcoursEngine
import ParcoursRendering

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
                  OptionSpec("--out", value: "FILE", help: Phrase("écrit les résultats dans FILE, mis en place une fois complet (- pour la sortie standard)", en: "write the results to FILE, put in place once complete (- for standard output)")),
                  CommonSpec.jobs] + CommonSpec.all,
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
        guard var lines = ParcoursCLI.openCorpus(options.corpus, terminal: terminal) else { return ExitCode.failure }
        defer { lines.close() }
        var output: OutputFile?
        if let out = options.out, out != "-" {
            guard let file = ParcoursCLI.openOutput(out, inputs: [options.corpus], common: options.common, terminal: terminal) else { return ExitCode.failure }
            output = file
        }
        let writes = output != nil || !options.summary || options.out == "-"
        if output == nil, writes, let refusal = OutputFile.standardOutputRefusal(inputs: [options.corpus]) {
            terminal.complain(refusal.message, hint: refusal.hint)
            return ExitCode.failure
        }
        let write: (UnsafeBufferPointer<UInt8>) -> Void = { bytes in
            guard writes, !bytes.isEmpty else { return }
            if let output { output.write(bytes) } else { terminal.writeBytes(bytes) }
        }
        let compiled = CompiledRuleSet(ruleSet)
        let formatter = BatchFormat(compiled: compiled, format: options.format, detail: options.detail)
        var decoder = CorpusDecoder(path: options.corpus, vocabulary: ruleSet.vocabulary)
        var progress = Progress(terminal: terminal, total: lines.size)
        var tally = BatchTally(compiled: compiled, detailed: options.summary)
        guard let source = ParcoursCLI.blocks(lines, path: options.corpus, decoder: &decoder, terminal: terminal) else {
            output?.discard()
            return ExitCode.failure
        }
        formatter.header.map { Array($0.utf8).withUnsafeBufferPointer(write) }
        let buffers = ByteBufferPool(limit: options.jobs * 3 + 1)
        let worker = BatchWorker(compiled: compiled, formatter: writes ? formatter : nil, decoder: decoder, language: terminal.language, buffers: buffers,
                                 summary: options.summary)
        BlockPipeline.run(source, jobs: options.jobs, work: { worker.run($0.block, firstLine: $0.firstLine, from: $0.from) }) { part in
            if !part.errors.isEmpty { terminal.writeError(part.errors) }
            part.bytes.withBytes(write)
            buffers.give(part.bytes)
            tally.merge(part.tally)
            progress.read(bytes: part.bytesRead)
            progress.evaluated(part.tally.profiles + part.tally.refused)
            // Standard output lost (closed, full, a pipe closed early): reading on is wasted work.
            if let output, output.failed { source.stopped = true }
            if output == nil && writes && terminal.outputLost { source.stopped = true }
        }
        lines = source.lines
        progress.finish(profiles: tally.profiles)
        if lines.failure != nil, let output {
            // The corpus was not read whole (reported with its line): partial results do not
            // replace the earlier file.
            output.discard()
            terminal.writeError(terminal.say("parcours : le corpus n'a pas été lu en entier ; \(output.path) n'est pas modifié\n",
                                             en: "parcours: the corpus was not read whole; \(output.path) is left unchanged\n"))
            return ExitCode.failure
        }
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

}

/// Decodes, evaluates and formats one block of lines: what each job does, on its own copy of
/// the decoder, with its own output buffer and counts.
struct BatchWorker: Sendable {
    let compiled: CompiledRuleSet
    /// nil when results are not written (`--summary` alone): counting only.
    let formatter: BatchFormat?
    let decoder: CorpusDecoder
    let language: Language
    /// Where output buffers come from and go back to once written.
    let buffers: ByteBufferPool
    /// Whether `--summary` asked for the counts per route, référent, scheme and rule.
    let summary: Bool

    struct Output: Sendable {
        var bytes: ByteBuffer
        var errors = ""
        var tally: BatchTally
        /// The input bytes the block held (for the progress line).
        var bytesRead = 0
    }

    func run(_ block: LineReader.Block, firstLine: Int, from: Int) -> Output {
        var part = Output(bytes: buffers.take(capacity: formatter == nil ? 0 : block.bytes.count * 2), tally: BatchTally(compiled: compiled, detailed: summary),
                          bytesRead: block.bytesRead)
        var decoder = decoder
        var values = Array(repeating: CompiledProfile.unknown, count: decoder.slotCount)
        var outcome = CompiledOutcome()
        block.bytes.withBytes { bytes in
            values.withUnsafeMutableBufferPointer { values in
                compiled.withKernel { kernel in
                    run(block.items, bytes, firstLine: firstLine, from: from, kernel, &decoder, values, &outcome, &part)
                }
            }
        }
        return part
    }

    /// The loop over a block's lines, with every scratch passed `inout` (nothing captured, so
    /// nothing copied per line).
    private func run(_ items: [LineReader.Block.Item], _ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, from: Int, _ kernel: CompiledRuleSet.Kernel, _ decoder: inout CorpusDecoder,
                     _ values: UnsafeMutableBufferPointer<Int64>, _ outcome: inout CompiledOutcome, _ part: inout Output) {
        let slots = BufferView(UnsafeBufferPointer(values))
        let formatter = formatter
        for index in from..<items.count {
            let lineNumber = firstLine + index - from
            guard case .text(let start, let end) = items[index] else {
                part.errors += DiagnosticText.render(decoder.refusal(items[index], number: lineNumber).diagnostics, in: language)
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
            kernel.evaluate(slots, into: &outcome)
            part.tally.add(outcome)
            formatter?.write(lineNumber, outcome, into: part.bytes)
        }
    }
}
