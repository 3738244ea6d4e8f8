/// Conditions compiled to flat arrays: tests on integer slots, and nodes (all, any, not)
/// whose children sit side by side. Evaluating allocates nothing and compares no string.
struct ConditionProgram: Sendable {
    /// One elementary test on a profile slot.
    struct Check: Sendable {
        enum Kind: UInt8, Sendable { case range, mask, bit, ranges }
        let slot: Int32
        let kind: Kind
        /// `range`: low and high bounds; `bit`: the bit index and the expected bit (0/1).
        let low: Int64
        let high: Int64
        /// `mask`: the allowed values (each below 64) as bits.
        let mask: UInt64
        /// `ranges`: the allowed values, for the rare multi-range tests.
        let set: ValueSet?
    }

    /// A node: a check, or a connective over `count` children starting at `first` in `children`.
    struct Node: Sendable {
        enum Kind: UInt8, Sendable { case yes, check, all, any, not }
        let kind: Kind
        let first: Int32
        let count: Int32
    }

    private(set) var checks: [Check] = []
    private(set) var nodes: [Node] = []
    private(set) var children: [Int32] = []

    /// Compiles `condition` (facts inlined) and returns its root node index.
    mutating func add(_ condition: Condition, facts: [String: Condition], vocabulary: Vocabulary) -> Int32 {
        switch condition {
        case .always:
            return append(Node(kind: .yes, first: 0, count: 0))
        case .test(let test):
            checks.append(Self.check(test, vocabulary: vocabulary))
            return append(Node(kind: .check, first: Int32(checks.count - 1), count: 0))
        case .comparison(let comparison):
            return add(comparison.meaning, facts: facts, vocabulary: vocabulary)
        case .fact(let name, _):
            return add(facts[name] ?? .always, facts: facts, vocabulary: vocabulary)
        case .dated(let inner, _):
            return add(inner, facts: facts, vocabulary: vocabulary)
        case .not(let inner):
            let child = add(inner, facts: facts, vocabulary: vocabulary)
            children.append(child)
            return append(Node(kind: .not, first: Int32(children.count - 1), count: 1))
        case .all(let items), .any(let items):
            let compiled = items.map { add($0, facts: facts, vocabulary: vocabulary) }
            let first = Int32(children.count)
            children.append(contentsOf: compiled)
            if case .all = condition { return append(Node(kind: .all, first: first, count: Int32(compiled.count))) }
            return append(Node(kind: .any, first: first, count: Int32(compiled.count)))
        }
    }

    private mutating func append(_ node: Node) -> Int32 {
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    private static func check(_ test: Test, vocabulary: Vocabulary) -> Check {
        let slot = Int32(test.key.field)
        if let element = test.key.element {
            return Check(slot: slot, kind: .bit, low: Int64(element), high: test.allowed.contains(1) ? 1 : 0, mask: 0, set: nil)
        }
        let ranges = test.allowed.ranges
        if ranges.isEmpty { return Check(slot: slot, kind: .range, low: 1, high: 0, mask: 0, set: nil) }
        if ranges.count == 1, let range = ranges.first {
            return Check(slot: slot, kind: .range, low: Int64(range.lowerBound), high: Int64(range.upperBound), mask: 0, set: nil)
        }
        if let last = ranges.last?.upperBound, last < 64, let first = ranges.first?.lowerBound, first >= 0 {
            var mask: UInt64 = 0
            for range in ranges { for value in range { mask |= 1 << UInt64(value) } }
            return Check(slot: slot, kind: .mask, low: 0, high: 0, mask: mask, set: nil)
        }
        return Check(slot: slot, kind: .ranges, low: 0, high: 0, mask: 0, set: test.allowed)
    }

    /// Three-valued truth of node `index` for `values` (one slot per field, `unknown` when absent):
    /// 1 yes, 0 no, 2 unknown.
    @inline(__always)
    func evaluate(_ index: Int32, _ values: UnsafePointer<Int64>) -> UInt8 {
        let node = nodes[Int(index)]
        switch node.kind {
        case .yes:
            return 1
        case .check:
            let check = checks[Int(node.first)]
            let value = values[Int(check.slot)]
            if value == CompiledProfile.unknown { return 2 }
            switch check.kind {
            case .range: return value >= check.low && value <= check.high ? 1 : 0
            case .mask: return value >= 0 && value < 64 && check.mask & (1 << UInt64(value)) != 0 ? 1 : 0
            case .bit: return (UInt64(bitPattern: value) >> UInt64(check.low)) & 1 == UInt64(check.high) ? 1 : 0
            case .ranges: return check.set?.contains(Int(value)) == true ? 1 : 0
            }
        case .all:
            var result: UInt8 = 1
            var i = Int(node.first)
            let end = i + Int(node.count)
            while i < end {
                let truth = evaluate(children[i], values)
                if truth == 0 { return 0 }
                if truth == 2 { result = 2 }
                i += 1
            }
            return result
        case .any:
            var result: UInt8 = 0
            var i = Int(node.first)
            let end = i + Int(node.count)
            while i < end {
                let truth = evaluate(children[i], values)
                if truth == 1 { return 1 }
                if truth == 2 { result = 2 }
                i += 1
            }
            return result
        case .not:
            let truth = evaluate(children[Int(node.first)], values)
            return truth == 2 ? 2 : 1 - truth
        }
    }
}

/// A profile as one integer slot per vocabulary field, the form compiled conditions read.
public struct CompiledProfile: Sendable, Equatable {
    /// The slot value of an unknown field.
    public static let unknown = Int64.min
    public var values: [Int64]

    public init(fieldCount: Int) {
        values = Array(repeating: Self.unknown, count: fieldCount)
    }

    /// The slots of `profile` (vocabulary defaults included) for `fieldCount` fields.
    public init(_ profile: Profile, vocabulary: Vocabulary) {
        self.init(fieldCount: vocabulary.fields.count)
        for (field, value) in profile.withDefaults(from: vocabulary).values where field < values.count {
            switch value {
            case .scalar(let number): values[field] = Int64(number)
            case .set(let mask): values[field] = Int64(bitPattern: mask)
            }
        }
    }
}
