/// Replays cases: applies each step's changes to the profile, evaluates, and compares with the
/// step's expectations.
package struct CaseRunner: Sendable {
    let evaluator: Evaluator

    /// Replays with the rules in force on one day (their evaluator, built once).
    package init(rules: RulesInForce) {
        self.evaluator = rules.evaluator
    }

    package init(ruleSet: RuleSet) {
        self.init(rules: RulesInForce(ruleSet))
    }

    package func run(_ scenarioCase: ScenarioCase) -> CaseResult {
        var profile = Profile()
        var failures: [StepFailure] = []
        var fired: Set<String> = []
        var criteria: [String: Set<CriterionStatus>] = [:]
        for (index, step) in scenarioCase.steps.enumerated() {
            for change in step.changes { profile[change.field] = change.value }
            let result = evaluator.recommend(profile)
            fired.formUnion(result.fired)
            for scheme in result.schemes {
                for criterion in scheme.criteria + scheme.priorityCriteria {
                    criteria[scheme.id + "." + criterion.id, default: []].insert(criterion.status)
                }
            }
            var mismatches = Self.compare(result, with: step.expectations)
            if !step.expectations.ficheIncluded.isEmpty || !step.expectations.ficheExcluded.isEmpty {
                let text = PaperSheet(result, catalogue: evaluator.ruleSet.catalogue, glossary: evaluator.ruleSet.glossary, includeDiscreet: false).texts.joined(separator: "\n").lowercased()
                for word in step.expectations.ficheIncluded where !text.contains(word.lowercased()) {
                    mismatches.append(Mismatch(what: Phrase("fiche", en: "sheet"), expected: .same(word), actual: Phrase("absent", en: "absent")))
                }
                for word in step.expectations.ficheExcluded where text.contains(word.lowercased()) {
                    mismatches.append(Mismatch(what: Phrase("fiche", en: "sheet"), expected: Phrase("pas de « \(word) »", en: "no \"\(word)\""), actual: Phrase("« \(word) » présent", en: "\"\(word)\" present")))
                }
            }
            if !mismatches.isEmpty {
                failures.append(StepFailure(index: index, name: step.name, location: step.location, mismatches: mismatches))
            }
        }
        return CaseResult(scenarioCase: scenarioCase, failures: failures, fired: fired.sorted(),
                          criteria: criteria.keys.sorted().map { ($0, criteria[$0] ?? []) })
    }

    static func compare(_ result: Recommendation, with expected: Expectations) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        func check(_ what: Phrase, _ expected: String?, _ actual: String?) {
            if expected != actual { mismatches.append(Mismatch(what: what, expected: value(expected), actual: value(actual))) }
        }
        if let route = expected.route { check(Phrase("parcours", en: "route"), route, result.route?.id) }
        if let scheme = expected.routeScheme { check(Phrase("dispositif du parcours", en: "route scheme"), scheme, result.route?.scheme) }
        if let referent = expected.referent { check(Phrase("référent", en: "referent"), referent, result.referent?.id) }
        for (role, partner) in expected.referents {
            check(Phrase("référent \(role.rawValue)", en: "\(role.rawValue) referent"), partner, result.referents.first { $0.role == role }?.id)
        }
        for scheme in expected.schemes {
            guard let actual = result.schemes.first(where: { $0.id == scheme.scheme }) else { continue }
            if let status = scheme.status { check(Phrase("dispositif \(scheme.scheme)", en: "scheme \(scheme.scheme)"), status.rawValue, actual.status.rawValue) }
            if let advice = scheme.advice { check(Phrase("avis sur le dispositif \(scheme.scheme)", en: "scheme \(scheme.scheme) advice"), advice.rawValue, actual.advice.rawValue) }
            if let stage = scheme.stage { check(Phrase("étape du dispositif \(scheme.scheme)", en: "scheme \(scheme.scheme) stage"), stage, actual.stage?.id) }
            for (id, status) in scheme.criteria {
                let found = (actual.criteria + actual.priorityCriteria).first { $0.id == id }
                check(Phrase("critère \(id) du dispositif \(scheme.scheme)", en: "scheme \(scheme.scheme) criterion \(id)"), status.rawValue, found?.status.rawValue)
            }
        }
        let steps = result.steps.map(\.id)
        presence(Phrase("action", en: "step"), expected.stepsIncluded, expected.stepsExcluded, in: steps, into: &mismatches)
        let actions = result.nextActions.map(\.id)
        presence(Phrase("prochaine action", en: "next action"), expected.nextActionsIncluded, expected.nextActionsExcluded, in: actions, into: &mismatches)
        let ordered = actions.filter { expected.nextActionsOrder.contains($0) }
        if !expected.nextActionsOrder.isEmpty && ordered != expected.nextActionsOrder {
            mismatches.append(Mismatch(what: Phrase("ordre des prochaines actions", en: "next actions order"), expected: list(expected.nextActionsOrder), actual: list(actions)))
        }
        let questions = result.questions.map(\.field)
        if !expected.firstQuestions.isEmpty && Set(questions.prefix(expected.firstQuestions.count)) != Set(expected.firstQuestions) {
            mismatches.append(Mismatch(what: Phrase("premières questions", en: "first questions"), expected: list(expected.firstQuestions),
                                       actual: list(Array(questions.prefix(expected.firstQuestions.count)))))
        }
        presence(Phrase.same("question"), expected.questionsIncluded, expected.questionsExcluded, in: questions, into: &mismatches)
        if let exactly = expected.questionsExactly, exactly.sorted() != questions.sorted() {
            mismatches.append(Mismatch(what: Phrase.same("questions"), expected: list(exactly), actual: list(questions)))
        }
        presence(Phrase("règle déclenchée", en: "fired rule"), expected.fired, expected.notFired, in: result.fired, into: &mismatches)
        return mismatches
    }

    // The French nouns of `what` here (action, question, règle déclenchée) are all feminine.
    private static func presence(_ what: Phrase, _ included: [String], _ excluded: [String], in actual: [String], into mismatches: inout [Mismatch]) {
        for id in included where !actual.contains(id) {
            let got = list(actual)
            mismatches.append(Mismatch(what: what, expected: .same(id), actual: Phrase("absente (présentes : \(got.fr))", en: "absent (got: \(got.en))")))
        }
        for id in excluded where actual.contains(id) {
            mismatches.append(Mismatch(what: what, expected: Phrase("pas de \(id)", en: "no \(id)"), actual: Phrase("\(id) présente", en: "\(id) present")))
        }
    }

    private static func value(_ id: String?) -> Phrase { id.map(Phrase.same) ?? Phrase("aucun", en: "none") }

    private static func list(_ items: [String]) -> Phrase { items.isEmpty ? Phrase("rien", en: "nothing") : .same(items.joined(separator: ", ")) }
}

