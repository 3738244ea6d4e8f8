/// Decides exactly whether core conditions can hold, by expanding them into a disjunction of
/// conjunctions of tests and intersecting each field's allowed values. The domain is finite
/// (bounded integers, enumerations, sets), so this is exact, not sampled.
struct Satisfiability {
    /// A conjunction: for each value read, the values it may take. Keys absent are free.
    struct Conjunct: Sendable {
        var constraints: [ValueKey: ValueSet] = [:]

        /// Adds `other`'s constraints; nil when some key is left with no value.
        func merged(with other: Conjunct) -> Conjunct? {
            var result = self
            for (key, allowed) in other.constraints {
                let combined = result.constraints[key].map { $0.intersection(allowed) } ?? allowed
                if combined.isEmpty { return nil }
                result.constraints[key] = combined
            }
            return result
        }
    }

    let vocabulary: Vocabulary
    /// Beyond this many conjunctions, analysis gives up rather than take too long.
    static let limit = 20_000

    init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
    }

    /// The satisfiable conjunctions of `condition`; nil past the limit. Negation is the core's:
    /// the condition is expanded in its normal form (`CoreCondition.normalForm`), where `not`
    /// is already pushed down and folded into the tests.
    func expand(_ condition: CoreCondition) -> [Conjunct]? {
        expandNormal(condition.normalForm(vocabulary))
    }

    /// The satisfiable conjunctions of a condition in normal form (no `not` left).
    private func expandNormal(_ condition: CoreCondition) -> [Conjunct]? {
        switch condition {
        case .always:
            return [Conjunct()]
        case .never:
            return []
        case .test(let test):
            return test.allowed.isEmpty ? [] : [Conjunct(constraints: [test.key: test.allowed])]
        case .not(let inner):
            // Never in a normal form; should one come, the core pushes it down, not this.
            return expandNormal(inner.normalForm(vocabulary, negated: true))
        case .all(let items):
            return product(items)
        case .any(let items):
            return union(items)
        }
    }

    /// Conjunctions of both `a` and `b` holding together; nil past the limit.
    func both(_ a: CoreCondition, _ b: CoreCondition) -> [Conjunct]? {
        expand(.all([a, b]))
    }

    private func union(_ items: [CoreCondition]) -> [Conjunct]? {
        var result: [Conjunct] = []
        for item in items {
            guard let expanded = expandNormal(item) else { return nil }
            result += expanded
            if result.count > Self.limit { return nil }
        }
        return result
    }

    private func product(_ items: [CoreCondition]) -> [Conjunct]? {
        var result = [Conjunct()]
        for item in items {
            guard let expanded = expandNormal(item) else { return nil }
            var next: [Conjunct] = []
            for left in result {
                for right in expanded {
                    if let merged = left.merged(with: right) { next.append(merged) }
                }
                if next.count > Self.limit { return nil }
            }
            result = next
            if result.isEmpty { return [] }
        }
        return result
    }

    /// A readable example of profiles meeting `conjunct` (`age = 18, barriers includes childcare`).
    func example(_ conjunct: Conjunct) -> String {
        let parts = conjunct.constraints.keys.sorted().compactMap { key -> String? in
            guard key.field < vocabulary.fields.count, let allowed = conjunct.constraints[key], let value = allowed.first else { return nil }
            let field = vocabulary.fields[key.field]
            if let element = key.element, element < field.values.count {
                return "\(field.name) \(value == 1 ? "includes" : "excludes") \(field.values[element].id)"
            }
            return field.kind.example(field.name, value: value)
        }
        return parts.isEmpty ? "any profile" : parts.joined(separator: ", ")
    }
}
