/// The smallest box around a condition: for each value it reads, the values it can take where
/// the condition holds (an over-approximation). Two conditions whose boxes are disjoint on
/// some value can never hold together, which lets the analyses skip most pairs of rules
/// before asking the exact solver.
struct ConditionBox: Sendable {
    /// The box as a cube (a key absent is unconstrained).
    let cube: SortedCube
    /// The condition can never hold.
    let empty: Bool

    init(_ condition: CoreCondition, vocabulary: Vocabulary) {
        let box = Self.box(condition.normalForm(vocabulary))
        self.empty = box == nil
        self.cube = SortedCube(Satisfiability.Conjunct(constraints: box ?? [:]))
    }

    /// Per key, the allowed values; nil when the condition can never hold. Reads a condition in
    /// negation normal form (no `not`).
    private static func box(_ condition: CoreCondition) -> [ValueKey: ValueSet]? {
        switch condition {
        case .always, .not: return [:]
        case .never: return nil
        case .test(let test): return test.allowed.isEmpty ? nil : [test.key: test.allowed]
        case .all(let items):
            var result: [ValueKey: ValueSet] = [:]
            for item in items {
                guard let part = box(item) else { return nil }
                for (key, allowed) in part {
                    let merged = result[key].map { $0.intersection(allowed) } ?? allowed
                    if merged.isEmpty { return nil }
                    result[key] = merged
                }
            }
            return result
        case .any(let items):
            let parts = items.compactMap(box)
            guard var result = parts.first else { return nil }
            for part in parts.dropFirst() {
                // Only keys every branch constrains stay constrained, by the union of their values.
                var next: [ValueKey: ValueSet] = [:]
                for (key, allowed) in part { if let mine = result[key] { next[key] = mine.union(allowed) } }
                result = next
            }
            return result
        }
    }

    /// The values allowed for `key`, nil when unconstrained.
    func allowed(_ key: ValueKey) -> ValueSet? { cube.allowed(key) }

    /// True when no profile can meet both boxes.
    func isDisjoint(from other: ConditionBox) -> Bool {
        empty || other.empty || !cube.intersects(other.cube)
    }

    /// The pairs of `items` (indexes into `boxes`) whose boxes may overlap, found by sweeping
    /// the values of the key most of them constrain (an interval index), not by trying every pair.
    static func overlappingPairs(_ items: [Int], boxes: [ConditionBox]) -> [(Int, Int)] {
        var counts: [ValueKey: Int] = [:]
        for item in items { for key in boxes[item].cube.keys { counts[key, default: 0] += 1 } }
        guard let key = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else {
            return pairs(items, items, boxes: boxes)
        }
        var free: [Int] = []
        var bounded: [(item: Int, low: Int, high: Int)] = []
        for item in items {
            if let allowed = boxes[item].allowed(key), let first = allowed.ranges.first, let last = allowed.ranges.last {
                bounded.append((item, first.lowerBound, last.upperBound))
            } else {
                free.append(item)
            }
        }
        bounded.sort { ($0.low, $0.item) < ($1.low, $1.item) }
        var result: [(Int, Int)] = []
        var active: [(item: Int, high: Int)] = []
        for entry in bounded {
            active.removeAll { $0.high < entry.low }
            for other in active where !boxes[entry.item].isDisjoint(from: boxes[other.item]) {
                result.append((min(entry.item, other.item), max(entry.item, other.item)))
            }
            active.append((entry.item, entry.high))
        }
        // Rules that do not constrain the key may overlap any other.
        result += pairs(free, items, boxes: boxes)
        return result
    }

    private static func pairs(_ left: [Int], _ right: [Int], boxes: [ConditionBox]) -> [(Int, Int)] {
        let inLeft = Set(left)
        var result: [(Int, Int)] = []
        for a in left {
            for b in right where b != a && !(inLeft.contains(b) && b < a) && !boxes[a].isDisjoint(from: boxes[b]) {
                result.append((min(a, b), max(a, b)))
            }
        }
        return result
    }
}
