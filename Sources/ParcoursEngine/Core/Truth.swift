/// Three-valued truth: a condition on a field the profile does not give is unknown.
public enum Truth: String, Sendable, Hashable {
    case yes, no, unknown

    var negated: Truth {
        switch self {
        case .yes: return .no
        case .no: return .yes
        case .unknown: return .unknown
        }
    }
}

/// The truth of a condition for a profile, and the unknown fields that keep it undecided.
package struct ConditionOutcome: Sendable, Equatable {
    package let truth: Truth
    /// Field indexes whose answers would decide the condition; empty unless `truth` is unknown.
    package let missing: [Int]
}
