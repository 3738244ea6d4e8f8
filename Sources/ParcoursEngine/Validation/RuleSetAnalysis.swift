/// Checks across rules: conditions that can never hold, and rules that give different routes
/// or referents at the same priority for some profile.
struct RuleSetAnalysis {
    let solver: Satisfiability

    init(vocabulary: Vocabulary, facts: [Fact]) {
        self.solver = Satisfiability(vocabulary: vocabulary, facts: facts)
    }

    func unreachable(rules: [Rule]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for rule in rules {
            guard let expanded = solver.expand(rule.condition) else {
                diagnostics.append(Diagnostic(.warning, .analysisLimit, at: rule.location,
                                              "rule \"\(rule.id)\" is too complex to check for contradictions",
                                              hint: "split it, or move parts into named facts"))
                continue
            }
            if expanded.isEmpty {
                diagnostics.append(Diagnostic(.error, .unreachable, at: rule.location,
                                              "rule \"\(rule.id)\" can never apply: its conditions contradict each other",
                                              hint: contradiction(in: rule.condition)))
            }
        }
        return diagnostics
    }

    /// Schemes nobody can be eligible for.
    func unreachable(schemes: [Scheme]) -> [Diagnostic] {
        schemes.compactMap { scheme in
            guard solver.expand(scheme.eligibility)?.isEmpty == true else { return nil }
            return Diagnostic(.error, .unreachable, at: scheme.location,
                              "nobody can be eligible for scheme \"\(scheme.id)\": its criteria contradict each other",
                              hint: contradiction(in: scheme.eligibility))
        }
    }

    /// Two comparisons of a top-level `all` that cannot hold together, named for the author.
    private func contradiction(in condition: Condition) -> String? {
        guard case .all(var items) = condition else { return nil }
        // A scheme rule is all[scope, its own condition]: look inside its own condition too.
        if items.count == 2, case .all(let inner) = items[1] { items = [items[0]] + inner }
        for i in items.indices {
            if solver.expand(items[i])?.isEmpty == true { return "\(describe(items[i])) can never hold" }
            for j in items.indices where j > i {
                if solver.both(items[i], items[j])?.isEmpty == true {
                    return "\(describe(items[i])) and \(describe(items[j])) cannot both hold"
                }
            }
        }
        return nil
    }

    private func describe(_ condition: Condition) -> String {
        switch condition {
        case .comparison(let comparison): return "\"\(comparison.text)\""
        case .fact(let name, _): return "fact \"\(name)\""
        default: return "a nested condition"
        }
    }

    func conflicts(rules: [Rule]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (i, first) in rules.enumerated() {
            for second in rules[(i + 1)...] where first.priority == second.priority {
                if let a = routeName(first), let b = routeName(second), a != b,
                   let example = overlap(first, second) {
                    diagnostics.append(Diagnostic(.error, .routeConflict, at: second.location,
                        "rules \"\(first.id)\" and \"\(second.id)\" give different routes (\(a), \(b)) at the same priority \(first.priority) when \(example)",
                        hint: "give one of them a higher priority, or make their conditions exclusive"))
                }
                if let a = first.referent, let b = second.referent, a != b,
                   let example = overlap(first, second) {
                    diagnostics.append(Diagnostic(.error, .referentConflict, at: second.location,
                        "rules \"\(first.id)\" and \"\(second.id)\" give different referents (\(a), \(b)) at the same priority \(first.priority) when \(example)",
                        hint: "give one of them a higher priority, or make their conditions exclusive"))
                }
            }
        }
        return diagnostics
    }

    /// The route a rule gives; the scheme route is named with its scheme (`scheme:sma`).
    private func routeName(_ rule: Rule) -> String? {
        guard let route = rule.route else { return nil }
        if route == .scheme, let scheme = rule.scheme { return "scheme:\(scheme)" }
        return route.rawValue
    }

    /// An example of a profile where both rules apply, or nil when none exists.
    private func overlap(_ a: Rule, _ b: Rule) -> String? {
        guard let both = solver.both(a.condition, b.condition) else { return "(too complex to decide)" }
        return both.first.map(solver.example)
    }
}
