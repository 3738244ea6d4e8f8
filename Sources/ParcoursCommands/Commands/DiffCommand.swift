import ParcoursEngine

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
                  OptionSpec("--examples", value: "N", help: Phrase("profils d'exemple par changement (par défaut : 3)", en: "example profiles per change (default: 3)"))]
            + CommonSpec.all + [CommonSpec.format],
        shape: "--base DIR --corpus FILE")

    let options: DiffOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard let base = arguments.value("--base") else { throw UsageError("diff attend --base DOSSIER (les règles d'avant le changement)", en: "diff needs --base DIR (the rules before the change)") }
        guard let corpus = arguments.value("--corpus") else { throw UsageError("diff attend --corpus FICHIER (JSON lines ou CSV)", en: "diff needs --corpus FILE (JSON lines or CSV)") }
        options = DiffOptions(base: base, baseScenarios: arguments.value("--base-scenarios"), corpus: corpus, common: try arguments.common(),
                              format: arguments.outputFormat,
                              examples: try arguments.integer("--examples", default: 3))
    }

    func run(terminal: Terminal) -> Int32 {
        let (current, code) = ParcoursCLI.ruleSet(options.common, terminal: terminal)
        guard let current else { return code }
        var baseOptions = options.common
        baseOptions.rules = options.base
        baseOptions.scenarios = options.baseScenarios ?? options.common.scenarios
        let (base, baseCode) = ParcoursCLI.ruleSet(baseOptions, terminal: terminal)
        guard let base else { return baseCode }
        var lines: LineReader
        do {
            lines = try LineReader(path: options.corpus)
        } catch {
            terminal.complain(error.phrase)
            return ExitCode.failure
        }
        defer { lines.close() }
        // Profiles are typed with the current vocabulary and evaluated by both compiled rule sets;
        // when the change touches the vocabulary, the base rule set gets the profile re-typed with its own.
        let shape = { (vocabulary: Vocabulary) in vocabulary.fields.map { "\($0.name):\($0.type.keyword):\($0.values.map(\.id))" } }
        let sameVocabulary = shape(base.vocabulary) == shape(current.vocabulary)
        let baseCompiled = CompiledRuleSet(base)
        let currentCompiled = CompiledRuleSet(current)
        let format = CorpusFormat(path: options.corpus)
        var decoder = CorpusDecoder(path: options.corpus, vocabulary: current.vocabulary)
        var accumulator = ImpactAccumulator(examplesPerChange: options.examples)
        var values: [Int64] = []
        var baseOutcome = CompiledOutcome(), currentOutcome = CompiledOutcome()
        var number = 0
        while let line = lines.next() {
            number += 1
            guard case .text(let bytes) = line else {
                terminal.writeError(DiagnosticText.render(decoder.refusal(line, number: number).diagnostics, in: terminal.language))
                accumulator.refuse()
                continue
            }
            switch decoder.decode(bytes, line: number, into: &values) {
            case .skipped: continue
            case .refused(let record):
                terminal.writeError(DiagnosticText.render(record.diagnostics, in: terminal.language))
                if decoder.headerRefused {
                    terminal.writeError(terminal.say("parcours : l'en-tête CSV a des erreurs ; aucune ligne n'a été lue\n", en: "parcours: the CSV header has errors; no row was read\n"))
                    return ExitCode.failure
                }
                accumulator.refuse()
                continue
            case .profile: break
            }
            values.withUnsafeBufferPointer { buffer in
                guard let pointer = buffer.baseAddress else { return }
                currentCompiled.evaluate(pointer, into: &currentOutcome)
                if sameVocabulary { baseCompiled.evaluate(pointer, into: &baseOutcome) }
            }
            if !sameVocabulary {
                var baseParser = CorpusLineParser(path: options.corpus, format: .jsonLines, vocabulary: base.vocabulary)
                let profile = format == .jsonLines ? baseParser.parse(bytes, line: number)?.profile : nil
                guard let profile else {
                    terminal.writeError(terminal.say("\(options.corpus):\(number): les règles de base ne lisent pas ce profil (leur vocabulaire diffère) ; ignoré\n",
                                                     en: "\(options.corpus):\(number): the base rules cannot read this profile (their vocabulary differs); skipped\n"))
                    accumulator.refuse()
                    continue
                }
                baseCompiled.evaluate(CompiledProfile(profile, vocabulary: base.vocabulary), into: &baseOutcome)
            }
            accumulator.add(line: number, text: String(decoding: bytes, as: UTF8.self),
                            base: OutcomeSummary(baseOutcome, baseCompiled), current: OutcomeSummary(currentOutcome, currentCompiled))
        }
        let report = accumulator.report(baseFingerprint: base.fingerprint, currentFingerprint: current.fingerprint)
        switch options.format {
        case .text: terminal.write(ImpactText.render(report, date: current.date))
        case .json: terminal.write(report.json(date: current.date).rendered() + "\n")
        }
        return report.refused > 0 ? ExitCode.failure : ExitCode.success
    }
}
