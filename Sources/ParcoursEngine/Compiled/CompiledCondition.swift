/// Core conditions compiled to flat arrays: tests on integer slots, and nodes (all, any, not)
/// whose children sit side by side. Evaluating allocates nothing and compares no string.
struct ConditionProgram: Sendable {
    typealias Check = MatchProgram.Check

    /// A node: a check, or a connective over `count` children starting at `first` in `children`.
    struct Node: Sendable {
        enum Kind: UInt8, Sendable { case yes, check, all, any, not }
        let kind: Kind
        let first: Int32
        let count: Int32
    }

    private(set) var checks: [Check] = []
    private(set) var sets: [ValueSet] = []
    private(set) var nodes: [Node] = []
    private(set) var children: [Int32] = []

    /// Compiles `condition` and returns its root node index.
    mutating func add(_ condition: CoreCondition) -> Int32 {
        switch condition {
        case .always:
            return append(Node(kind: .yes, first: 0, count: 0))
        case .never:
            return append(Node(kind: .any, first: Int32(children.count), count: 0))
        case .test(let test):
            checks.append(MatchProgram.check(test, sets: &sets))
            return append(Node(kind: .check, first: Int32(checks.count - 1), count: 0))
        case .not(let inner):
            let child = add(inner)
            children.append(child)
            return append(Node(kind: .not, first: Int32(children.count - 1), count: 1))
        case .all(let items), .any(let items):
            let compiled = items.map { add($0) }
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

    /// Calls `body` with the program's arrays pinned, for many evaluations.
    func run<T>(_ body: (Runner) -> T) -> T {
        checks.withUnsafeBufferPointer { checks in
            nodes.withUnsafeBufferPointer { nodes in
                children.withUnsafeBufferPointer { children in
                    sets.withUnsafeBufferPointer { sets in
                        body(Runner(checks: checks, nodes: nodes, children: children, sets: sets))
                    }
                }
            }
        }
    }

    /// The program's arrays, pinned (valid inside `run` only).
    struct Runner {
        let checks: UnsafeBufferPointer<Check>
        let nodes: UnsafeBufferPointer<Node>
        let children: UnsafeBufferPointer<Int32>
        let sets: UnsafeBufferPointer<ValueSet>

        /// Three-valued truth of node `index` for `values` (one slot per field, `unknown` when
        /// absent), as `ConditionEvaluator` defines it (a differential test holds them together).
        func evaluate(_ index: Int32, _ values: UnsafePointer<Int64>) -> Truth {
            let node = nodes[Int(index)]
            switch node.kind {
            case .yes:
                return .yes
            case .check:
                return truth(of: checks[Int(node.first)], values)
            case .all:
                var result = Truth.yes
                var i = Int(node.first)
                let end = i + Int(node.count)
                while i < end {
                    let truth = child(children[i], values)
                    if truth == .no { return .no }
                    if truth == .unknown { result = .unknown }
                    i += 1
                }
                return result
            case .any:
                var result = Truth.no
                var i = Int(node.first)
                let end = i + Int(node.count)
                while i < end {
                    let truth = child(children[i], values)
                    if truth == .yes { return .yes }
                    if truth == .unknown { result = .unknown }
                    i += 1
                }
                return result
            case .not:
                return child(children[Int(node.first)], values).negated
            }
        }

        /// A check's truth: unknown for an unknown value.
        @inline(__always)
        private func truth(of check: Check, _ values: UnsafePointer<Int64>) -> Truth {
            let value = values[Int(check.slot)]
            if value == CompiledProfile.unknown { return .unknown }
            return MatchProgram.holds(check, value, sets: sets) ? .yes : .no
        }

        /// `evaluate` for a child: a check (most children are) is answered here, without a
        /// call; anything else goes down the tree.
        @inline(__always)
        private func child(_ index: Int32, _ values: UnsafePointer<Int64>) -> Truth {
            let node = nodes[Int(index)]
            if node.kind == .check { return truth(of: checks[Int(node.first)], values) }
            return evaluate(index, values)
        }
    }
}

/// A profile as one integer slot per vocabulary field, the form compiled conditions read.
package struct CompiledProfile: Sendable, Equatable {
    /// The slot value of an unknown field.
    package static let unknown = Int64.min
    package var values: [Int64]

    package init(fieldCount: Int) {
        values = Array(repeating: Self.unknown, count: fieldCount)
    }

    /// The slots of `profile` (vocabulary defaults included) for `fieldCount` fields.
    package init(_ profile: Profile, vocabulary: Vocabulary) {
        self.init(fieldCount: vocabulary.fields.count)
        for (field, value) in profile.withDefaults(from: vocabulary).values where field < values.count {
            switch value {
            case .scalar(let number): values[field] = Int64(number)
            case .set(let mask): values[field] = Int64(bitPattern: mask)
            }
        }
    }
}
