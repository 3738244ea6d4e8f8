/// Lowers written conditions to the core form, once: facts inlined (each fact lowered once),
/// dated parts resolved for the date, comparisons replaced by their tests.
///
/// The one home of what a written condition means. A fact that does not exist lowers to
/// `never` (loading refuses such a rule set anyway: this only concerns rule sets built in code).
public struct Lowering: Sendable {
    public let date: String
    /// Each fact in force, lowered.
    public let facts: [String: CoreCondition]

    /// Lowers `facts` (in any order; cycles lower to `never`) for `date`.
    public init(facts: [Fact], date: String) {
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
    public func lower(_ condition: Condition) -> CoreCondition {
        Self.lower(condition, date: date) { facts[$0] ?? .never }
    }

    private static func lowerFact(_ name: String, written: [String: Condition], date: String,
                                  lowered: inout [String: CoreCondition], visiting: inout Set<String>) -> CoreCondition {
        if let done = lowered[name] { return done }
        guard let condition = written[name], !visiting.contains(name) else { return .never }
        visiting.insert(name)
        var table = lowered
        let result = lower(condition, date: date) { inner in
            lowerFact(inner, written: written, date: date, lowered: &table, visiting: &visiting)
        }
        lowered = table
        lowered[name] = result
        visiting.remove(name)
        return result
    }

    private static func lower(_ condition: Condition, date: String, fact: (String) -> CoreCondition) -> CoreCondition {
        switch condition {
        case .always: return .always
        case .test(let test): return .test(test)
        case .comparison(let comparison): return lower(comparison.meaning, date: date, fact: fact)
        case .fact(let name, _): return fact(name)
        case .not(let inner): return .not(lower(inner, date: date, fact: fact))
        // A dated part out of force is left out of its `all` or `any`; alone, it always holds.
        case .dated(let inner, let validity): return inForce(validity, date) ? lower(inner, date: date, fact: fact) : .always
        case .all(let items): return .all(inForce(items, date: date).map { lower($0, date: date, fact: fact) })
        case .any(let items):
            let parts = inForce(items, date: date).map { lower($0, date: date, fact: fact) }
            return parts.isEmpty ? .never : .any(parts)
        }
    }

    /// A rule set built without a date (in code) keeps every dated part.
    private static func inForce(_ validity: Validity, _ date: String) -> Bool {
        date.isEmpty || validity.contains(date)
    }

    private static func inForce(_ items: [Condition], date: String) -> [Condition] {
        items.filter { item in
            if case .dated(_, let validity) = item { return inForce(validity, date) }
            return true
        }
    }
}

/// Every condition of a rule set in core form, aligned with the rule set's arrays.
public struct LoweredRuleSet: Sendable {
    public let lowering: Lowering
    /// One per rule, in rule set order.
    public let rules: [CoreCondition]
    /// One per catalogue entry: its requirement.
    public let requirements: [CoreCondition]
    /// Per scheme, one per criterion; then per priority criterion.
    public let criteria: [[CoreCondition]]
    public let priorityCriteria: [[CoreCondition]]
    /// Per scheme, one per stage (nil: a stage without `when`).
    public let stages: [[CoreCondition?]]

    init(facts: [Fact], rules: [Rule], catalogue: Catalogue, schemes: [Scheme], date: String) {
        let lowering = Lowering(facts: facts, date: date)
        self.lowering = lowering
        self.rules = rules.map { lowering.lower($0.condition) }
        self.requirements = catalogue.entries.map { lowering.lower($0.requires) }
        self.criteria = schemes.map { $0.criteria.map { lowering.lower($0.condition) } }
        self.priorityCriteria = schemes.map { $0.priorityCriteria.map { lowering.lower($0.condition) } }
        self.stages = schemes.map { $0.stages.map { $0.when.map(lowering.lower) } }
    }
}
