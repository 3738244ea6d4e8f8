/// A conjunction of allowed value sets kept as arrays sorted by key: the form the shadowing
/// search tests millions of times (merge walks instead of hash lookups). Same meaning as
/// `Satisfiability.Conjunct`: a key absent is unconstrained.
struct SortedCube: Sendable {
    var keys: [ValueKey]
    var sets: [ValueSet]

    init(_ conjunct: Satisfiability.Conjunct) {
        keys = conjunct.constraints.keys.sorted()
        sets = keys.map { conjunct.constraints[$0] ?? .empty }
    }

    /// The same cube as a `Satisfiability.Conjunct`.
    var conjunct: Satisfiability.Conjunct {
        var constraints: [ValueKey: ValueSet] = [:]
        for (key, allowed) in zip(keys, sets) { constraints[key] = allowed }
        return Satisfiability.Conjunct(constraints: constraints)
    }

    init(keys: [ValueKey], sets: [ValueSet]) {
        self.keys = keys
        self.sets = sets
    }

    /// The values allowed for `key`, nil when unconstrained.
    func allowed(_ key: ValueKey) -> ValueSet? {
        var low = 0, high = keys.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if keys[mid] == key { return sets[mid] }
            if keys[mid] < key { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }

    /// Some profile is in both.
    func intersects(_ other: SortedCube) -> Bool {
        var i = 0, j = 0
        while i < keys.count, j < other.keys.count {
            if keys[i] == other.keys[j] {
                if !sets[i].overlaps(other.sets[j]) { return false }
                i += 1
                j += 1
            } else if keys[i] < other.keys[j] { i += 1 } else { j += 1 }
        }
        return true
    }

    /// Every profile of `inner` is in this cube.
    func contains(_ inner: SortedCube) -> Bool {
        var j = 0
        for (i, key) in keys.enumerated() {
            while j < inner.keys.count, inner.keys[j] < key { j += 1 }
            guard j < inner.keys.count, inner.keys[j] == key, inner.sets[j].isSubset(of: sets[i]) else { return false }
        }
        return true
    }

    /// The part of `self` outside `d`, as disjoint cubes (`self` whole when they do not meet).
    func subtracting(_ d: SortedCube, vocabulary: Vocabulary) -> [SortedCube] {
        guard intersects(d) else { return [self] }
        var pieces: [SortedCube] = []
        var inside = self
        for (index, key) in d.keys.enumerated() {
            let allowed = d.sets[index]
            let position = inside.keys.firstIndex(of: key)
            let mine = position.map { inside.sets[$0] } ?? ValueSet([vocabulary.domain(of: key)])
            let outside = mine.intersection(allowed.complement(in: vocabulary.domain(of: key)))
            if !outside.isEmpty {
                var piece = inside
                piece.set(key, outside, at: position)
                pieces.append(piece)
            }
            inside.set(key, mine.intersection(allowed), at: position)
        }
        return pieces
    }

    private mutating func set(_ key: ValueKey, _ allowed: ValueSet, at position: Int?) {
        if let position {
            sets[position] = allowed
            return
        }
        let insertion = keys.firstIndex { $0 > key } ?? keys.count
        keys.insert(key, at: insertion)
        sets.insert(allowed, at: insertion)
    }
}
