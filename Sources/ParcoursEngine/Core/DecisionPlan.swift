import Bytes

/// How the rules that hold become a recommendation's decisions: built once from a rule set and
/// used by every way of evaluating it (the interpreter feeds it truths, the compiled rule set
/// feeds it bit sets), so that the decisions have one home.
///
/// Hit policies, named as decision tables name them (GoRules ZEN, DMN):
/// - route and référent: `first`: the first rule that holds, in decision order
///   (`decides(_:before:)`: priority, highest first, then rule id), among the rules that give one;
/// - steps: `collect`: every suggestion of every rule that holds whose catalogue requirement
///   does not fail (`keeps(requirement:)`; a route's follow-up steps only for the rule whose route is chosen), by stage in pathway order, then decision order, then the rule's own order; the same
///   entry at the same stage is kept once (later suggesters are listed as its duplicates);
/// - scheme status: every criterion must pass (`SchemeStatus.combining`); the stage is the
///   first whose condition holds, for a person who is eligible or enrolled.
package struct DecisionPlan: Sendable {
    /// A hit policy: what a group of rules gives when several hold.
    package enum HitPolicy: String, Sendable {
        /// The first rule that holds, in decision order.
        case first
        /// Every rule that holds, in decision order.
        case collect
    }

    package static let routePolicy = HitPolicy.first
    package static let referentPolicy = HitPolicy.first
    package static let stepPolicy = HitPolicy.collect

    /// One suggestion of one rule, where it goes.
    struct Suggested: Sendable {
        let rule: Int
        let suggestion: Int
        let entry: Int
        let stage: Int
        /// A route's follow-up step: kept only when the rule's route is the one chosen.
        let followsRoute: Bool
    }

    /// Rule indexes in decision order (`decides(_:before:)`): the order the `first` policy asks
    /// them in and the `collect` policy lists them in.
    package let order: [Int]
    /// The lists `select` reads, frozen in `arena`: valid while this plan lives (run `select`
    /// through `withPinned`, or keep the plan alive around any other use).
    let pinned: Pinned
    private let arena: FrozenArena
    /// Catalogue entry positions by id.
    let entryIndex: [String: Int]
    /// Per scheme: the value read to know the person is enrolled (`enrolled_schemes` includes it).
    package let enrolledKeys: [ValueKey?]
    /// Per scheme: the value read to know the person chose it (`chosen_schemes` includes it).
    package let chosenKeys: [ValueKey?]

    package init(_ ruleSet: RuleSet) {
        let rules = ruleSet.rules
        order = rules.indices.sorted { Self.decides(rules[$0], before: rules[$1]) }
        let order = self.order
        let routeRules = order.filter { rules[$0].route != nil }
        var referentRules: [Int] = [], referentStarts = [0]
        for role in ReferentRole.allCases {
            referentRules += order.filter { rules[$0].referent != nil && rules[$0].referentRole == role }
            referentStarts.append(referentRules.count)
        }
        var entryIndex: [String: Int] = [:]
        for (index, entry) in ruleSet.catalogue.entries.enumerated() where entryIndex[entry.id] == nil { entryIndex[entry.id] = index }
        self.entryIndex = entryIndex
        var suggestions: [Suggested] = []
        for (stageIndex, stage) in Stage.allCases.enumerated() {
            for rule in order {
                for (position, suggestion) in rules[rule].suggestions.enumerated() where suggestion.stage == stage {
                    guard let entry = entryIndex[suggestion.entry] else { continue }
                    suggestions.append(Suggested(rule: rule, suggestion: position, entry: entry, stage: stageIndex,
                                                 followsRoute: suggestion.followsRoute))
                }
            }
        }
        var perRule = Array(repeating: [Int32](), count: rules.count)
        for (position, item) in suggestions.enumerated() { perRule[item.rule].append(Int32(position)) }
        var starts = [0]
        for positions in perRule { starts.append(starts[starts.count - 1] + positions.count) }
        let arena = FrozenArena()
        pinned = Pinned(routeRules: arena.freeze(routeRules), referentRules: arena.freeze(referentRules), referentStarts: arena.freeze(referentStarts),
                        suggestions: arena.freeze(suggestions), suggestionsByRule: arena.freeze(perRule.flatMap { $0 }), suggestionStarts: arena.freeze(starts),
                        entryCount: ruleSet.catalogue.entries.count)
        self.arena = arena
        func keys(_ name: String) -> [ValueKey?] {
            let field = ruleSet.vocabulary.field(named: name)
            return ruleSet.schemes.map { scheme in
                guard let field, let element = field.valueIndex(of: scheme.id) else { return nil }
                return ValueKey(field: field.index, element: element)
            }
        }
        enrolledKeys = keys(RuleSetFiles.enrolledField)
        chosenKeys = keys(RuleSetFiles.chosenField)
    }

    /// The decision order, the one place it is written: rule `a` is asked before rule `b` when
    /// its priority is higher, or, at the same priority, its id comes first.
    ///
    /// The id never decides which route (référent) is given, only which rule is credited with
    /// it. This rests on an invariant checked when a rule set is loaded, not here: two rules of
    /// the same priority that can hold for the same profile and give different routes (référents
    /// of the same role) are a load error (`RuleSetAnalysis.conflicts`, codes `route-conflict`
    /// and `referent-conflict`). Hence `outranks`, the part of the order that can change the
    /// route given, is what the analyses read (`DeepAnalysis.shadowed`, and the evaluator's
    /// "this question could change the route" test).
    package static func decides(_ a: Rule, before b: Rule) -> Bool {
        a.priority != b.priority ? outranks(a, b) : a.id < b.id
    }

    /// Whether `a` comes before `b` in decision order by priority alone: the rules that can take
    /// a route (référent) from `b` and give another one (`decides(_:before:)` says why the id
    /// cannot). Rules of the same priority giving the same route may stand in for one another;
    /// that changes who is credited, not the route.
    package static func outranks(_ a: Rule, _ b: Rule) -> Bool {
        a.priority > b.priority
    }

    /// Whether a catalogue requirement keeps its entry: unless it is known not to hold. An
    /// unknown requirement keeps the step and asks its fields (the PMSMP is shown, and the age
    /// asked); a known false one removes it (no PMSMP at 15, nothing outside for a person in
    /// detention).
    package static func keeps(requirement truth: Truth) -> Bool { truth != .no }

    /// Route, référent and steps from which rules hold (`holds`, by rule index) and which
    /// catalogue requirements hold (`requirements`, by entry index). `selection` is reused.
    package func select(holds: [Bool], requirements: [Bool], into selection: inout Selection) {
        let holding = holds.indices.filter { holds[$0] }.map(Int32.init)
        holds.withView { holds in
            requirements.withView { requirements in
                holding.withView { holding in
                    withPinned { $0.select(holding: holding, holds: { holds[$0] }, keeps: { requirements[$0] }, into: &selection) }
                }
            }
        }
    }

    /// Calls `body` with the plan's lists pinned, for many selections.
    func withPinned<T>(_ body: (Pinned) -> T) -> T {
        withExtendedLifetime(arena) { body(pinned) }
    }

    /// The plan's lists as frozen arrays (valid while the plan lives): where `select` runs.
    /// Read-only memory of the plan's arena, hence `@unchecked Sendable`.
    struct Pinned: @unchecked Sendable {
        /// Rules giving a route, in decision order.
        let routeRules: FrozenArray<Int>
        /// Per référent role (`ReferentRole.allCases` order), the rules giving one, in decision
        /// order: role `r`'s from `referentStarts[r]` to `referentStarts[r + 1]`.
        let referentRules: FrozenArray<Int>
        let referentStarts: FrozenArray<Int>
        /// Every suggestion, by stage in pathway order, then decision order, then the rule's order.
        let suggestions: FrozenArray<Suggested>
        /// Per rule, the positions of its suggestions in `suggestions`: rule `r`'s from
        /// `suggestionStarts[r]` to `suggestionStarts[r + 1]`.
        let suggestionsByRule: FrozenArray<Int32>
        let suggestionStarts: FrozenArray<Int>
        let entryCount: Int

        /// The `first` policy: the first of `rules[range]` that holds.
        @inline(__always)
        func first(_ rules: FrozenArray<Int>, _ range: Range<Int>, _ holds: (Int) -> Bool) -> Int? {
            for index in range where holds(rules[index]) { return rules[index] }
            return nil
        }

        /// `select` with the truths asked as needed: `holds(rule)`, and `keeps(entry)` (whether
        /// an entry's catalogue requirement keeps it, `keeps(requirement:)`), asked only for the
        /// entries of rules that hold. `holding` lists the rules that hold (`holds` says which):
        /// only their suggestions are visited, still in `suggestions` order. The compiled rule
        /// set answers from its bit set and match program; the decisions are the same whoever
        /// answers.
        @inline(__always)
        func select(holding: BufferView<Int32>, holds: (Int) -> Bool, keeps: (Int) -> Bool, into selection: inout Selection) {
            selection.reset(entries: entryCount, suggestions: suggestions.count)
            let route = first(routeRules, 0..<routeRules.count, holds)
            selection.route = route
            for role in 0..<referentStarts.count - 1 {
                selection.referents[role] = first(referentRules, referentStarts[role]..<referentStarts[role + 1], holds)
            }
            let stages = Stage.allCases.count
            var marks: [UInt64] = []
            swap(&marks, &selection.marks)  // taken out while steps are added (no copy)
            defer { swap(&marks, &selection.marks) }
            marks.withMutableView { marks in
                for rule in holding {
                    for index in suggestionStarts[Int(rule)]..<suggestionStarts[Int(rule) + 1] {
                        let position = Int(suggestionsByRule[index])
                        marks[position >> 6] |= 1 << UInt64(position & 63)
                    }
                }
                // The `collect` policy, in `suggestions` order: a suggestion kept (its route
                // chosen, its requirement not failing) is a new step unless one is already at
                // the same entry and stage. The marks are left all zero.
                let generation = selection.generation
                selection.stepAt.withMutableView { stepAt in
                    for w in 0..<marks.count {
                        var word = marks[w]
                        marks[w] = 0
                        while word != 0 {
                            let item = suggestions[w << 6 + word.trailingZeroBitCount]
                            word &= word &- 1
                            guard (!item.followsRoute || route == item.rule) && keeps(item.entry) else { continue }
                            if let step = Selection.mark(&stepAt[item.entry * stages + item.stage], step: selection.steps.count, generation: generation) {
                                if selection.keepsDuplicates { selection.duplicates.append((step, item.rule)) }
                            } else {
                                selection.steps.append((item.rule, item.suggestion))
                            }
                        }
                    }
                }
            }
        }
    }

    /// The stage index of a scheme for a person: the first stage whose condition holds
    /// (`firstHolding`, asked only then), for a person eligible or enrolled; nil otherwise.
    @inline(__always)
    package static func schemeStage(status: SchemeStatus, enrolled: Bool, firstHolding: () -> Int?) -> Int? {
        status == .eligible || enrolled ? firstHolding() : nil
    }
}

