/// Evaluates a condition against a profile, in three-valued logic.
///
/// The one place where the meaning of a condition is written: a test on an unknown value is
/// unknown; `all` is false as soon as one part is false, `any` true as soon as one part is true;
/// `not` swaps true and false and keeps unknown. Every other back end is derived from this.
public struct ConditionEvaluator: Sendable {
    let lowering: Lowering

    public init(ruleSet: RuleSet) {
        self.lowering = ruleSet.lowered.lowering
    }

    /// A written condition: lowered (facts, dates, comparisons), then evaluated.
    public func evaluate(_ condition: Condition, for profile: Profile) -> ConditionOutcome {
        Self.evaluate(lowering.lower(condition), for: profile)
    }

    /// The truth of `condition` for `profile`, and the unknown fields that keep it undecided.
    public static func evaluate(_ condition: CoreCondition, for profile: Profile) -> ConditionOutcome {
        switch condition {
        case .always:
            return ConditionOutcome(truth: .yes, missing: [])
        case .never:
            return ConditionOutcome(truth: .no, missing: [])
        case .test(let test):
            guard let value = profile.value(for: test.key) else {
                return ConditionOutcome(truth: .unknown, missing: [test.key.field])
            }
            return ConditionOutcome(truth: test.allowed.contains(value) ? .yes : .no, missing: [])
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
    private static func combine(_ outcomes: [ConditionOutcome], _ rule: ([Truth]) -> Truth) -> ConditionOutcome {
        let truth = rule(outcomes.map(\.truth))
        guard truth == .unknown else { return ConditionOutcome(truth: truth, missing: []) }
        let missing = Set(outcomes.filter { $0.truth == .unknown }.flatMap(\.missing)).sorted()
        return ConditionOutcome(truth: .unknown, missing: missing)
    }
}
