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
        var lowered: [String: CoreCondition] = [:]
        for fact in facts {
            var visiting: Set<String> = []
            _ = Self.lowerFact(fact.name, written: written, date: date, lowered: &lowered, visiting: &visiting)
        }
        self.facts = lowered
    }

    /// The core form of `condition`.
    package func lower(_ condition: Condition) -> CoreCondition {
        Self.lower(Self.resolved(condition, date)) { facts[$0] ?? .never }
    }

    private static func lowerFact(_ name: String, written: [String: Condition], date: String,
                                  lowered: inout [String: CoreCondition], visiting: inout Set<String>) -> CoreCondition {
        if let done = lowered[name] { return done }
        guard let condition = written[name], !visiting.contains(name) else { return .never }
        visiting.insert(name)
        var table = lowered
        let result = lower(resolved(condition, date)) { inner in
            lowerFact(inner, written: written, date: date, lowered: &table, visiting: &visiting)
        }
        lowered = table
        lowered[name] = result
        visiting.remove(name)
        return result
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
    /// Per scheme, one per caution.
    package let cautions: [[CoreCondition]]
    /// Per scheme, one per stage (nil: a stage without `when`).
    package let stages: [[CoreCondition?]]

    init(facts: [Fact], rules: [Rule], catalogue: Catalogue, schemes: [Scheme], askWhen: [Condition?], date: String) {
        let lowering = Lowering(facts: facts, date: date)
        self.lowering = lowering
        self.rules = rules.map { lowering.lower($0.condition) }
        self.requirements = catalogue.entries.map { lowering.lower($0.requires) }
        self.criteria = schemes.map { $0.criteria.map { lowering.lower($0.condition) } }
        self.priorityCriteria = schemes.map { $0.priorityCriteria.map { lowering.lower($0.condition) } }
        self.askWhen = askWhen.map { $0.map { lowering.lower($0.resolved(on: date)) } }
        self.cautions = schemes.map { $0.cautions.map { lowering.lower($0.condition) } }
        self.stages = schemes.map { $0.stages.map { $0.when.map(lowering.lower) } }
    }
}