/// What `DecisionPlan.select` chose, as indexes into the rule set; reused between profiles.
package struct Selection: Sendable {
    /// Index of the rule giving the route.
    package var route: Int?
    /// Per référent role (`ReferentRole.allCases` order), the rule giving it.
    package var referents: [Int?] = Array(repeating: nil, count: ReferentRole.allCases.count)
    /// The rule giving the insertion référent.
    package var referent: Int? { referents[0] }
    /// (rule, suggestion index in the rule), by stage then decision order.
    package var steps: [(rule: Int, suggestion: Int)] = []
    /// When kept: (step index, rule) for each later rule suggesting a step already chosen.
    package var duplicates: [(step: Int, rule: Int)] = []
    /// Whether to record `duplicates` (the interpreter does, for `also_suggested_by`).
    package var keepsDuplicates: Bool
    /// Per (entry, stage) key, the step chosen there, as `generation << 32 | step`: a mark of
    /// an earlier selection (an older generation) is no mark, so nothing is cleared between
    /// profiles (the marks are zeroed once every 2³¹ selections, before the generation overflows).
    var stepAt: [UInt64] = []
    var generation: UInt64 = 0

    package init(keepsDuplicates: Bool = false) {
        self.keepsDuplicates = keepsDuplicates
    }

    /// Scratch bit set over the plan's suggestions (left all zero by `select`).
    var marks: [UInt64] = []

    mutating func reset(entries: Int, suggestions: Int) {
        let words = (suggestions + 63) / 64
        if marks.count != words { marks = Array(repeating: 0, count: words) }
        route = nil
        referents.withMutableView { referents in
            for role in referents.indices { referents[role] = nil }
        }
        steps.empty()
        duplicates.empty()
        let count = entries * Stage.allCases.count
        generation &+= 1
        if stepAt.count != count || generation >= 1 << 31 {
            stepAt = Array(repeating: 0, count: count)
            generation = 1
        }
    }

    /// The step already at a key (an entry at a stage) in the selection of `generation`, or
    /// nil after marking `step` there.
    @inline(__always)
    static func mark(_ at: inout UInt64, step: Int, generation: UInt64) -> Int? {
        if at >> 32 == generation { return Int(truncatingIfNeeded: at & 0xFFFF_FFFF) }
        at = generation << 32 | UInt64(truncatingIfNeeded: step)
        return nil
    }
}

