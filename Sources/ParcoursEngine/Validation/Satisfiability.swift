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

    /// The satisfiable conjunctions of `condition` (negated when asked); nil past the limit.
    func expand(_ condition: CoreCondition, negated: Bool = false) -> [Conjunct]? {
        switch condition {
        case .always:
            return negated ? [] : [Conjunct()]
        case .never:
            return negated ? [Conjunct()] : []
        case .test(let test):
            let allowed = negated ? test.allowed.complement(in: domain(of: test.key)) : test.allowed
            return allowed.isEmpty ? [] : [Conjunct(constraints: [test.key: allowed])]
        case .not(let inner):
            return expand(inner, negated: !negated)
        case .all(let items):
            return negated ? union(items, negated: true) : product(items, negated: false)
        case .any(let items):
            return negated ? product(items, negated: true) : union(items, negated: false)
        }
    }

    /// Conjunctions of both `a` and `b` holding together; nil past the limit.
    func both(_ a: CoreCondition, _ b: CoreCondition) -> [Conjunct]? {
        product([a, b], negated: false)
    }

    private func union(_ items: [CoreCondition], negated: Bool) -> [Conjunct]? {
        var result: [Conjunct] = []
        for item in items {
            guard let expanded = expand(item, negated: negated) else { return nil }
            result += expanded
            if result.count > Self.limit { return nil }
        }
        return result
    }

    private func product(_ items: [CoreCondition], negated: Bool) -> [Conjunct]? {
        var result = [Conjunct()]
        for item in items {
            guard let expanded = expand(item, negated: negated) else { return nil }
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

    func domain(of key: ValueKey) -> ClosedRange<Int> {
        vocabulary.domain(of: key)
    }

    /// A readable example of profiles meeting `conjunct` (`age = 18, barriers includes childcare`).
    func example(_ conjunct: Conjunct) -> String {
        let parts = conjunct.constraints.keys.sorted().compactMap { key -> String? in
            guard key.field < vocabulary.fields.count, let allowed = conjunct.constraints[key], let value = allowed.first else { return nil }
            let field = vocabulary.fields[key.field]
            if let element = key.element, element < field.values.count {
                return "\(field.name) \(value == 1 ? "includes" : "excludes") \(field.values[element].id)"
            }
            switch field.type {
            case .integer: return "\(field.name) = \(value)"
            case .boolean: return "\(field.name) = \(value == 1 ? "true" : "false")"
            case .enumeration(let values, _): return value < values.count ? "\(field.name) = \(values[value].id)" : nil
            case .set: return nil
            }
        }
        return parts.isEmpty ? "any profile" : parts.joined(separator: ", ")
    }
}
