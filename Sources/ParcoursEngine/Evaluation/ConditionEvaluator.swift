/// Evaluates a condition against a profile, in three-valued logic.
///
/// The one place where the meaning of a condition is written: a test on an unknown value is
/// unknown; `all` is false as soon as one part is false, `any` true as soon as one part is true;
/// `not` swaps true and false and keeps unknown. Every other back end is derived from this.
package struct ConditionEvaluator: Sendable {
    let lowering: Lowering

    package init(ruleSet: RuleSet) {
        self.lowering = ruleSet.lowered.lowering
    }

    /// A written condition: lowered (facts, dates, comparisons), then evaluated.
    package func evaluate(_ condition: Condition, for profile: Profile) -> ConditionOutcome {
        Self.evaluate(lowering.lower(condition), for: profile)
    }

    /// The truth of `condition` for `profile`, and the unknown fields that keep it undecided.
    package static func evaluate<P: ProfileReading>(_ condition: CoreCondition, for profile: P) -> ConditionOutcome {
        let value = truth(condition, for: profile)
        guard value == .unknown else { return ConditionOutcome(truth: value, missing: []) }
        var fields = Set<Int>()
        collectMissing(condition, profile, into: &fields)
        return ConditionOutcome(truth: .unknown, missing: fields.sorted())
    }

    /// The three-valued truth: a test on an unknown value is unknown; `all` is false as soon as
    /// one part is false, `any` true as soon as one part is true; `not` keeps unknown.
    package static func truth<P: ProfileReading>(_ condition: CoreCondition, for profile: P) -> Truth {
        switch condition {
        case .always: return .yes
        case .never: return .no
        case .test(let test):
            guard let value = profile.value(for: test.key) else { return .unknown }
            return test.allowed.contains(value) ? .yes : .no
        case .not(let inner):
            return truth(inner, for: profile).negated
        case .all(let items):
            var result = Truth.yes
            for item in items {
                switch truth(item, for: profile) {
                case .no: return .no
                case .unknown: result = .unknown
                case .yes: break
                }
            }
            return result
        case .any(let items):
            var result = Truth.no
            for item in items {
                switch truth(item, for: profile) {
                case .yes: return .yes
                case .unknown: result = .unknown
                case .no: break
                }
            }
            return result
        }
    }

    /// The unknown fields under an undecided condition: only undecided parts name fields (a
    /// false part of an `all`, or a true part of an `any`, would already decide it).
    private static func collectMissing<P: ProfileReading>(_ condition: CoreCondition, _ profile: P, into fields: inout Set<Int>) {
        switch condition {
        case .always, .never: return
        case .test(let test):
            if profile.value(for: test.key) == nil { fields.insert(test.key.field) }
        case .not(let inner):
            collectMissing(inner, profile, into: &fields)
        case .all(let items), .any(let items):
            for item in items where truth(item, for: profile) == .unknown { collectMissing(item, profile, into: &fields) }
        }
    }
}