extension SchemeStatus {
    /// A scheme's status from its criteria's truths: not eligible as soon as one fails,
    /// undetermined while one is unknown, eligible when all pass.
    public static func combining<S: Sequence>(_ truths: S) -> SchemeStatus where S.Element == Truth {
        var allPass = true
        for truth in truths {
            if truth == .no { return from(anyFails: true, allPass: false) }
            if truth != .yes { allPass = false }
        }
        return from(anyFails: false, allPass: allPass)
    }

    /// A scheme's status from two facts about its criteria: whether one is known to fail, and
    /// whether every one is known to pass (the compiled rule set reads both off its tables).
    @inline(__always)
    public static func from(anyFails: Bool, allPass: Bool) -> SchemeStatus {
        anyFails ? .notEligible : allPass ? .eligible : .undetermined
    }

    /// Position in `allCases`, for counting.
    public var index: Int {
        switch self {
        case .eligible: return 0
        case .notEligible: return 1
        case .undetermined: return 2
        }
    }
}

extension Route {
    /// The route as reports name it: the route id, or `scheme:<id>` for a scheme's route.
    public func name(scheme: String?) -> String {
        if self == .scheme, let scheme { return "scheme:" + scheme }
        return rawValue
    }
}

extension Rule {
    /// The route this rule gives, as reports name it (`Route.name(scheme:)`).
    public var routeName: String? { route?.name(scheme: scheme) }
}
