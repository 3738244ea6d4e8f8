/// Checks across rules: conditions that can never hold, and rules that give different routes
/// or referents at the same priority for some profile.
struct RuleSetAnalysis {
    let solver: Satisfiability
    let ruleSet: RuleSet

    init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        self.solver = Satisfiability(vocabulary: ruleSet.vocabulary)
    }

    func unreachableRules() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (rule, condition) in zip(ruleSet.rules, ruleSet.lowered.rules) {
            guard let expanded = solver.expand(condition) else {
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
    func unreachableSchemes() -> [Diagnostic] {
        zip(ruleSet.schemes, ruleSet.lowered.criteria).compactMap { scheme, criteria in
            guard solver.expand(.all(criteria))?.isEmpty == true else { return nil }
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
            let lowering = ruleSet.lowered.lowering
            if solver.expand(lowering.lower(items[i]))?.isEmpty == true { return "\(describe(items[i])) can never hold" }
            for j in items.indices where j > i {
                if solver.both(lowering.lower(items[i]), lowering.lower(items[j]))?.isEmpty == true {
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

    func conflicts() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let rules = ruleSet.rules
        for i in rules.indices {
            for j in rules.indices where j > i && rules[i].priority == rules[j].priority {
                let (first, second) = (rules[i], rules[j])
                if let a = first.routeName, let b = second.routeName, a != b {
                    diagnostics += conflict(.routeConflict, "routes", i, j, a, b)
                }
                if let a = first.referent, let b = second.referent, a != b {
                    diagnostics += conflict(.referentConflict, "referents", i, j, a, b)
                }
            }
        }
        return diagnostics
    }

    /// An error when some profile gets both rules' different outcomes; a warning when undecidable here.
    private func conflict(_ code: DiagnosticCode, _ what: String, _ i: Int, _ j: Int, _ a: String, _ b: String) -> [Diagnostic] {
        let (first, second) = (ruleSet.rules[i], ruleSet.rules[j])
        guard let both = solver.both(ruleSet.lowered.rules[i], ruleSet.lowered.rules[j]) else {
            return [Diagnostic(.warning, .analysisLimit, at: second.location,
                               "rules \"\(first.id)\" and \"\(second.id)\" are too complex to check for a conflict of \(what)")]
        }
        guard let example = both.first.map(solver.example) else { return [] }
        return [Diagnostic(.error, code, at: second.location,
                           "rules \"\(first.id)\" and \"\(second.id)\" give different \(what) (\(a), \(b)) at the same priority \(first.priority) when \(example)",
                           hint: "give one of them a higher priority, or make their conditions exclusive")]
    }
}
