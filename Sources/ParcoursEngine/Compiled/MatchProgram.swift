import Bytes

/// Core conditions compiled for one question only, "does it hold?" (three-valued truth is
/// yes), as fast as possible.
///
/// Conditions are first put in negation normal form (`CoreCondition.normalForm`), exact in
/// three-valued logic. Without negations, "holds" is monotone: an `all` holds when every part
/// holds, an `any` when one does, and a test on an unknown field does not hold. A condition that
/// is a plain conjunction or disjunction of tests runs as a straight loop over packed tests;
/// others walk a small tree. The compiled rule set asks it what its tables leave: scheme stages
/// and the rare condition whose disjunctive form is too long to table.
struct MatchProgram: Sendable {
    /// A packed test: plain data, so reading one costs no reference counting.
    struct Check: Sendable {
        enum Kind: UInt8, Sendable { case range, mask, bit, ranges, never }
        var slot: Int32
        var kind: Kind
        var set: Int32
        var low: Int64
        var high: Int64
        var mask: UInt64
    }

    /// How a condition runs: a run of checks that must all hold, or one of which must (a
    /// requirement's negation is mostly that), a tree, or always.
    struct Entry: Sendable {
        enum Kind: UInt8, Sendable { case conjunction, disjunction, tree, always }
        var kind: Kind
        var first: Int32
        var count: Int32
    }

    /// A tree node over checks: `check` (first = check index), `all` / `any` over children.
    struct Node: Sendable {
        enum Kind: UInt8, Sendable { case check, all, any, always, never }
        var kind: Kind
        var first: Int32
        var count: Int32
    }

    private(set) var checks: [Check] = []
    private(set) var sets: [ValueSet] = []
    private(set) var nodes: [Node] = []
    private(set) var children: [Int32] = []
    private(set) var entries: [Entry] = []

    /// Adds a condition; returns its entry index.
    mutating func add(_ condition: CoreCondition, vocabulary: Vocabulary) -> Int {
        let normal = condition.normalForm(vocabulary)
        switch normal {
        case .always:
            entries.append(Entry(kind: .always, first: 0, count: 0))
        case .test(let test):
            let first = Int32(checks.count)
            checks.append(check(test))
            entries.append(Entry(kind: .conjunction, first: first, count: 1))
        case .all(let items) where items.allSatisfy({ if case .test = $0 { return true } else { return false } }):
            let first = Int32(checks.count)
            for case .test(let test) in items { checks.append(check(test)) }
            entries.append(Entry(kind: .conjunction, first: first, count: Int32(items.count)))
        case .any(let items) where !items.isEmpty && items.allSatisfy({ if case .test = $0 { return true } else { return false } }):
            let first = Int32(checks.count)
            for case .test(let test) in items { checks.append(check(test)) }
            entries.append(Entry(kind: .disjunction, first: first, count: Int32(items.count)))
        default:
            let root = node(normal)
            entries.append(Entry(kind: .tree, first: root, count: 0))
        }
        return entries.count - 1
    }

    private mutating func check(_ test: Test) -> Check { Self.check(test, sets: &sets) }

    /// The packed form of a test; multi-range sets go to `sets`.
    static func check(_ test: Test, sets: inout [ValueSet]) -> Check {
        let slot = Int32(test.key.field)
        if let element = test.key.element {
            let expected: Int64 = test.allowed.contains(1) ? 1 : 0
            if test.allowed.contains(0) && test.allowed.contains(1) {
                return Check(slot: slot, kind: .range, set: 0, low: Int64.min + 1, high: Int64.max, mask: 0)
            }
            if test.allowed.isEmpty { return Check(slot: slot, kind: .never, set: 0, low: 0, high: 0, mask: 0) }
            return Check(slot: slot, kind: .bit, set: 0, low: Int64(element), high: expected, mask: 0)
        }
        let ranges = test.allowed.ranges
        guard let first = ranges.first, let last = ranges.last else { return Check(slot: slot, kind: .never, set: 0, low: 0, high: 0, mask: 0) }
        if ranges.count == 1 { return Check(slot: slot, kind: .range, set: 0, low: Int64(first.lowerBound), high: Int64(first.upperBound), mask: 0) }
        if first.lowerBound >= 0 && last.upperBound < 64 {
            var mask: UInt64 = 0
            for range in ranges { for value in range { mask |= 1 << UInt64(value) } }
            return Check(slot: slot, kind: .mask, set: 0, low: 0, high: 0, mask: mask)
        }
        sets.append(test.allowed)
        return Check(slot: slot, kind: .ranges, set: Int32(sets.count - 1), low: 0, high: 0, mask: 0)
    }

