/// The one form every back end reads: facts inlined, dated parts resolved for the rule set's date,
/// comparisons lowered to tests on value sets. `Lowering` makes it, once, when a rule set is built.
///
/// Its meaning is three-valued, and is written once, in `ConditionEvaluator`: a test on an unknown
/// value is unknown; `all`, `any` and `not` follow Kleene's logic. The compiled matcher, the
/// compiled three-valued program and the satisfiability checks are derived from this form and
/// checked against the evaluator by differential tests; none of them decides a meaning of its own.
public indirect enum CoreCondition: Sendable, Hashable {
    /// Holds for every profile.
    case always
    /// Holds for no profile (an `any` left empty, a fact that does not exist).
    case never
    /// The value of `key` lies in `allowed`.
    case test(Test)
    case all([CoreCondition])
    case any([CoreCondition])
    case not(CoreCondition)

    /// The indexes of the fields read, sorted.
    public var fields: [Int] {
        var result = Set<Int>()
        var stack: [CoreCondition] = [self]
        while let next = stack.popLast() {
            switch next {
            case .always, .never: break
            case .test(let test): result.insert(test.key.field)
            case .all(let items), .any(let items): stack += items
            case .not(let inner): stack.append(inner)
            }
        }
        return result.sorted()
    }

    /// The negation normal form: `not` pushed down to the tests and folded into them (the test
    /// of the complement in the field's domain), `all` in `all` merged. Exact in three-valued
    /// logic too: the complement of a test on an unknown value is still unknown.
    public func normalForm(_ vocabulary: Vocabulary, negated: Bool = false) -> CoreCondition {
        switch self {
        case .always: return negated ? .never : .always
        case .never: return negated ? .always : .never
        case .test(let test):
            guard negated else { return self }
            return .test(Test(key: test.key, allowed: test.allowed.complement(in: vocabulary.domain(of: test.key))))
        case .not(let inner):
            return inner.normalForm(vocabulary, negated: !negated)
        case .all(let items):
            let parts = items.map { $0.normalForm(vocabulary, negated: negated) }
            return negated ? Self.disjunction(parts) : Self.conjunction(parts)
        case .any(let items):
            let parts = items.map { $0.normalForm(vocabulary, negated: negated) }
            return negated ? Self.conjunction(parts) : Self.disjunction(parts)
        }
    }

    /// `all` of `parts`, with nested `all` merged and `always` dropped.
    static func conjunction(_ parts: [CoreCondition]) -> CoreCondition {
        var merged: [CoreCondition] = []
        for part in parts {
            switch part {
            case .all(let inner): merged += inner
            case .always: continue
            case .never: return .never
            default: merged.append(part)
            }
        }
        if merged.isEmpty { return .always }
        return merged.count == 1 ? merged[0] : .all(merged)
    }

    /// `any` of `parts`, with nested `any` merged and `never` dropped.
    static func disjunction(_ parts: [CoreCondition]) -> CoreCondition {
        var merged: [CoreCondition] = []
        for part in parts {
            switch part {
            case .any(let inner): merged += inner
            case .never: continue
            case .always: return .always
            default: merged.append(part)
            }
        }
        if merged.isEmpty { return .never }
        return merged.count == 1 ? merged[0] : .any(merged)
    }
}

extension Vocabulary {
    /// The integers a test on `key` may read: the field's domain, or 0...1 for a set element.
    public func domain(of key: ValueKey) -> ClosedRange<Int> {
        guard key.element == nil, key.field >= 0, key.field < fields.count else { return 0...1 }
        return fields[key.field].domain
    }
}
