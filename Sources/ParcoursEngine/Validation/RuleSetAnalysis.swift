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
                let routes = routeName(first).flatMap { a in routeName(second).map { (a, $0) } }
                if let (a, b) = routes, a != b {
                    diagnostics += conflict(.routeConflict, "routes", first, second, a, b)
                }
                if let a = first.referent, let b = second.referent, a != b {
                    diagnostics += conflict(.referentConflict, "referents", first, second, a, b)
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

    /// An error when some profile gets both rules' different outcomes; a warning when undecidable here.
    private func conflict(_ code: DiagnosticCode, _ what: String, _ first: Rule, _ second: Rule, _ a: String, _ b: String) -> [Diagnostic] {
        guard let both = solver.both(first.condition, second.condition) else {
            return [Diagnostic(.warning, .analysisLimit, at: second.location,
                               "rules \"\(first.id)\" and \"\(second.id)\" are too complex to check for a conflict of \(what)")]
        }
        guard let example = both.first.map(solver.example) else { return [] }
        return [Diagnostic(.error, code, at: second.location,
                           "rules \"\(first.id)\" and \"\(second.id)\" give different \(what) (\(a), \(b)) at the same priority \(first.priority) when \(example)",
                           hint: "give one of them a higher priority, or make their conditions exclusive")]
    }
}
