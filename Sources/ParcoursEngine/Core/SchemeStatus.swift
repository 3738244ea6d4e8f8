/// Whether a person is eligible for a scheme.
public enum SchemeStatus: String, Sendable, CaseIterable {
    case eligible
    case notEligible = "not_eligible"
    case undetermined
}