/// How one case went: the failing steps, and what it exercised (for coverage).
public struct CaseResult: Sendable {
    public let scenarioCase: ScenarioCase
    public let failures: [StepFailure]
    /// Rules that applied at some step.
    public let fired: [String]
    /// Each criterion seen (`<scheme>.<criterion>`) with the outcomes it had.
    public let criteria: [(id: String, outcomes: Set<CriterionStatus>)]

    public var passed: Bool { failures.isEmpty }
}

/// A step whose result differs from what the case expects.
public struct StepFailure: Sendable {
    public let index: Int
    public let name: String
    public let location: SourceLocation
    public let mismatches: [Mismatch]
}

/// One expectation not met.
public struct Mismatch: Sendable, Equatable {
    /// What was compared (`route`, `scheme sma`…).
    public let what: Phrase
    public let expected: Phrase
    public let actual: Phrase

    public init(what: Phrase, expected: Phrase, actual: Phrase) {
        self.what = what
        self.expected = expected
        self.actual = actual
    }

    /// `what: expected X, got Y`, in `language`.
    public func text(_ language: Language) -> String {
        language == .fr ? "\(what.fr) : attendu \(expected.fr), obtenu \(actual.fr)" : "\(what.en): expected \(expected.en), got \(actual.en)"
    }
}

/// Rules and criteria that no replayed case exercises.
public struct Coverage: Sendable {
    public let rulesNeverFired: [String]
    public let criteriaNeverPassed: [String]
    public let criteriaNeverFailed: [String]

    public init(results: [CaseResult], ruleSet: RuleSet) {
        let fired = Set(results.flatMap(\.fired))
        rulesNeverFired = ruleSet.rules.map(\.id).filter { !fired.contains($0) }
        var seen: [String: Set<CriterionStatus>] = [:]
        for result in results {
            for (id, outcomes) in result.criteria { seen[id, default: []].formUnion(outcomes) }
        }
        let ids = ruleSet.schemes.flatMap { scheme in (scheme.criteria + scheme.priorityCriteria).map { scheme.id + "." + $0.id } }
        criteriaNeverPassed = ids.filter { !(seen[$0]?.contains(.passed) ?? false) }
        criteriaNeverFailed = ids.filter { !(seen[$0]?.contains(.failed) ?? false) }
    }
}
