/// A rule set compiled once for evaluating many profiles fast: field values as integer slots,
/// sets as bit masks, enumerations by position, conditions as flat node arrays. The outcome
/// keeps every rule id; decisions are the shared `DecisionPlan`'s (a differential test checks the
/// truths agree with the interpreter's). A class: shared by every batch worker without copying
/// its tables (copying the struct retained each of its arrays on every call).
package final class CompiledRuleSet: Sendable {
    package let ruleSet: RuleSet
    /// The decisions, shared with the interpreter.
    package let plan: DecisionPlan
    /// Three-valued conditions: scheme criteria.
    let program: ConditionProgram
    /// "Does it hold?" conditions: rules (entries 0..<rules), then catalogue requirements, then stages.
    let matcher: MatchProgram
    /// Rules matched a field at a time (the others through `matcher`).
    let tables: RuleTables
    let ruleCount: Int
    let requiresEntries: [Int]
    let stageEntries: [[Int?]]
    let criteriaRoots: [[Int32]]

    package init(_ ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        plan = DecisionPlan(ruleSet)
        let lowered = ruleSet.lowered
        let vocabulary = ruleSet.vocabulary
        var program = ConditionProgram()
        var matcher = MatchProgram()
        for condition in lowered.rules { _ = matcher.add(condition, vocabulary: vocabulary) }
        tables = RuleTables(rules: lowered.rules, vocabulary: vocabulary)
        ruleCount = ruleSet.rules.count
        // A requirement keeps its entry unless known not to hold (`DecisionPlan`): the matcher
        // answers "does its negation hold?", i.e. "is it known false?".
        requiresEntries = lowered.requirements.map { matcher.add(.not($0), vocabulary: vocabulary) }
        stageEntries = lowered.stages.map { stages in stages.map { stage in stage.map { matcher.add($0, vocabulary: vocabulary) } } }
        criteriaRoots = lowered.criteria.map { criteria in criteria.map { program.add($0) } }
        self.program = program
        self.matcher = matcher
    }

    /// Which rules apply (truth 1), in rule set order, into `fired` (cleared first).
    /// Undetermined rules (unknown fields) do not apply.
    package func matches(_ values: UnsafePointer<Int64>, into fired: inout [Int32]) {
        matches(values, profiles: 1, stride: 0) { _, found in fired = found }
    }

    /// The rules that hold for one profile, as bits, from the tables and the match program.
    @inline(__always)
    private func fire(_ values: UnsafePointer<Int64>, _ runner: MatchProgram.Runner, _ pinned: RuleTables.Pinned,
                      _ handled: UnsafeBufferPointer<UInt64>, _ others: UnsafeBufferPointer<Int>, _ bits: UnsafeMutablePointer<UInt64>) {
        for w in 0..<handled.count { bits[w] = handled[w] }
        pinned.apply(values, into: bits)
        for rule in others where runner.holds(entry: rule, values) { bits[rule / 64] |= 1 << UInt64(rule % 64) }
    }

    /// Calls `body` with everything the matching reads, pinned once, and `bits` as scratch.
    private func pinned<T>(bits: UnsafeMutablePointer<UInt64>,
                           _ body: (MatchProgram.Runner, RuleTables.Pinned, UnsafeBufferPointer<UInt64>, UnsafeBufferPointer<Int>, UnsafeMutablePointer<UInt64>) -> T) -> T {
        matcher.run { runner in
            tables.run { pinned in
                tables.handled.withUnsafeBufferPointer { handled in
                    tables.others.withUnsafeBufferPointer { others in
                        body(runner, pinned, handled, others, bits)
                    }
                }
            }
        }
    }

    /// `matches` over many profiles laid out one after another (`stride` slots each), calling
    /// `body` with each profile's matches; the program is pinned once for the whole run.
    package func matches(_ values: UnsafePointer<Int64>, profiles: Int, stride: Int, body: (Int, [Int32]) -> Void) {
        var fired: [Int32] = []
        fired.reserveCapacity(ruleCount)
        let words = tables.words
        let scratch = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
        defer { scratch.deallocate() }
        pinned(bits: scratch) { runner, pinned, handled, others, bits in
            for profile in 0..<profiles {
                fired.removeAll(keepingCapacity: true)
                fire(values + profile * stride, runner, pinned, handled, others, bits)
                for w in 0..<words {
                    var word = bits[w]
                    while word != 0 {
                        fired.append(Int32(w * 64 + word.trailingZeroBitCount))
                        word &= word - 1
                    }
                }
                body(profile, fired)
            }
        }
    }

    /// The full outcome for one profile into `outcome`, reusing its storage.
    package func evaluate(_ profile: CompiledProfile, into outcome: inout CompiledOutcome) {
        profile.values.withUnsafeBufferPointer { buffer in
            guard let values = buffer.baseAddress else { return }
            evaluate(values, into: &outcome)
        }
    }

    package func evaluate(_ values: UnsafePointer<Int64>, into outcome: inout CompiledOutcome) {
        outcome.reset(rules: ruleCount, entries: requiresEntries.count, words: tables.words)
        outcome.bits.withUnsafeMutableBufferPointer { scratch in
        guard let scratch = scratch.baseAddress else { return }
        pinned(bits: scratch) { runner, pinned, handled, others, bits in
            fire(values, runner, pinned, handled, others, bits)
            for w in 0..<tables.words {
                var word = bits[w]
                while word != 0 {
                    let index = w * 64 + word.trailingZeroBitCount
                    outcome.fired.append(Int32(index))
                    outcome.isFired[index] = true
                    word &= word - 1
                }
            }
            outcome.requirements.removeAll(keepingCapacity: true)
            for entry in requiresEntries { outcome.requirements.append(!runner.holds(entry: entry, values)) }
            outcome.stages.removeAll(keepingCapacity: true)
            for stages in stageEntries {
                var current: Int32 = -1
                for (index, entry) in stages.enumerated() {
                    if let entry, runner.holds(entry: entry, values) { current = Int32(index); break }
                }
                outcome.stages.append(current)
            }
        }
        }
        plan.select(holds: outcome.isFired, requirements: outcome.requirements, into: &outcome.selection)
        for (scheme, roots) in criteriaRoots.enumerated() {
            let status = SchemeStatus.combining(roots.lazy.map { self.program.evaluate($0, values) })
            var enrolled = false
            if let key = plan.enrolledKeys[scheme], let element = key.element, values[key.field] != CompiledProfile.unknown {
                enrolled = (UInt64(bitPattern: values[key.field]) >> UInt64(element)) & 1 == 1
            }
            let current = outcome.stages[scheme]
            let stage = DecisionPlan.schemeStage(status: status, enrolled: enrolled, firstHolding: current < 0 ? nil : Int(current))
            outcome.schemes.append((status, Int32(stage ?? -1)))
        }
    }
}

