import Bytes
import Foundation
import ParcoursBatch
import ParcoursEngine
import ParcoursRendering

/// `parcours diff --base DIR --corpus FILE`: what a rule change does to a corpus.
struct DiffCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "diff", abstract: Phrase("Compte ce qu'un changement de règles fait sur un corpus de profils.", en: "Counts what a rule change does to a corpus of profiles."),
        discussion: Phrase("""
        Évalue un corpus (lignes JSON, ou CSV avec en-tête ; ensembles séparés par |) avec les règles
        de --base et les règles actuelles, et compte les profils dont le parcours, le référent, les
        suggestions ou le statut d'un dispositif changent, avec des profils d'exemple. Sortie 1 quand des
        enregistrements ont été refusés (ils sont signalés avec leur position).
        """, en: """
        Evaluates a corpus (JSON lines, or CSV with a header; sets separated by |) with the rules
        of --base and the current ones, and counts the profiles whose route, référent, suggestions
        or scheme status change, with example profiles. Exit 1 when some records were refused
        (they are reported with their position).
        """),
        options: [OptionSpec("--base", value: "DIR", inSynopsis: false, help: Phrase("les règles avant le changement", en: "the rules before the change")),
                  OptionSpec("--corpus", value: "FILE", inSynopsis: false, help: Phrase("les profils (lignes JSON ou CSV)", en: "the profiles (JSON lines or CSV)")),
                  OptionSpec("--base-scenarios", value: "DIR", help: Phrase("les dispositifs avant le changement (par défaut : --scenarios)", en: "scheme plugins before the change (default: --scenarios)")),
                  OptionSpec("--examples", value: "N", help: Phrase("profils d'exemple par changement (par défaut : 3)", en: "example profiles per change (default: 3)")),
                  CommonSpec.jobs]
            + CommonSpec.all + [CommonSpec.format],
        shape: "--base DIR --corpus FILE")

    let options: DiffOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard let base = arguments.value("--base") else { throw UsageError("diff attend --base DOSSIER (les règles d'avant le changement)", en: "diff needs --base DIR (the rules before the change)") }
        guard let corpus = arguments.value("--corpus") else { throw UsageError("diff attend --corpus FICHIER (JSON lines ou CSV)", en: "diff needs --corpus FILE (JSON lines or CSV)") }
        options = DiffOptions(base: base, baseScenarios: arguments.value("--base-scenarios"), corpus: corpus, common: try arguments.common(),
                              format: arguments.outputFormat,
                              examples: try arguments.integer("--examples", default: 3),
                              jobs: try arguments.integer("--jobs", default: ProcessInfo.processInfo.activeProcessorCount, minimum: 1, maximum: BatchOptions.maxJobs))
    }

    func run(terminal: Terminal) -> Int32 {
        let (current, code) = ParcoursCLI.ruleSet(options.common, terminal: terminal)
        guard let current else { return code }
        var baseOptions = options.common
        baseOptions.rules = options.base
        baseOptions.scenarios = options.baseScenarios ?? options.common.scenarios
        let (base, baseCode) = ParcoursCLI.ruleSet(baseOptions, terminal: terminal)
        guard let base else { return baseCode }
        guard var lines = ParcoursCLI.openCorpus(options.corpus, terminal: terminal) else { return ExitCode.failure }
        defer { lines.close() }
        var decoder = CorpusDecoder(path: options.corpus, vocabulary: current.vocabulary)
        guard let source = ParcoursCLI.blocks(lines, path: options.corpus, decoder: &decoder, terminal: terminal) else { return ExitCode.failure }
        let worker = DiffWorker(base: base, current: current, corpus: options.corpus, decoder: decoder, examples: options.examples, language: terminal.language)
        var accumulator = ImpactAccumulator(examplesPerChange: options.examples)
        BlockPipeline.run(source, jobs: options.jobs, work: { worker.run($0) }) { part in
            if !part.errors.isEmpty { terminal.writeError(part.errors) }
            accumulator.merge(part.accumulator)
        }
        lines = source.lines
        let report = accumulator.report(baseFingerprint: base.fingerprint, currentFingerprint: current.fingerprint)
        switch options.format {
        case .text: terminal.write(ImpactText.render(report, date: current.date))
        case .json: terminal.write(report.json(date: current.date).rendered() + "\n")
        }
        return report.refused > 0 ? ExitCode.failure : ExitCode.success
    }
}

/// Decodes one block of a corpus and evaluates each profile with both rule sets: what each job
/// of `diff` does, with its own accumulator (merged in input order, so examples are the first
/// lines whatever the number of jobs).
struct DiffWorker: Sendable {
    let baseCompiled: CompiledRuleSet
    let currentCompiled: CompiledRuleSet
    let baseVocabulary: Vocabulary
    let baseNames: OutcomeNames
    let currentNames: OutcomeNames
    let codes: OutcomeCodes
    /// Whether both rule sets read profiles alike; otherwise the base gets each profile re-typed
    /// with its own vocabulary.
    let sameVocabulary: Bool
    let corpus: String
    let decoder: CorpusDecoder
    let examples: Int
    let language: Language
    /// The changes of outcome pairs already met, shared by every job and block.
    let patterns = ImpactPatterns()

