/// A finite set of integers stored as sorted, disjoint, non-adjacent closed ranges.
///
/// Every field value is encoded as an integer (booleans 0/1, enumerations by position), so a
/// comparison is "the value lies in this set" and its negation is the complement in the domain.
public struct ValueSet: Sendable, Hashable, CustomStringConvertible {
    public private(set) var ranges: [ClosedRange<Int>]

    public init(_ ranges: [ClosedRange<Int>] = []) {
        self.ranges = ValueSet.normalised(ranges)
    }

    public init(_ value: Int) { self.init([value...value]) }

    public static let empty = ValueSet()

    public var isEmpty: Bool { ranges.isEmpty }

    /// The smallest member, if any.
    public var first: Int? { ranges.first?.lowerBound }

    public func contains(_ value: Int) -> Bool {
        var low = 0, high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if value < ranges[mid].lowerBound { high = mid - 1 }
            else if value > ranges[mid].upperBound { low = mid + 1 }
            else { return true }
        }
        return false
    }

    public func union(_ other: ValueSet) -> ValueSet { ValueSet(ranges + other.ranges) }

    public func intersection(_ other: ValueSet) -> ValueSet {
        var result: [ClosedRange<Int>] = []
        var i = 0, j = 0
        while i < ranges.count, j < other.ranges.count {
            let low = Swift.max(ranges[i].lowerBound, other.ranges[j].lowerBound)
            let high = Swift.min(ranges[i].upperBound, other.ranges[j].upperBound)
            if low <= high { result.append(low...high) }
            if ranges[i].upperBound < other.ranges[j].upperBound { i += 1 } else { j += 1 }
        }
        return ValueSet(result)
    }

    /// Whether the two sets share a member (no allocation).
    public func overlaps(_ other: ValueSet) -> Bool {
        var i = 0, j = 0
        while i < ranges.count, j < other.ranges.count {
            if Swift.max(ranges[i].lowerBound, other.ranges[j].lowerBound) <= Swift.min(ranges[i].upperBound, other.ranges[j].upperBound) { return true }
            if ranges[i].upperBound < other.ranges[j].upperBound { i += 1 } else { j += 1 }
        }
        return false
    }

    /// Whether every member of this set is in `other` (no allocation).
    public func isSubset(of other: ValueSet) -> Bool {
        var j = 0
        for range in ranges {
            while j < other.ranges.count, other.ranges[j].upperBound < range.lowerBound { j += 1 }
            guard j < other.ranges.count, other.ranges[j].lowerBound <= range.lowerBound, other.ranges[j].upperBound >= range.upperBound else { return false }
        }
        return true
    }

    /// The members of `domain` not in this set.
    public func complement(in domain: ClosedRange<Int>) -> ValueSet {
        var result: [ClosedRange<Int>] = []
        var next = domain.lowerBound
        for range in ranges {
            if range.lowerBound > next { result.append(next...Swift.min(range.lowerBound - 1, domain.upperBound)) }
            next = Swift.max(next, range.upperBound + 1)
            if next > domain.upperBound { break }
        }
        if next <= domain.upperBound { result.append(next...domain.upperBound) }
        return ValueSet(result).intersection(ValueSet([domain]))
    }

    public var description: String {
        ranges.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)..\($0.upperBound)" }
            .joined(separator: ",")
    }

    private static func normalised(_ ranges: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<Int>] = []
        for range in sorted {
            if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...Swift.max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}