    /// A node of a condition in negation normal form.
    private mutating func node(_ condition: CoreCondition) -> Int32 {
        switch condition {
        case .test(let test):
            checks.append(check(test))
            nodes.append(Node(kind: .check, first: Int32(checks.count - 1), count: 0))
        case .all(let items), .any(let items):
            let compiled = items.map { node($0) }
            let first = Int32(children.count)
            children.append(contentsOf: compiled)
            if case .all = condition {
                nodes.append(Node(kind: .all, first: first, count: Int32(compiled.count)))
            } else {
                nodes.append(Node(kind: compiled.isEmpty ? .never : .any, first: first, count: Int32(compiled.count)))
            }
        case .never:
            nodes.append(Node(kind: .never, first: 0, count: 0))
        case .always, .not:
            // `not` does not occur in negation normal form.
            nodes.append(Node(kind: .always, first: 0, count: 0))
        }
        return Int32(nodes.count - 1)
    }

    // MARK: Running

    /// Runs entries against one profile's slots, over the program's arrays frozen in an arena
    /// (read-only memory, hence `@unchecked Sendable`).
    struct Runner: @unchecked Sendable {
        let checks: FrozenArray<Check>
        let nodes: FrozenArray<Node>
        let children: FrozenArray<Int32>
        let entries: FrozenArray<Entry>
        let sets: FrozenArray<ValueSet>

        @inline(__always)
        func holds(_ check: Check, _ values: BufferView<Int64>) -> Bool {
            MatchProgram.holds(check, values[Int(check.slot)], sets: sets)
        }

        @inline(__always)
        func holds(entry index: Int, _ values: BufferView<Int64>) -> Bool {
            let entry = entries[index]
            switch entry.kind {
            case .always: return true
            case .conjunction:
                var i = Int(entry.first)
                let end = i + Int(entry.count)
                while i < end {
                    if !holds(checks[i], values) { return false }
                    i += 1
                }
                return true
            case .disjunction:
                var i = Int(entry.first)
                let end = i + Int(entry.count)
                while i < end {
                    if holds(checks[i], values) { return true }
                    i += 1
                }
                return false
            case .tree:
                return holds(node: Int(entry.first), values)
            }
        }

        func holds(node index: Int, _ values: BufferView<Int64>) -> Bool {
            let node = nodes[index]
            switch node.kind {
            case .always: return true
            case .never: return false
            case .check: return holds(checks[Int(node.first)], values)
            case .all:
                for i in Int(node.first)..<Int(node.first + node.count) where !holds(child: Int(children[i]), values) { return false }
                return true
            case .any:
                for i in Int(node.first)..<Int(node.first + node.count) where holds(child: Int(children[i]), values) { return true }
                return false
            }
        }

        /// `holds(node:)` for a child: a check (most children are) is tested here, without a
        /// call; anything else goes down the tree.
        @inline(__always)
        private func holds(child index: Int, _ values: BufferView<Int64>) -> Bool {
            let node = nodes[index]
            if node.kind == .check { return holds(checks[Int(node.first)], values) }
            return holds(node: index, values)
        }
    }

    /// Whether a known or unknown slot value passes a check (an unknown value never does).
    @inline(__always)
    static func holds(_ check: Check, _ value: Int64, sets: FrozenArray<ValueSet>) -> Bool {
        if value == CompiledProfile.unknown { return false }
        switch check.kind {
        case .range: return value >= check.low && value <= check.high
        case .mask: return value >= 0 && value < 64 && check.mask & (1 << UInt64(value)) != 0
        case .bit: return Int64((UInt64(bitPattern: value) >> UInt64(check.low)) & 1) == check.high
        case .ranges: return sets[Int(check.set)].contains(Int(value))
        case .never: return false
        }
    }

    /// A runner over frozen copies of this program's arrays, valid while `arena` lives.
    func runner(in arena: FrozenArena) -> Runner {
        Runner(checks: arena.freeze(checks), nodes: arena.freeze(nodes), children: arena.freeze(children), entries: arena.freeze(entries),
               sets: arena.freeze(sets))
    }
}
