/// Evaluates a condition against a profile, in three-valued logic.
///
/// This is the one place where a rule's condition meets a profile.
public struct ConditionEvaluator: Sendable {
    let ruleSet: RuleSet

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
    }

    public func evaluate(_ condition: Condition, for profile: Profile) -> ConditionOutcome {
        switch condition {
        case .always:
            return ConditionOutcome(truth: .yes, missing: [])
        case .test(let test):
            guard let value = profile.value(for: test.key) else {
                return ConditionOutcome(truth: .unknown, missing: [test.key.field])
            }
            return ConditionOutcome(truth: test.allowed.contains(value) ? .yes : .no, missing: [])
        case .comparison(let comparison):
            return evaluate(comparison.meaning, for: profile)
        case .fact(let name, _):
            guard let fact = ruleSet.fact(named: name) else { return ConditionOutcome(truth: .unknown, missing: []) }
            return evaluate(fact.condition, for: profile)
        case .dated(let inner, _):
            // Resolved away when the rule set is loaded for a date; evaluated as written otherwise.
            return evaluate(inner, for: profile)
        case .not(let inner):
            let outcome = evaluate(inner, for: profile)
            return ConditionOutcome(truth: outcome.truth.negated, missing: outcome.missing)
        case .all(let items):
            return combine(items.map { evaluate($0, for: profile) }, Truth.all)
        case .any(let items):
            return combine(items.map { evaluate($0, for: profile) }, Truth.any)
        }
    }

    /// Combines children; only the undecided ones name missing fields, and only when the
    /// whole is undecided (a false `all` or a true `any` needs no more answers).
    private func combine(_ outcomes: [ConditionOutcome], _ rule: ([Truth]) -> Truth) -> ConditionOutcome {
        let truth = rule(outcomes.map(\.truth))
        guard truth == .unknown else { return ConditionOutcome(truth: truth, missing: []) }
        let missing = Set(outcomes.filter { $0.truth == .unknown }.flatMap(\.missing)).sorted()
        return ConditionOutcome(truth: .unknown, missing: missing)
    }
}
