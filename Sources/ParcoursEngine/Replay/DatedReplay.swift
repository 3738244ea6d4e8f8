/// Replays cases each with the rule set of its own day (`date:` in the case), loading each
/// other day's rule set once; cases without a date use the given rule set.
public struct DatedReplay: Sendable {
    let ruleSet: RuleSet
    let load: @Sendable (String) -> RuleSet?

    /// `load`: the rule set in force on another day, nil when it does not load.
    public init(ruleSet: RuleSet, load: @escaping @Sendable (String) -> RuleSet?) {
        self.ruleSet = ruleSet
        self.load = load
    }

    /// `files`: where `ruleSet` was read from, to load it again for other days.
    public init(ruleSet: RuleSet, files: RuleSetFiles) {
        self.init(ruleSet: ruleSet, load: { RuleSetLoader.load(files, date: $0).ruleSet })
    }

    /// The results in the order of `cases`; a case whose day's rule set does not load fails
    /// with that reason.
    public func run(_ cases: [ScenarioCase]) -> [CaseResult] {
        var runners: [String: CaseRunner?] = [ruleSet.date: CaseRunner(ruleSet: ruleSet)]
        return cases.map { scenarioCase in
            let date = scenarioCase.date ?? ruleSet.date
            if runners[date] == nil { runners[date] = load(date).map(CaseRunner.init) }
            guard let runner = runners[date] ?? nil else {
                let mismatch = Mismatch(what: Phrase("jeu de règles", en: "rule set"), expected: Phrase("les règles en vigueur le \(date)", en: "the rules in force on \(date)"),
                                        actual: Phrase("elles ne se chargent pas : lancez parcours check --date \(date)", en: "they do not load: run parcours check --date \(date)"))
                let location = scenarioCase.steps.first?.location ?? SourceLocation(file: scenarioCase.file, line: 1, column: 1)
                return CaseResult(scenarioCase: scenarioCase, failures: [StepFailure(index: 0, name: "profil initial", location: location, mismatches: [mismatch])],
                                  fired: [], criteria: [])
            }
            return runner.run(scenarioCase)
        }
    }
}
