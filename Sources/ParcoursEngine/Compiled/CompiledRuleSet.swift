/// A rule set compiled once for evaluating many profiles fast: field values as integer slots,
/// sets as bit masks, enumerations by position, conditions as flat node arrays. The outcome
/// keeps every rule id, as the interpreted `Evaluator` gives it (a test checks they agree).
public struct CompiledRuleSet: Sendable {
    public let ruleSet: RuleSet
    let program: ConditionProgram
    /// Root node of each rule's condition, in rule set order.
    let ruleRoots: [Int32]
    /// Rule indexes by priority (highest first), then id: the order decisions are taken in.
    let decisionOrder: [Int]
    /// For each stage in pathway order, the (rule, entry, stage) suggestions in decision order.
    let suggestionsByStage: [[(rule: Int, entry: Int, suggestion: Int)]]
    let requiresRoots: [Int32]
    let criteriaRoots: [[Int32]]
    let stageRoots: [[Int32?]]
    let enrolledBits: [(slot: Int, bit: Int)?]

    public init(_ ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        var program = ConditionProgram()
        var facts: [String: Condition] = [:]
        for fact in ruleSet.facts { facts[fact.name] = fact.condition }
        let vocabulary = ruleSet.vocabulary
        ruleRoots = ruleSet.rules.map { program.add($0.condition, facts: facts, vocabulary: vocabulary) }
        requiresRoots = ruleSet.catalogue.entries.map { program.add($0.requires, facts: facts, vocabulary: vocabulary) }
        criteriaRoots = ruleSet.schemes.map { scheme in scheme.criteria.map { program.add($0.condition, facts: facts, vocabulary: vocabulary) } }
        stageRoots = ruleSet.schemes.map { scheme in scheme.stages.map { stage in stage.when.map { program.add($0, facts: facts, vocabulary: vocabulary) } } }
        self.program = program
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
    @inline(__always)
    public func matches(_ values: UnsafePointer<Int64>, into fired: inout [Int32]) {
        fired.removeAll(keepingCapacity: true)
        for (index, root) in ruleRoots.enumerated() where program.evaluate(root, values) == 1 {
            fired.append(Int32(index))
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
        outcome.reset(rules: ruleRoots.count, entries: requiresRoots.count)
        for (index, root) in ruleRoots.enumerated() where program.evaluate(root, values) == 1 {
            outcome.fired.append(Int32(index))
            outcome.isFired[index] = true
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
                guard program.evaluate(requiresRoots[item.entry], values) == 1 else { continue }
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
            if status == 1 || enrolled {
                for (index, root) in stageRoots[scheme].enumerated() {
                    if let root, program.evaluate(root, values) == 1 { stage = Int32(index); break }
                }
            }
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

    public init() {}

    mutating func reset(rules: Int, entries: Int) {
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
