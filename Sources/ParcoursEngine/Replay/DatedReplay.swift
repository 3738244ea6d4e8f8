/// Replays cases each with the rule set of its own day (`date:` in the case), loading each
/// other day's rule set once; cases without a date use the given rule set.
package struct DatedReplay: Sendable {
    let rules: RulesInForce
    let load: @Sendable (String) -> RulesInForce?

    /// `load`: the rules in force on another day, nil when they do not load.
    package init(rules: RulesInForce, load: @escaping @Sendable (String) -> RulesInForce?) {
        self.rules = rules
        self.load = load
    }

    /// `files`: where `ruleSet` was read from, to load it again for other days.
    package init(ruleSet: RuleSet, files: RuleSetFiles) {
        self.init(rules: RulesInForce(ruleSet), load: { RuleSetLoader.load(files, date: $0).ruleSet.map(RulesInForce.init) })
    }

    var ruleSet: RuleSet { rules.ruleSet }

    /// The results in the order of `cases`; a case whose day's rule set does not load fails
    /// with that reason.
    package func run(_ cases: [ScenarioCase]) -> [CaseResult] {
        var runners: [String: CaseRunner?] = [ruleSet.date: CaseRunner(rules: rules)]
        return cases.map { scenarioCase in
            let date = scenarioCase.date ?? ruleSet.date
            if runners[date] == nil { runners[date] = load(date).map { CaseRunner(rules: $0) } }
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
