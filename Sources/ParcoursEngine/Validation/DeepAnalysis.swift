import Bytes

/// The checks of `parcours check` beyond loading: rules whose route or référent is always
/// overridden, profiles that get no route (gaps), and catalogue entries and fields nobody uses.
/// Exact over the finite domain: conditions are expanded into cubes (one allowed set per field)
/// and cubes are subtracted from one another; nothing is sampled.
package struct DeepAnalysis: Sendable {
    let ruleSet: RuleSet
    let solver: Satisfiability
    /// Cubes kept at most while subtracting; past it the finding is "too complex".
    static let cubeLimit = 50_000

    package init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        self.solver = Satisfiability(vocabulary: ruleSet.vocabulary)
    }

    package func run() -> [Diagnostic] {
        (shadowed() + gaps() + unused()).sorted()
    }

    // MARK: Shadowed rules

    /// Rules whose route (or référent) never wins: wherever they apply, a rule that outranks
    /// them in decision order (`DecisionPlan.outranks`: a higher priority) gives a route (a
    /// référent) too.
    func shadowed() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let rules = ruleSet.rules, conditions = ruleSet.lowered.rules
        // Only rules whose boxes overlap can take a rule's place (`ConditionBox`).
        let boxes = conditions.map { ConditionBox($0, vocabulary: ruleSet.vocabulary) }
        let compiled = CompiledRuleSet(ruleSet)
        // Each rule's cubes, expanded once (nil past the solver's limit).
        let cubes: [[SortedCube]?] = conditions.map { condition in solver.expand(condition).map { $0.map(SortedCube.init) } }
        let deciding: [(Phrase, (Rule) -> Bool)] = [(Phrase("le parcours", en: "route"), { $0.route != nil })] + ReferentRole.allCases.map { role in
            (role == .insertion ? Phrase("le référent", en: "referent") : Phrase("le référent \(role.rawValue)", en: "\(role.rawValue) referent"),
             { $0.referent != nil && $0.referentRole == role })
        }
        for (what, gives) in deciding {
            // In decision order: the rules that outrank one rule are a prefix.
            let deciders = compiled.plan.order.filter { gives(rules[$0]) }
            // Each rule is judged on its own against the rules above it: on all cores, in order.
            let found = OrderedParallelMap.map(deciders) { index -> Diagnostic? in
                let rule = rules[index]
                guard let region = cubes[index], !region.isEmpty else { return nil }
                // The rules of higher priority that apply somewhere in the region (boxes first, then cubes).
                var higher: [Int] = []
                var tooComplex = false
                for other in deciders {
                    guard DecisionPlan.outranks(rules[other], rule) else { break }
                    guard !boxes[other].isDisjoint(from: boxes[index]) else { continue }
                    guard let theirs = cubes[other] else { tooComplex = true; continue }
                    if theirs.contains(where: { cube in region.contains { cube.intersects($0) } }) { higher.append(other) }
                }
                guard !higher.isEmpty || tooComplex else { return nil }
                // A profile of the region where no higher rule applies proves the rule is not shadowed;
                // the exact search below runs only when sampling finds none.
                if hasWitness(region, outside: Set(higher), compiled: compiled) { return nil }
                guard !tooComplex, let isCovered = covered(region, by: higher.flatMap { cubes[$0] ?? [] }) else {
                    return Diagnostic(.warning, .analysisLimit, at: rule.location, Phrase("la règle « \(rule.id) » est trop complexe pour vérifier si elle est masquée", en: "rule \"\(rule.id)\" is too complex to check for shadowing"))
                }
                guard isCovered else { return nil }
                let all = higher.sorted().map { rules[$0].id }
                let winners = all.count <= 5 ? all.joined(separator: ", ") : all.prefix(5).joined(separator: ", ") + ", +\(all.count - 5)"
                return Diagnostic(.warning, .shadowed, at: rule.location,
                    Phrase("\(what.fr) de la règle « \(rule.id) » ne s'applique jamais : partout où elle s'applique, des règles plus prioritaires le donnent (\(winners))",
                           en: "the \(what.en) of rule \"\(rule.id)\" never applies: wherever the rule applies, rules of higher priority give the \(what.en) (\(winners))"),
                    hint: Phrase("montez sa priorité, ou retirez-lui \(what.fr) si seules ses suggestions comptent", en: "raise its priority, or remove its \(what.en) if only its suggestions matter"),
                    notes: higher.sorted().prefix(5).map { DiagnosticNote(at: rules[$0].location, Phrase("la règle « \(rules[$0].id) », priorité \(rules[$0].priority)", en: "rule \"\(rules[$0].id)\", priority \(rules[$0].priority)")) })
            }
            diagnostics += found.compactMap { $0 }
        }
        return diagnostics
    }

    /// Whether every profile of `region` is in one of the `candidates` cubes; nil past the limit.
    /// Exact, and without fragmenting the region against every candidate: a piece is split only
    /// by a candidate that overlaps it, the part inside that candidate is covered by it, and the
    /// parts outside go on with the candidates that overlap them. A piece no candidate overlaps
    /// is a profile nothing covers. A work list, not recursion: depth does not grow with the input.
    func covered(_ region: [SortedCube], by candidates: [SortedCube]) -> Bool? {
        var work: [(piece: SortedCube, candidates: [Int])] = region.map { ($0, Array(candidates.indices)) }
        var steps = 0
        while let (piece, pool) = work.popLast() {
            steps += 1
            if steps > Self.cubeLimit * 4 { return nil }
            // One pass: stop at the first candidate that holds the whole piece.
            var overlapping: [Int] = []
            var inside = false
            for candidate in pool where candidates[candidate].intersects(piece) {
                if candidates[candidate].contains(piece) { inside = true; break }
                overlapping.append(candidate)
            }
            if inside { continue }
            guard let first = overlapping.first else { return false }
            let rest = Array(overlapping.dropFirst())
            for outside in piece.subtracting(candidates[first], vocabulary: ruleSet.vocabulary) { work.append((outside, rest)) }
        }
        return true
    }

    /// Whether one of a few sampled profiles inside `region` (fully known) is matched by none of
    /// the rules `outside`. Seeded, so the same rule set always samples the same profiles.
    func hasWitness(_ region: [SortedCube], outside: Set<Int>, compiled: CompiledRuleSet) -> Bool {
        var random = RandomSource(seed: UInt64(outside.count) &* 31 &+ UInt64(region.count))
        let vocabulary = ruleSet.vocabulary
        var fired: [Int32] = []
        for cube in region.prefix(4) {
            for _ in 0..<Self.witnessSamples {
                var values = [Int64](repeating: CompiledProfile.unknown, count: vocabulary.fields.count)
                for field in vocabulary.fields {
                    values[field.index] = field.kind.draw(field: field.index, allowed: { cube.allowed($0) }, random: &random)
                }
                values.withView { compiled.matches($0, into: &fired) }
                if !fired.contains(where: { outside.contains(Int($0)) }) { return true }
            }
        }
        return false
    }

    /// Profiles sampled per cube when looking for a witness.
    static let witnessSamples = 16

    // MARK: Gaps

    /// Profiles (fully known) for which no rule gives a route.
    func gaps() -> [Diagnostic] {
        let routeConditions = ruleSet.rules.indices.filter { ruleSet.rules[$0].route != nil }.map { ruleSet.lowered.rules[$0] }
        guard let first = ruleSet.vocabulary.fields.first else { return [] }
        let location = first.location
        guard let left = subtract([Satisfiability.Conjunct()], routeConditions) else {
            return [Diagnostic(.warning, .analysisLimit, at: location, Phrase("le jeu de règles est trop complexe pour y chercher des profils sans parcours", en: "the rule set is too complex to search for profiles without a route"))]
        }
        return left.prefix(5).map { cube in
            Diagnostic(.warning, .gap, at: location,
                       Phrase("aucune règle ne donne de parcours quand \(describe(cube)) (par ex. \(solver.example(cube)))", en: "no rule gives a route when \(describe(cube)) (e.g. \(solver.example(cube)))"),
                       hint: Phrase("ajoutez une règle pour ces profils, ou assurez-vous qu'ils ne peuvent pas exister", en: "add a rule for these profiles, or make sure they cannot occur"))
        } + (left.count > 5 ? [Diagnostic(.warning, .gap, at: location, Phrase("\(left.count - 5) autres groupes de profils n'ont pas de parcours", en: "\(left.count - 5) more groups of profiles get no route"))] : [])
    }

    /// `region` minus every profile where one of `conditions` holds; nil past the limit.
    /// The cube algebra is `SortedCube`'s, as in the shadowing search.
    func subtract(_ region: [Satisfiability.Conjunct], _ conditions: [CoreCondition]) -> [Satisfiability.Conjunct]? {
        var left = region.map(SortedCube.init)
        for condition in conditions {
            guard let cubes = solver.expand(condition) else { return nil }
            for cube in cubes.map(SortedCube.init) {
                left = left.flatMap { $0.subtracting(cube, vocabulary: ruleSet.vocabulary) }
                if left.count > Self.cubeLimit { return nil }
                if left.isEmpty { return [] }
            }
        }
        return left.map(\.conjunct)
    }

    /// A cube as readable conditions (`autonomy = 3, project in [none, emerging]`).
    func describe(_ cube: Satisfiability.Conjunct) -> String {
        let vocabulary = ruleSet.vocabulary
        let parts = cube.constraints.keys.sorted().compactMap { key -> String? in
            guard key.field < vocabulary.fields.count, let allowed = cube.constraints[key] else { return nil }
            let field = vocabulary.fields[key.field]
            if let element = key.element, element < field.values.count {
                return "\(field.name) \(allowed.contains(1) ? "includes" : "excludes") \(field.values[element].id)"
            }
            return field.kind.ruleText(field.name, allowed: allowed)
        }
        return parts.isEmpty ? "for any profile" : parts.joined(separator: ", ")
    }

    // MARK: Unused

    /// Catalogue entries no rule, referent or scheme names, and fields no condition reads.
    func unused() -> [Diagnostic] {
        var named: Set<String> = []
        for rule in ruleSet.rules {
            rule.suggestions.forEach { named.insert($0.entry) }
            if let referent = rule.referent { named.insert(referent) }
        }
        ruleSet.schemes.forEach { $0.partners.forEach { named.insert($0.partner) } }
        var diagnostics = ruleSet.catalogue.entries.filter { !named.contains($0.id) }.map { entry in
            Diagnostic(.warning, .unused, at: entry.location, Phrase("\(entry.kind.frenchLabel) « \(entry.id) » : aucune règle ne le suggère", en: "\(entry.kind.rawValue) \"\(entry.id)\" is never suggested by any rule"),
                       hint: Phrase("suggérez-le depuis une règle, ou retirez-le du catalogue", en: "suggest it from a rule, or remove it from the catalogue"))
        }
        var read: Set<Int> = []
        let lowered = ruleSet.lowered
        let all = lowered.rules + lowered.requirements + lowered.criteria.joined() + lowered.priorityCriteria.joined()
            + lowered.stages.joined().compactMap { $0 } + ruleSet.facts.compactMap { lowered.lowering.facts[$0.name] }
        for condition in all { read.formUnion(condition.fields) }
        diagnostics += ruleSet.vocabulary.fields.filter { !read.contains($0.index) }.map { field in
            Diagnostic(.warning, .unused, at: field.location, Phrase("le champ « \(field.name) » n'est lu par aucune règle, aucun fait ni critère", en: "field \"\(field.name)\" is never used by any rule, fact or criterion"),
                       hint: Phrase("utilisez-le dans une règle, ou retirez-le du vocabulaire", en: "use it in a rule, or remove it from the vocabulary"))
        }
        return diagnostics
    }
}
