import Bytes

/// A rule set compiled once for evaluating many profiles fast: field values as integer slots,
/// sets as bit masks, enumerations by position; rules, requirements and scheme criteria as bits
/// of `RuleTables` (a few conditions as flat node arrays). The outcome keeps every rule id;
/// decisions are the shared `DecisionPlan`'s (a differential test checks the truths agree with
/// the interpreter's). A class: shared by every batch worker without copying
/// its tables (copying the struct retained each of its arrays on every call).
package final class CompiledRuleSet: Sendable {
    package let ruleSet: RuleSet
    /// The decisions, shared with the interpreter.
    package let plan: DecisionPlan
    let ruleCount: Int
    /// Per scheme, what the kernel reads: its two criteria bits, the slot and bit that say the
    /// person is enrolled (slot -1: none), and its stages' range in the kernel's `stages`.
    struct SchemeIndex: Sendable {
        let passes: Int32, fails: Int32
        let enrolledSlot: Int32, enrolledBit: Int32
        let stages: Range<Int32>
    }
    /// The kernel, built once over arrays frozen in `arena` (and the plan's own): valid while
    /// this rule set lives, hence only lent out by `withKernel`.
    private let kernel: Kernel
    /// Owns the kernel's frozen arrays.
    private let arena: FrozenArena

    package init(_ ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        plan = DecisionPlan(ruleSet)
        let lowered = ruleSet.lowered
        let vocabulary = ruleSet.vocabulary
        var matcher = MatchProgram()
        ruleCount = ruleSet.rules.count
        var asked = lowered.rules
        func ask(_ condition: CoreCondition) -> Int32 {
            asked.append(condition)
            return Int32(asked.count - 1)
        }
        // A requirement keeps its entry unless known not to hold (`DecisionPlan`): the tables
        // answer "does its negation hold?", i.e. "is it known false?".
        let requirementBits = lowered.requirements.map { requirement -> Int32 in
            let negation = CoreCondition.not(requirement)
            if case .never = negation.normalForm(vocabulary) { return -1 }
            return ask(negation)
        }
        // A scheme's status from whether every criterion holds and whether one is known false
        // (`SchemeStatus.from(anyFails:allPass:)`); the interpreter combines the same truths.
        var stageEntries: [Int32] = []
        var schemeIndexes: [SchemeIndex] = []
        for (scheme, criteria) in lowered.criteria.enumerated() {
            let passes = ask(.all(criteria)), fails = ask(.any(criteria.map { .not($0) }))
            let first = Int32(stageEntries.count)
            for stage in scheme < lowered.stages.count ? lowered.stages[scheme] : [] {
                stageEntries.append(stage.map { Int32(matcher.add($0, vocabulary: vocabulary)) } ?? -1)
            }
            let key = scheme < plan.enrolledKeys.count ? plan.enrolledKeys[scheme] : nil
            let enrolled = key.flatMap { key in key.element.map { (Int32(key.field), Int32($0)) } } ?? (-1, 0)
            schemeIndexes.append(SchemeIndex(passes: passes, fails: fails, enrolledSlot: enrolled.0, enrolledBit: enrolled.1,
                                             stages: first..<Int32(stageEntries.count)))
        }
        // Everything a profile is asked, matched a field at a time (what a field at a time
        // cannot say, through `matcher`), each on its own bit: the rules (bit = rule index),
        // then the negations of catalogue requirements that can fail, then per scheme "every
        // criterion passes" and "a criterion fails". Only the kernel's frozen copies are kept.
        let tables = RuleTables(rules: asked, vocabulary: vocabulary)
        // "Does it hold?" for what the tables leave: rules' residual parts (their entry in
        // `matcher`, after the scheme stages').
        let residuals = tables.residuals.map { (rule: Int32($0.rule), entry: Int32(matcher.add($0.condition, vocabulary: vocabulary))) }
        let arena = FrozenArena()
        self.arena = arena
        kernel = Kernel(ruleCount: ruleCount, plan: plan.pinned, runner: matcher.runner(in: arena), pinned: tables.pinned(in: arena),
                        handled: arena.freeze(tables.handled), extrasStart: tables.extrasStart, folds: arena.freeze(tables.folds),
                        residuals: arena.freeze(residuals), requires: arena.freeze(requirementBits), schemes: arena.freeze(schemeIndexes),
                        stages: arena.freeze(stageEntries))
    }

    /// Which rules apply (truth 1), in rule set order, into `fired` (cleared first).
    /// Undetermined rules (unknown fields) do not apply.
    package func matches(_ values: BufferView<Int64>, into fired: inout [Int32]) {
        matches(values, profiles: 1, stride: values.count) { _, found in fired = found }
    }

    /// `matches` over many profiles laid out one after another (`stride` slots each), calling
    /// `body` with each profile's matches; the kernel is lent once for the whole run.
    package func matches(_ values: BufferView<Int64>, profiles: Int, stride: Int, body: (Int, [Int32]) -> Void) {
        var fired: [Int32] = []
        fired.reserveCapacity(ruleCount)
        let words = kernel.pinned.words
        var scratch = [UInt64](repeating: 0, count: words)
        scratch.withMutableView { bits in
            withKernel { kernel in
                for profile in 0..<profiles {
                    kernel.fire(values.rebased(profile * stride..<(profile + 1) * stride), into: bits)
                    Kernel.collect(bits, words: words, rules: ruleCount, into: &fired)
                    body(profile, fired)
                }
            }
        }
    }

    /// The full outcome for one profile into `outcome`, reusing its storage.
    package func evaluate(_ profile: CompiledProfile, into outcome: inout CompiledOutcome) {
        profile.values.withView { evaluate($0, into: &outcome) }
    }

    /// The full outcome for one profile's slots into `outcome`. Many profiles: `withKernel`.
    package func evaluate(_ values: BufferView<Int64>, into outcome: inout CompiledOutcome) {
        withKernel { $0.evaluate(values, into: &outcome) }
    }

    /// Calls `body` with the kernel over this rule set's frozen tables, for all the profiles
    /// `body` evaluates (the kernel must not outlive the call).
    package func withKernel<T>(_ body: (Kernel) -> T) -> T {
        withExtendedLifetime(self) { body(kernel) }
    }

    /// One evaluation's tables as frozen arrays: valid inside `withKernel`
    /// only. Read-only, hence `@unchecked Sendable`.
    package struct Kernel: @unchecked Sendable {
        let ruleCount: Int
        let plan: DecisionPlan.Pinned
        let runner: MatchProgram.Runner
        let pinned: RuleTables.Pinned
        let handled: FrozenArray<UInt64>
        /// Extra disjuncts' bits, from `extrasStart`, to fold into their rule's (`RuleTables.folds`).
        let extrasStart: Int
        let folds: FrozenArray<(rule: Int32, bit: Int32)>
        let residuals: FrozenArray<(rule: Int32, entry: Int32)>
        /// Per catalogue entry, the bit of its requirement's negation (-1: none).
        let requires: FrozenArray<Int32>
        let schemes: FrozenArray<SchemeIndex>
        /// Scheme stages' match entries (-1: a stage without condition).
        let stages: FrozenArray<Int32>

        /// The rules that hold for one profile, as bits (and past them, the extra disjuncts'):
        /// the tables, the disjuncts folded into their rules, then the residual parts of the
        /// rules the tables left standing.
        @inline(__always)
        func fire(_ values: BufferView<Int64>, into bits: MutableBufferView<UInt64>) {
            for w in 0..<handled.count { bits[w] = handled[w] }
            pinned.apply(values, into: bits)
            // Only the extra bits that hold are visited, a word at a time.
            var w = extrasStart >> 6
            while w < pinned.words {
                var extras = w == extrasStart >> 6 ? bits[w] & ~((1 &<< UInt64(extrasStart & 63)) &- 1) : bits[w]
                while extras != 0 {
                    let rule = folds[w << 6 + extras.trailingZeroBitCount - extrasStart].rule
                    bits[Int(rule) >> 6] |= 1 << UInt64(rule & 63)
                    extras &= extras &- 1
                }
                w += 1
            }
            for (rule, entry) in residuals {
                let word = Int(rule) >> 6, bit: UInt64 = 1 << UInt64(rule & 63)
                if bits[word] & bit != 0 && !runner.holds(entry: Int(entry), values) { bits[word] &= ~bit }
            }
        }

        /// Sets `fired` to the rules (bits under `rules`) whose bit is set, in rule set order:
        /// counted first, then written in place (the array resized once, not appended to rule
        /// by rule).
        @inline(__always)
        static func collect(_ bits: MutableBufferView<UInt64>, words: Int, rules: Int, into fired: inout [Int32]) {
            /// The bits of word `w` that are rules'.
            @inline(__always) func ruleBits(_ w: Int) -> UInt64 {
                let below = rules &- w &* 64
                return below >= 64 ? bits[w] : below <= 0 ? 0 : bits[w] & ((1 &<< UInt64(below)) &- 1)
            }
            var count = 0
            for w in 0..<words { count += ruleBits(w).nonzeroBitCount }
            if fired.count > count {
                fired.removeLast(fired.count - count)
            } else if fired.count < count {
                fired.append(contentsOf: repeatElement(0, count: count - fired.count))
            }
            guard count > 0 else { return }
            fired.withMutableView { fired in
                var at = 0
                for w in 0..<words {
                    var word = ruleBits(w)
                    while word != 0 {
                        fired[at] = Int32(w * 64 + word.trailingZeroBitCount)
                        at += 1
                        word &= word - 1
                    }
                }
            }
        }

        /// The full outcome for one profile's slots into `outcome`, reusing its storage.
        package func evaluate(_ values: BufferView<Int64>, into outcome: inout CompiledOutcome) {
            let words = pinned.words
            outcome.reset(words: words, schemes: schemes.count)
            outcome.bits.withMutableView { bits in
                fire(values, into: bits)
                Self.collect(bits, words: words, rules: ruleCount, into: &outcome.fired)
            }
            outcome.fired.withView { holding in
                outcome.bits.withView { bits in
                    @inline(__always) func bit(_ index: Int32) -> Bool { bits[Int(index) >> 6] >> UInt64(index & 63) & 1 != 0 }
                    // A requirement keeps its entry unless known not to hold: its negation holds.
                    plan.select(holding: holding, holds: { bit(Int32(truncatingIfNeeded: $0)) },
                                keeps: { requires[$0] < 0 || !bit(requires[$0]) }, into: &outcome.selection)
                    outcome.schemes.withMutableView { statuses in
                        for (position, scheme) in schemes.enumerated() {
                            let status = SchemeStatus.from(anyFails: bit(scheme.fails), allPass: bit(scheme.passes))
                            var isEnrolled = false
                            if scheme.enrolledSlot >= 0, values[Int(scheme.enrolledSlot)] != CompiledProfile.unknown {
                                isEnrolled = (UInt64(bitPattern: values[Int(scheme.enrolledSlot)]) >> UInt64(scheme.enrolledBit)) & 1 == 1
                            }
                            let stage = DecisionPlan.schemeStage(status: status, enrolled: isEnrolled) {
                                for index in scheme.stages {
                                    let entry = stages[Int(index)]
                                    if entry >= 0, runner.holds(entry: Int(entry), values) { return Int(index - scheme.stages.lowerBound) }
                                }
                                return nil
                            }
                            statuses[position] = (status, Int32(stage ?? -1))
                        }
                    }
                }
            }
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
    /// Per scheme: status and stage index (-1: none); as many as the rule set has schemes
    /// once evaluated (written in place, not appended).
    package var schemes: [(status: SchemeStatus, stage: Int32)] = []
    /// Scratch bit set of the rules that hold, reused.
    var bits: [UInt64] = []

    package init() {}

    mutating func reset(words: Int, schemes count: Int) {
        if bits.count != words { bits = Array(repeating: 0, count: words) }
        if schemes.count != count { schemes = Array(repeating: (.undetermined, -1), count: count) }
    }
}
