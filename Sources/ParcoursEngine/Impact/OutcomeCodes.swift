/// What a diff compares of a compiled outcome, as names per rule: the route (`scheme:<id>` for
/// a scheme; `none` without one), the insertion référent (`none`), each suggestion's entry and
/// each scheme's id. The one home of those names: `OutcomeSummary` reads them, and
/// `OutcomeCodes` numbers them.
package struct OutcomeNames: Sendable {
    package static let none = "none"
    let route: [String]
    let referent: [String]
    /// Per rule, the entry of each suggestion.
    let steps: [[String]]
    let schemes: [String]

    package init(_ compiled: CompiledRuleSet) {
        let rules = compiled.ruleSet.rules
        route = rules.map { $0.routeName ?? Self.none }
        referent = rules.map { $0.referent ?? Self.none }
        steps = rules.map { $0.suggestions.map(\.entry) }
        schemes = compiled.ruleSet.schemes.map(\.id)
    }

    func route(_ outcome: CompiledOutcome) -> String { outcome.route.map { route[$0] } ?? Self.none }
    func referent(_ outcome: CompiledOutcome) -> String { outcome.referent.map { referent[$0] } ?? Self.none }
}

/// The names of two rule sets' outcomes as small integers shared by both, so that a diff can
/// tell an unchanged profile (most of a corpus) without building a single string: equal codes
/// are equal names. A profile the codes cannot clear goes through `OutcomeSummary`, which
/// decides what changed.
package struct OutcomeCodes: Sendable {
    private struct Table: Sendable {
        let route: [Int32], referent: [Int32]
        /// Per rule, from `stepBase[rule]`: the code of each suggestion's entry.
        let steps: [Int32], stepBase: [Int]
        let schemes: [Int32]
        let none: Int32
    }

    private let base: Table
    private let current: Table

    package init(base: OutcomeNames, current: OutcomeNames) {
        var interner = Interner()
        func code(_ name: String) -> Int32 { interner.code(name) }
        func table(_ names: OutcomeNames) -> Table {
            var base = 0
            let stepBase = names.steps.map { steps in
                defer { base += steps.count }
                return base
            }
            return Table(route: names.route.map(code), referent: names.referent.map(code), steps: names.steps.flatMap { $0.map(code) },
                         stepBase: stepBase, schemes: names.schemes.map(code), none: code(OutcomeNames.none))
        }
        self.base = table(base)
        self.current = table(current)
    }

    /// Scratch for `unchanged`, reused from one profile to the next.
    package struct Scratch: Sendable {
        var base: [Int32] = []
        var current: [Int32] = []
        package init() {}
    }

    /// The two outcomes as codes, written into `key`: routes, référents, scheme statuses and
    /// the distinct suggested entries of each. Equal keys are equal `OutcomeSummary` pairs
    /// (the codes are shared by both rule sets), so a diff works out a key's changes once.
    package func signature(base b: CompiledOutcome, current c: CompiledOutcome, scratch: inout Scratch, into key: inout [Int32]) {
        key.removeAll(keepingCapacity: true)
        key.append(b.route.map { base.route[$0] } ?? base.none)
        key.append(c.route.map { current.route[$0] } ?? current.none)
        key.append(b.referent.map { base.referent[$0] } ?? base.none)
        key.append(c.referent.map { current.referent[$0] } ?? current.none)
        key.append(Int32(b.schemes.count))
        for scheme in b.schemes { key.append(Int32(scheme.status.index)) }
        key.append(Int32(c.schemes.count))
        for scheme in c.schemes { key.append(Int32(scheme.status.index)) }
        Self.entries(b, base, &scratch.base)
        Self.entries(c, current, &scratch.current)
        func distinct(_ sorted: [Int32], into key: inout [Int32]) {
            key.append(-1)
            for (position, code) in sorted.enumerated() where position == 0 || sorted[position - 1] != code { key.append(code) }
        }
        distinct(scratch.base, into: &key)
        distinct(scratch.current, into: &key)
    }

    /// The entry codes of an outcome's steps, sorted (repeats kept).
    private static func entries(_ outcome: CompiledOutcome, _ table: Table, _ into: inout [Int32]) {
        into.removeAll(keepingCapacity: true)
        for step in outcome.selection.steps { into.append(table.steps[table.stepBase[step.rule] + step.suggestion]) }
        into.sort()
    }

    /// True only when the two outcomes have the same route, référent, set of suggested entries
    /// and scheme statuses (false may still turn out unchanged: `OutcomeSummary` decides).
    package func unchanged(base b: CompiledOutcome, current c: CompiledOutcome, scratch: inout Scratch) -> Bool {
        guard (b.route.map { base.route[$0] } ?? base.none) == (c.route.map { current.route[$0] } ?? current.none),
              (b.referent.map { base.referent[$0] } ?? base.none) == (c.referent.map { current.referent[$0] } ?? current.none),
              b.schemes.count == c.schemes.count, base.schemes == current.schemes
        else { return false }
        for index in b.schemes.indices where b.schemes[index].status != c.schemes[index].status { return false }
        Self.entries(b, base, &scratch.base)
        Self.entries(c, current, &scratch.current)
        // Sets: the same distinct codes (an entry suggested twice counts once).
        var i = 0, j = 0
        let x = scratch.base, y = scratch.current
        while i < x.count || j < y.count {
            guard i < x.count, j < y.count, x[i] == y[j] else { return false }
            let value = x[i]
            while i < x.count, x[i] == value { i += 1 }
            while j < y.count, y[j] == value { j += 1 }
        }
        return true
    }
}
