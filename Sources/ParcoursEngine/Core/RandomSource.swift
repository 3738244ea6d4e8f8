/// SplitMix64: a small, fast, seedable generator, so a seed gives the same profiles everywhere.
package struct RandomSource: Sendable {
    private var state: UInt64

    package init(seed: UInt64) {
        state = seed
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`, uniformly.
    package mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % span)
    }

    /// True with probability `p` (0 to 1).
    package mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }

    /// The position of one of `weights`, drawn as `pick` draws (the last one when rounding
    /// leaves the point past the end).
    package mutating func pickIndex(_ weights: [Double]) -> Int {
        let total = weights.reduce(0) { $0 + $1 }
        var point = Double(next() >> 11) / Double(1 << 53) * total
        for (index, weight) in weights.enumerated() {
            if point < weight { return index }
            point -= weight
        }
        return weights.count - 1
    }

    /// One of `choices`, each with its weight.
    package mutating func pick<T>(_ choices: [(T, Double)]) -> T? {
        let total = choices.reduce(0) { $0 + $1.1 }
        var point = Double(next() >> 11) / Double(1 << 53) * total
        for (value, weight) in choices {
            if point < weight { return value }
            point -= weight
        }
        return choices.last?.0
    }
}