    init(base: RuleSet, current: RuleSet, corpus: String, decoder: CorpusDecoder, examples: Int, language: Language) {
        let shape = { (vocabulary: Vocabulary) in vocabulary.fields.map { "\($0.name):\($0.type.keyword):\($0.values.map(\.id))" } }
        sameVocabulary = shape(base.vocabulary) == shape(current.vocabulary)
        baseCompiled = CompiledRuleSet(base)
        currentCompiled = CompiledRuleSet(current)
        baseVocabulary = base.vocabulary
        baseNames = OutcomeNames(baseCompiled)
        currentNames = OutcomeNames(currentCompiled)
        codes = OutcomeCodes(base: baseNames, current: currentNames)
        self.corpus = corpus
        self.decoder = decoder
        self.examples = examples
        self.language = language
    }

    struct Output: Sendable {
        var accumulator: ImpactAccumulator
        var errors = ""
    }

    /// What one job keeps from one line to the next, passed `inout` (captured by closures, the
    /// outcomes were copied, with every array they hold retained, at each use).
    private struct Scratch {
        var decoder: CorpusDecoder
        var values: [Int64]
        var base = CompiledOutcome(), current = CompiledOutcome()
        var codes = OutcomeCodes.Scratch()
        var signature: [Int32] = []
    }

    func run(_ item: BlockSource.Item) -> Output {
        var part = Output(accumulator: ImpactAccumulator(examplesPerChange: examples, patterns: patterns))
        var scratch = Scratch(decoder: decoder, values: Array(repeating: CompiledProfile.unknown, count: decoder.slotCount))
        let block = item.block
        currentCompiled.withKernel { currentKernel in
            baseCompiled.withKernel { baseKernel in
                block.bytes.withBytes { bytes in
                    for index in item.from..<block.items.count {
                        line(index, of: item, bytes, currentKernel, baseKernel, &scratch, &part)
                    }
                }
            }
        }
        return part
    }

    private func line(_ index: Int, of item: BlockSource.Item, _ bytes: UnsafeBufferPointer<UInt8>, _ currentKernel: CompiledRuleSet.Kernel,
                      _ baseKernel: CompiledRuleSet.Kernel, _ scratch: inout Scratch, _ part: inout Output) {
        let block = item.block
        let number = item.firstLine + index - item.from
        guard case .text(let start, let end) = block.items[index] else {
            part.errors += DiagnosticText.render(scratch.decoder.refusal(block.items[index], number: number).diagnostics, in: language)
            part.accumulator.refuse()
            return
        }
        let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
        let read = scratch.values.withUnsafeMutableBufferPointer { scratch.decoder.decode(line, line: number, into: $0) }
        switch read {
        case .skipped: return
        case .refused(let record):
            part.errors += DiagnosticText.render(record.diagnostics, in: language)
            part.accumulator.refuse()
            return
        case .profile: break
        }
        scratch.values.withView { values in
            currentKernel.evaluate(values, into: &scratch.current)
            if sameVocabulary { baseKernel.evaluate(values, into: &scratch.base) }
        }
        guard sameVocabulary else {
            var baseParser = CorpusLineParser(path: corpus, format: .jsonLines, vocabulary: baseVocabulary)
            let profile = CorpusFormat(path: corpus) == .jsonLines ? baseParser.parse(Array(line), line: number)?.profile : nil
            guard let profile else {
                part.errors += Phrase("\(corpus):\(number): les règles de base ne lisent pas ce profil (leur vocabulaire diffère) ; ignoré\n",
                                      en: "\(corpus):\(number): the base rules cannot read this profile (their vocabulary differs); skipped\n").text(language)
                part.accumulator.refuse()
                return
            }
            baseCompiled.evaluate(CompiledProfile(profile, vocabulary: baseVocabulary), into: &scratch.base)
            part.accumulator.add(line: number, text: String(decoding: line, as: UTF8.self),
                                 base: OutcomeSummary(scratch.base, baseNames), current: OutcomeSummary(scratch.current, currentNames))
            return
        }
        if codes.unchanged(base: scratch.base, current: scratch.current, scratch: &scratch.codes) {
            part.accumulator.addUnchanged()
            return
        }
        var signature: [Int32] = []
        swap(&signature, &scratch.signature)  // taken out while the outcomes are read (no copy)
        defer { swap(&signature, &scratch.signature) }
        codes.signature(base: scratch.base, current: scratch.current, scratch: &scratch.codes, into: &signature)
        part.accumulator.add(line: number, text: String(decoding: line, as: UTF8.self), signature: signature) {
            (OutcomeSummary(scratch.base, baseNames), OutcomeSummary(scratch.current, currentNames))
        }
    }
}
