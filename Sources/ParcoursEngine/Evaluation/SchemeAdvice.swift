/// The verdict on a scheme for this person, beside its eligibility (`SchemeStatus`): eligible
/// is not advised. Text, JSON and page follow it.
public enum SchemeAdvice: String, Sendable, CaseIterable {
    /// Eligible, no caution holds: to propose.
    case proposed
    /// No criterion fails and at most one is unknown (and not a `sensitive` one), or a second
    /// new scheme after a rupture: worth discussing.
    case toDiscuss = "to_discuss"
    /// Eligible, but a caution holds (health or mobility for farm work, young children for a
    /// residential scheme): not to propose as it stands.
    case notAdvised = "not_advised"
    /// A criterion fails.
    case notEligible = "not_eligible"
    /// Two criteria or more are unknown: nothing to say to the person yet (shown with `--detail`).
    case toCheck = "to_check"

    /// The one definition of the verdicts, scheme by scheme in folder order.
    ///
    /// 003: a refused door is « une accumulation d'expériences négatives », so only a scheme
    /// with no failing criterion and at most one unknown is discussed; after a rupture
    /// (`rupture`) at most one new scheme is proposed, to avoid people being « ballotées de
    /// dispositifs en dispositifs ».
    public static func advise(_ schemes: [SchemeResult], rupture: Bool) -> [SchemeResult] {
        var proposedNew = 0
        return schemes.map { scheme in
            var result = scheme
            result.advice = verdict(scheme)
            if result.advice == .proposed && !scheme.enrolled && !scheme.chosen {
                proposedNew += 1
                if rupture && proposedNew > 1 { result.advice = .toDiscuss }
            }
            return result
        }
    }

    static func verdict(_ scheme: SchemeResult) -> SchemeAdvice {
        switch scheme.status {
        case .notEligible: return .notEligible
        case .eligible: return scheme.cautions.isEmpty ? .proposed : .notAdvised
        case .undetermined:
            let unknown = scheme.criteria.filter { $0.status == .undetermined }
            // A personal matter (a disability) is not raised because of a scheme: to check only.
            if unknown.contains(where: \.sensitive) { return .toCheck }
            return unknown.count <= 1 ? .toDiscuss : .toCheck
        }
    }

    /// The French words for the counsellor.
    public var label: String {
        switch self {
        case .proposed: return "à proposer"
        case .toDiscuss: return "à discuter"
        case .notAdvised: return "déconseillé en l'état"
        case .notEligible: return "non éligible"
        case .toCheck: return "à vérifier"
        }
    }
}
