/// Replays cases: applies each step's changes to the profile, evaluates, and compares with the
/// step's expectations.
public struct CaseRunner: Sendable {
    let evaluator: Evaluator

    public init(ruleSet: RuleSet) {
        self.evaluator = Evaluator(ruleSet: ruleSet)
    }

    public func run(_ scenarioCase: ScenarioCase) -> CaseResult {
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
            let mismatches = Self.compare(result, with: step.expectations)
            if !mismatches.isEmpty {
                failures.append(StepFailure(index: index, name: step.name, location: step.location, mismatches: mismatches))
            }
        }
        return CaseResult(scenarioCase: scenarioCase, failures: failures, fired: fired.sorted(),
                          criteria: criteria.keys.sorted().map { ($0, criteria[$0] ?? []) })
    }

    static func compare(_ result: Recommendation, with expected: Expectations) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        func check(_ what: String, _ expected: String?, _ actual: String?) {
            if expected != actual { mismatches.append(Mismatch(what: what, expected: expected ?? "none", actual: actual ?? "none")) }
        }
        if let route = expected.route { check("route", route, result.route?.id) }
        if let scheme = expected.routeScheme { check("route scheme", scheme, result.route?.scheme) }
        if let referent = expected.referent { check("referent", referent, result.referent?.id) }
        for (role, partner) in expected.referents {
            check("\(role.rawValue) referent", partner, result.referents.first { $0.role == role }?.id)
        }
        for scheme in expected.schemes {
            guard let actual = result.schemes.first(where: { $0.id == scheme.scheme }) else { continue }
            if let status = scheme.status { check("scheme \(scheme.scheme)", status.rawValue, actual.status.rawValue) }
            if let stage = scheme.stage { check("scheme \(scheme.scheme) stage", stage, actual.stage?.id) }
            for (id, status) in scheme.criteria {
                let found = (actual.criteria + actual.priorityCriteria).first { $0.id == id }
                check("scheme \(scheme.scheme) criterion \(id)", status.rawValue, found?.status.rawValue)
            }
        }
        let steps = result.steps.map(\.id)
        presence("step", expected.stepsIncluded, expected.stepsExcluded, in: steps, into: &mismatches)
        let questions = result.questions.map(\.field)
        presence("question", expected.questionsIncluded, expected.questionsExcluded, in: questions, into: &mismatches)
        if let exactly = expected.questionsExactly, exactly.sorted() != questions.sorted() {
            mismatches.append(Mismatch(what: "questions", expected: list(exactly), actual: list(questions)))
        }
        presence("fired rule", expected.fired, expected.notFired, in: result.fired, into: &mismatches)
        return mismatches
    }

    private static func presence(_ what: String, _ included: [String], _ excluded: [String], in actual: [String], into mismatches: inout [Mismatch]) {
        for id in included where !actual.contains(id) {
            mismatches.append(Mismatch(what: what, expected: id, actual: "absent (got: \(list(actual)))"))
        }
        for id in excluded where actual.contains(id) {
            mismatches.append(Mismatch(what: what, expected: "no \(id)", actual: "\(id) present"))
        }
    }

    private static func list(_ items: [String]) -> String { items.isEmpty ? "nothing" : items.joined(separator: ", ") }
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
    public let what: String
    public let expected: String
    public let actual: String
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