/// The outcome of a compiled evaluation, kept as indexes into the rule set; reused from one
/// profile to the next so that evaluation allocates nothing once warm.
package struct CompiledOutcome: Sendable {
    /// Rules that applied, in rule set order.
    package var fired: [Int32] = []
    /// Route, référent and steps, as the decision plan chose them.
    package var selection = Selection()
    /// Index of the rule giving the route / référent.
    package var route: Int? { selection.route }
    package var referent: Int? { selection.referent }
    /// (rule, suggestion index in the rule), by stage then decision order.
    package var steps: [(rule: Int, suggestion: Int)] { selection.steps }
    /// Per scheme: status and stage index (-1: none).
    package var schemes: [(status: SchemeStatus, stage: Int32)] = []
    var isFired: [Bool] = []
    var requirements: [Bool] = []
    var stages: [Int32] = []
    /// Scratch bit set of the rules that hold, reused.
    var bits: [UInt64] = []

    package init() {}

    mutating func reset(rules: Int, entries: Int, words: Int) {
        if bits.count != words { bits = Array(repeating: 0, count: words) }
        fired.removeAll(keepingCapacity: true)
        schemes.removeAll(keepingCapacity: true)
        if isFired.count != rules { isFired = Array(repeating: false, count: rules) } else {
            for i in isFired.indices { isFired[i] = false }
        }
    }
}
