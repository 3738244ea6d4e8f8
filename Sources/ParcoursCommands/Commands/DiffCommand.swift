import ParcoursEngine

/// `parcours diff --base DIR --corpus FILE`: what a rule change does to a corpus.
enum DiffCommand {
    static func run(_ options: DiffOptions, terminal: Terminal) -> Int32 {
        let (current, code) = ParcoursCLI.ruleSet(options.common, terminal: terminal)
        guard let current else { return code }
        var baseOptions = options.common
        baseOptions.rules = options.base
        baseOptions.scenarios = options.baseScenarios ?? options.common.scenarios
        let (base, baseCode) = ParcoursCLI.ruleSet(baseOptions, terminal: terminal)
        guard let base else { return baseCode }
        guard var reader = CorpusReader(path: options.corpus, vocabulary: current.vocabulary) else {
            terminal.writeError("parcours: cannot read corpus \(options.corpus)\n")
            return ExitCode.failure
        }
        let baseEvaluator = Evaluator(ruleSet: base)
        let currentEvaluator = Evaluator(ruleSet: current)
        var accumulator = ImpactAccumulator(examplesPerChange: options.examples)
        while let record = reader.next() {
            guard let profile = record.profile else {
                terminal.writeError(DiagnosticText.render(record.diagnostics))
                accumulator.refuse()
                continue
            }
            accumulator.add(line: record.line, text: record.text, base: baseEvaluator.recommend(profile), current: currentEvaluator.recommend(profile))
        }
        let report = accumulator.report(baseFingerprint: base.fingerprint, currentFingerprint: current.fingerprint)
        switch options.format {
        case .text: terminal.write(ImpactText.render(report, date: current.date))
        case .json: terminal.write(ImpactText.json(report, date: current.date).rendered() + "\n")
        }
        return report.refused > 0 ? ExitCode.failure : ExitCode.success
    }
}
