/// Lowers written conditions to the core form, once: facts inlined (each fact lowered once),
/// dated parts resolved for the date (`Condition.resolved(on:)`), comparisons replaced by their tests.
///
/// The one home of what a written condition means. A fact that does not exist lowers to
/// `never` (loading refuses such a rule set anyway: this only concerns rule sets built in code).
package struct Lowering: Sendable {
    package let date: String
    /// Each fact in force, lowered.
    package let facts: [String: CoreCondition]

    /// Lowers `facts` (in any order; cycles lower to `never`) for `date`.
    package init(facts: [Fact], date: String) {
        self.date = date
        var written: [String: Condition] = [:]
        for fact in facts where written[fact.name] == nil { written[fact.name] = fact.condition }
        self.facts = Self.lowerFacts(facts.map(\.name), written: written, date: date)
    }

    /// The core form of `condition`.
    package func lower(_ condition: Condition) -> CoreCondition {
        Self.lower(Self.resolved(condition, date)) { facts[$0] ?? .never }
    }

    /// Every fact lowered once, each after the facts it uses: a depth-first search in the order
    /// of `names` over the facts each one uses on `date`, and each fact lowered when all of its
    /// own are. A use of a fact still on the search path (a cycle) lowers to `never`. A work
    /// list, not recursion: a chain of facts as long as the input cannot exhaust the stack.
    private static func lowerFacts(_ names: [String], written: [String: Condition], date: String) -> [String: CoreCondition] {
        var lowered: [String: CoreCondition] = [:]
        var onPath: Set<String> = []
        for name in names where lowered[name] == nil {
            guard let condition = written[name] else { continue }
            var path: [(name: String, condition: Condition, uses: [String], next: Int)] = []
            func enter(_ name: String, _ condition: Condition) {
                let resolved = resolved(condition, date)
                path.append((name, resolved, resolved.factReferences.map(\.name), 0))
                onPath.insert(name)
            }
            enter(name, condition)
            while let top = path.last {
                if top.next < top.uses.count {
                    path[path.count - 1].next += 1
                    let used = top.uses[top.next]
                    if lowered[used] == nil, !onPath.contains(used), let usedCondition = written[used] { enter(used, usedCondition) }
                    continue
                }
                lowered[top.name] = lower(top.condition) { lowered[$0] ?? .never }
                onPath.remove(top.name)
                path.removeLast()
            }
        }
        return lowered
    }

    /// The condition as in force on `date` (`Condition.resolved(on:)`, the one home of what a
    /// dated part means); a rule set built without a date (in code) keeps every dated part.
    private static func resolved(_ condition: Condition, _ date: String) -> Condition {
        date.isEmpty ? condition : condition.resolved(on: date)
    }

    private static func lower(_ condition: Condition, fact: (String) -> CoreCondition) -> CoreCondition {
        switch condition {
        case .always: return .always
        case .test(let test): return .test(test)
        case .comparison(let comparison): return lower(comparison.meaning, fact: fact)
        case .fact(let name, _): return fact(name)
        case .not(let inner): return .not(lower(inner, fact: fact))
        // Left only when no date was given (`resolved` removes dated parts otherwise).
        case .dated(let inner, _): return lower(inner, fact: fact)
        case .all(let items): return .all(items.map { lower($0, fact: fact) })
        case .any(let items):
            let parts = items.map { lower($0, fact: fact) }
            return parts.isEmpty ? .never : .any(parts)
        }
    }
}

/// Every condition of a rule set in core form, aligned with the rule set's arrays.
package struct LoweredRuleSet: Sendable {
    package let lowering: Lowering
    /// One per rule, in rule set order.
    package let rules: [CoreCondition]
    /// One per catalogue entry: its requirement.
    package let requirements: [CoreCondition]
    /// Per scheme, one per criterion; then per priority criterion.
    package let criteria: [[CoreCondition]]
    package let priorityCriteria: [[CoreCondition]]
    /// Per field: when its question is asked (nil: always).
    package let askWhen: [CoreCondition?]
    /// Per catalogue entry, its `discreet_when` (nil: none).
    package let discreetWhen: [CoreCondition?]
    /// Per scheme, one per caution.
    package let cautions: [[CoreCondition]]
    /// Per scheme, one per stage (nil: a stage without `when`).
    package let stages: [[CoreCondition?]]

    init(facts: [Fact], rules: [Rule], catalogue: Catalogue, schemes: [Scheme], askWhen: [Condition?], date: String) {
        let lowering = Lowering(facts: facts, date: date)
        self.lowering = lowering
        self.rules = rules.map { lowering.lower($0.condition) }
        self.requirements = catalogue.entries.map { lowering.lower($0.requires) }
        self.discreetWhen = catalogue.entries.map { $0.discreetWhen.map(lowering.lower) }
        self.criteria = schemes.map { $0.criteria.map { lowering.lower($0.condition) } }
        self.priorityCriteria = schemes.map { $0.priorityCriteria.map { lowering.lower($0.condition) } }
        self.askWhen = askWhen.map { $0.map { lowering.lower($0.resolved(on: date)) } }
        self.cautions = schemes.map { $0.cautions.map { lowering.lower($0.condition) } }
        self.stages = schemes.map { $0.stages.map { $0.when.map(lowering.lower) } }
    }
}
