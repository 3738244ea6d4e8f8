/// A rule set compiled once for evaluating many profiles fast: field values as integer slots,
/// sets as bit masks, enumerations by position, conditions as flat node arrays. The outcome
/// keeps every rule id, as the interpreted `Evaluator` gives it (a test checks they agree).
public struct CompiledRuleSet: Sendable {
    public let ruleSet: RuleSet
    /// Three-valued conditions: scheme criteria.
    let program: ConditionProgram
    /// "Does it hold?" conditions: rules (entries 0..<rules), then catalogue requirements, then stages.
    let matcher: MatchProgram
    /// Rules matched a field at a time (the others through `matcher`).
    let tables: RuleTables
    let ruleCount: Int
    let requiresEntries: [Int]
    let stageEntries: [[Int?]]
    /// Rule indexes by priority (highest first), then id: the order decisions are taken in.
    let decisionOrder: [Int]
    /// For each stage in pathway order, the (rule, entry, stage) suggestions in decision order.
    let suggestionsByStage: [[(rule: Int, entry: Int, suggestion: Int)]]
    let criteriaRoots: [[Int32]]
    let enrolledBits: [(slot: Int, bit: Int)?]

    public init(_ ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        var program = ConditionProgram()
        var facts: [String: Condition] = [:]
        for fact in ruleSet.facts { facts[fact.name] = fact.condition }
        let vocabulary = ruleSet.vocabulary
        var matcher = MatchProgram()
        for rule in ruleSet.rules { _ = matcher.add(rule.condition, facts: facts, vocabulary: vocabulary) }
        tables = RuleTables(rules: ruleSet.rules.map(\.condition), vocabulary: vocabulary, facts: facts)
        ruleCount = ruleSet.rules.count
        requiresEntries = ruleSet.catalogue.entries.map { matcher.add($0.requires, facts: facts, vocabulary: vocabulary) }
        stageEntries = ruleSet.schemes.map { scheme in scheme.stages.map { stage in stage.when.map { matcher.add($0, facts: facts, vocabulary: vocabulary) } } }
        criteriaRoots = ruleSet.schemes.map { scheme in scheme.criteria.map { program.add($0.condition, facts: facts, vocabulary: vocabulary) } }
        self.program = program
        self.matcher = matcher
        let order = ruleSet.rules.indices.sorted { (ruleSet.rules[$1].priority, ruleSet.rules[$0].id) < (ruleSet.rules[$0].priority, ruleSet.rules[$1].id) }
        decisionOrder = order
        var entryIndex: [String: Int] = [:]
        for (index, entry) in ruleSet.catalogue.entries.enumerated() { entryIndex[entry.id] = index }
        suggestionsByStage = Stage.allCases.map { stage in
            order.flatMap { rule in
                ruleSet.rules[rule].suggestions.enumerated().compactMap { item -> (Int, Int, Int)? in
                    guard item.element.stage == stage, let entry = entryIndex[item.element.entry] else { return nil }
                    return (rule, entry, item.offset)
                }
            }
        }
        let enrolled = vocabulary.field(named: RuleSetFiles.enrolledField)
        enrolledBits = ruleSet.schemes.map { scheme in
            guard let field = enrolled, let bit = field.valueIndex(of: scheme.id) else { return nil }
            return (field.index, bit)
        }
    }

    /// Which rules apply (truth 1), in rule set order, into `fired` (cleared first).
    /// Undetermined rules (unknown fields) do not apply.
    public func matches(_ values: UnsafePointer<Int64>, into fired: inout [Int32]) {
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
    public func matches(_ values: UnsafePointer<Int64>, profiles: Int, stride: Int, body: (Int, [Int32]) -> Void) {
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
    public func evaluate(_ profile: CompiledProfile, into outcome: inout CompiledOutcome) {
        profile.values.withUnsafeBufferPointer { buffer in
            guard let values = buffer.baseAddress else { return }
            evaluate(values, into: &outcome)
        }
    }

    public func evaluate(_ values: UnsafePointer<Int64>, into outcome: inout CompiledOutcome) {
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
            for entry in requiresEntries { outcome.requirements.append(runner.holds(entry: entry, values)) }
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
        for rule in decisionOrder where outcome.isFired[rule] {
            if outcome.route == nil, ruleSet.rules[rule].route != nil { outcome.route = rule }
            if outcome.referent == nil, ruleSet.rules[rule].referent != nil { outcome.referent = rule }
            if outcome.route != nil && outcome.referent != nil { break }
        }
        for (stage, suggestions) in suggestionsByStage.enumerated() {
            for item in suggestions where outcome.isFired[item.rule] {
                let key = item.entry * Stage.allCases.count + stage
                if outcome.seen[key] { continue }
                guard outcome.requirements[item.entry] else { continue }
                outcome.seen[key] = true
                outcome.steps.append((item.rule, item.suggestion))
            }
        }
        for (scheme, roots) in criteriaRoots.enumerated() {
            var status: UInt8 = 1
            for root in roots {
                let truth = program.evaluate(root, values)
                if truth == 0 { status = 0; break }
                if truth == 2 { status = 2 }
            }
            var stage: Int32 = -1
            var enrolled = false
            if let bits = enrolledBits[scheme], values[bits.slot] != CompiledProfile.unknown {
                enrolled = (UInt64(bitPattern: values[bits.slot]) >> UInt64(bits.bit)) & 1 == 1
            }
            if status == 1 || enrolled { stage = outcome.stages[scheme] }
            outcome.schemes.append((status, stage))
        }
    }
}

/// The outcome of a compiled evaluation, kept as indexes into the rule set; reused from one
/// profile to the next so that evaluation allocates nothing once warm.
public struct CompiledOutcome: Sendable {
    /// Rules that applied, in rule set order.
    public var fired: [Int32] = []
    /// Index of the rule giving the route / référent.
    public var route: Int?
    public var referent: Int?
    /// (rule, suggestion index in the rule), by stage then decision order.
    public var steps: [(rule: Int, suggestion: Int)] = []
    /// Per scheme: status (1 eligible, 0 not eligible, 2 undetermined) and stage index (-1: none).
    public var schemes: [(status: UInt8, stage: Int32)] = []
    var isFired: [Bool] = []
    var seen: [Bool] = []
    var requirements: [Bool] = []
    var stages: [Int32] = []
    /// Scratch bit set of the rules that hold, reused.
    var bits: [UInt64] = []

    public init() {}

    mutating func reset(rules: Int, entries: Int, words: Int) {
        if bits.count != words { bits = Array(repeating: 0, count: words) }
        fired.removeAll(keepingCapacity: true)
        steps.removeAll(keepingCapacity: true)
        schemes.removeAll(keepingCapacity: true)
        route = nil
        referent = nil
        if isFired.count != rules { isFired = Array(repeating: false, count: rules) } else {
            for i in isFired.indices { isFired[i] = false }
        }
        let seenCount = entries * Stage.allCases.count
        if seen.count != seenCount { seen = Array(repeating: false, count: seenCount) } else {
            for i in seen.indices { seen[i] = false }
        }
    }
}
