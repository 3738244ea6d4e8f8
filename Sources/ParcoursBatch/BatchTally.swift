import ParcoursEngine

/// Counts for `batch --summary`, kept as arrays indexed like the rule set; without
/// `--summary`, only the lines (profiles, refused, blank) are counted.
package struct BatchTally: Sendable {
    package var profiles = 0
    package var refused = 0
    /// Blank lines, skipped (counted so that lines read = profiles + refused + blank).
    package var blank = 0
    package var fired: [Int]
    package var routes: [Int]
    package var referents: [Int]
    package var noRoute = 0
    package var noReferent = 0
    /// Per scheme and status, counts (at `scheme * 3 + SchemeStatus.index`).
    package var schemes: [Int]

    /// Whether the counts per route, référent, scheme and rule are kept.
    package let detailed: Bool

    package init(compiled: CompiledRuleSet, detailed: Bool = true) {
        self.detailed = detailed
        let rules = detailed ? compiled.ruleSet.rules.count : 0
        fired = Array(repeating: 0, count: rules)
        routes = Array(repeating: 0, count: rules)
        referents = Array(repeating: 0, count: rules)
        schemes = Array(repeating: 0, count: detailed ? compiled.ruleSet.schemes.count * 3 : 0)
    }

    package mutating func add(_ outcome: CompiledOutcome) {
        profiles += 1
        guard detailed else { return }
        for rule in outcome.fired { fired[Int(rule)] += 1 }
        if let route = outcome.route { routes[route] += 1 } else { noRoute += 1 }
        if let referent = outcome.referent { referents[referent] += 1 } else { noReferent += 1 }
        for (index, scheme) in outcome.schemes.enumerated() { schemes[index * 3 + scheme.status.index] += 1 }
    }

    package mutating func merge(_ other: BatchTally) {
        blank += other.blank
        profiles += other.profiles
        refused += other.refused
        noRoute += other.noRoute
        noReferent += other.noReferent
        for i in fired.indices {
            fired[i] += other.fired[i]
            routes[i] += other.routes[i]
            referents[i] += other.referents[i]
        }
        for i in schemes.indices { schemes[i] += other.schemes[i] }
    }
}
