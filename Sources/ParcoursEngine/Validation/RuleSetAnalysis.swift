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
                                              Phrase("la règle « \(rule.id) » est trop complexe pour y chercher des contradictions", en: "rule \"\(rule.id)\" is too complex to check for contradictions"),
                                              hint: Phrase("découpez-la, ou mettez des parties dans des faits nommés", en: "split it, or move parts into named facts")))
                continue
            }
            if expanded.isEmpty {
                diagnostics.append(Diagnostic(.error, .unreachable, at: rule.location,
                                              Phrase("la règle « \(rule.id) » ne peut jamais s'appliquer : ses conditions se contredisent", en: "rule \"\(rule.id)\" can never apply: its conditions contradict each other"),
                                              hint: contradiction(in: rule.condition)))
            }
        }
        return diagnostics
    }

    /// Schemes nobody can be eligible for.
    func unreachableSchemes() -> [Diagnostic] {
        zip(ruleSet.schemes, ruleSet.lowered.criteria).compactMap { scheme, criteria in
            // A scheme out of its period (`in_force`) is meant to have nobody eligible that day.
            if let period = scheme.criteria.firstIndex(where: { $0.id == SchemeLoader.inForceCriterion }), criteria[period] == .never { return nil }
            guard solver.expand(.all(criteria))?.isEmpty == true else { return nil }
            return Diagnostic(.error, .unreachable, at: scheme.location,
                              Phrase("personne ne peut être éligible au dispositif « \(scheme.id) » : ses critères se contredisent", en: "nobody can be eligible for scheme \"\(scheme.id)\": its criteria contradict each other"),
                              hint: contradiction(in: scheme.eligibility))
        }
    }

    /// Two comparisons of a top-level `all` that cannot hold together, named for the author.
    private func contradiction(in condition: Condition) -> Phrase? {
        guard case .all(var items) = condition else { return nil }
        // A scheme rule is all[scope, its own condition]: look inside its own condition too.
        if items.count == 2, case .all(let inner) = items[1] { items = [items[0]] + inner }
        for i in items.indices {
            let lowering = ruleSet.lowered.lowering
            if solver.expand(lowering.lower(items[i]))?.isEmpty == true { return Phrase("\(describe(items[i]).fr) ne peut jamais être vrai", en: "\(describe(items[i]).en) can never hold") }
            for j in items.indices where j > i {
                if solver.both(lowering.lower(items[i]), lowering.lower(items[j]))?.isEmpty == true {
                    return Phrase("\(describe(items[i]).fr) et \(describe(items[j]).fr) ne peuvent pas être vrais ensemble", en: "\(describe(items[i]).en) and \(describe(items[j]).en) cannot both hold")
                }
            }
        }
        return nil
    }

    private func describe(_ condition: Condition) -> Phrase {
        switch condition {
        case .comparison(let comparison): return .quoted(comparison.text)
        case .fact(let name, _): return Phrase("le fait « \(name) »", en: "fact \"\(name)\"")
        default: return Phrase("une condition imbriquée", en: "a nested condition")
        }
    }

    /// Every conflict (`check`): the first `Limits.diagnostics` described, the rest counted.
    func conflicts() -> [Diagnostic] {
        searchConflicts(stopAfter: nil).diagnostics
    }

    /// The first `count` conflicts, in the order `check` lists them, and whether the search
    /// stopped before the end (a note says so). Loading stops there: one conflict refuses the
    /// rule set, and a rule set built to conflict everywhere costs no more than a few.
    func firstConflicts(_ count: Int) -> (diagnostics: [Diagnostic], stopped: Bool) {
        searchConflicts(stopAfter: count)
    }

    /// Rules of the same priority that give different routes (référents) to some profile.
    /// Rules are grouped by priority, and within a group only the pairs whose boxes overlap
    /// (`ConditionBox.overlappingPairs`) go to the exact solver: near linear for real rule sets.
    private func searchConflicts(stopAfter: Int?) -> (diagnostics: [Diagnostic], stopped: Bool) {
        let rules = ruleSet.rules
        let boxes = ruleSet.lowered.rules.map { ConditionBox($0, vocabulary: ruleSet.vocabulary) }
        var byPriority: [Int: [Int]] = [:]
        for index in rules.indices where rules[index].route != nil || rules[index].referent != nil {
            byPriority[rules[index].priority, default: []].append(index)
        }
        var found: [(Int, Int, DiagnosticCode)] = []
        for priority in byPriority.keys.sorted() {
            guard let group = byPriority[priority], group.count > 1 else { continue }
            for (i, j) in ConditionBox.overlappingPairs(group, boxes: boxes) {
                if let a = rules[i].routeName, let b = rules[j].routeName, a != b { found.append((i, j, .routeConflict)) }
                if let a = rules[i].referent, let b = rules[j].referent, a != b, rules[i].referentRole == rules[j].referentRole { found.append((i, j, .referentConflict)) }
            }
        }
        // By the second rule (where the diagnostic is), so that those kept come first once sorted.
        found.sort { ($0.1, $0.0, $0.2.rawValue) < ($1.1, $1.0, $1.2.rawValue) }
        var diagnostics: [Diagnostic] = []
        var left = OmittedCount(errors: 0, warnings: 0)
        var leftAt: SourceLocation?
        var errors = 0
        for (i, j, code) in found {
            if let stopAfter, errors >= stopAfter {
                var note = Diagnostic(.warning, .tooMany, at: rules[j].location,
                                      Phrase("la recherche des conflits s'est arrêtée aux \(stopAfter) premiers", en: "the search for conflicts stopped at the first \(stopAfter)"),
                                      hint: Phrase("lancez parcours check pour les voir tous", en: "run parcours check to see them all"))
                note.omitted = OmittedCount(errors: 0, warnings: 0)
                return (diagnostics + [note], true)
            }
            let what = code == .routeConflict ? Phrase("parcours", en: "routes") : Phrase("référents", en: "referents")
            let (a, b) = code == .routeConflict ? (rules[i].routeName ?? "", rules[j].routeName ?? "") : (rules[i].referent ?? "", rules[j].referent ?? "")
            guard let diagnostic = conflict(code, what, i, j, a, b, described: diagnostics.count < Limits.diagnostics) else { continue }
            if diagnostic.severity == .error { errors += 1 }
            if diagnostics.count < Limits.diagnostics {
                diagnostics.append(diagnostic)
            } else {
                leftAt = leftAt ?? diagnostic.location
                left.errors += diagnostic.counted.errors
                left.warnings += diagnostic.counted.warnings
            }
        }
        if let leftAt { diagnostics.append(.omitted(errors: left.errors, warnings: left.warnings, at: leftAt)) }
        return (diagnostics, false)
    }

    /// An error when some profile gets both rules' different outcomes; a warning when undecidable
    /// here; nil when no profile does. Past the limit (`described` false), only the severity counts:
    /// no example is searched for.
    private func conflict(_ code: DiagnosticCode, _ what: Phrase, _ i: Int, _ j: Int, _ a: String, _ b: String, described: Bool) -> Diagnostic? {
        let (first, second) = (ruleSet.rules[i], ruleSet.rules[j])
        guard let both = solver.both(ruleSet.lowered.rules[i], ruleSet.lowered.rules[j]) else {
            return Diagnostic(.warning, .analysisLimit, at: second.location,
                              Phrase("les règles « \(first.id) » et « \(second.id) » sont trop complexes pour y chercher un conflit de \(what.fr)", en: "rules \"\(first.id)\" and \"\(second.id)\" are too complex to check for a conflict of \(what.en)"))
        }
        guard let cube = both.first else { return nil }
        guard described else { return Diagnostic(.error, code, at: second.location, Phrase("", en: "")) }
        let example = solver.example(cube)
        return Diagnostic(.error, code, at: second.location,
                           Phrase("les règles « \(first.id) » et « \(second.id) » donnent des \(what.fr) différents (\(a), \(b)) à la même priorité \(first.priority) quand \(example)",
                                  en: "rules \"\(first.id)\" and \"\(second.id)\" give different \(what.en) (\(a), \(b)) at the same priority \(first.priority) when \(example)"),
                           hint: Phrase("donnez à l'une une priorité plus haute, ou rendez leurs conditions exclusives", en: "give one of them a higher priority, or make their conditions exclusive"))
            .noting(Phrase("la règle « \(first.id) » (\(a))", en: "rule \"\(first.id)\" (\(a))"), at: first.location)
    }
}
