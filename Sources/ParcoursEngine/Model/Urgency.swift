/// How urgent a catalogue entry is: the one scale of urgency, most urgent first. Next actions
/// are ordered by it (`NextActions`), the questions that screen for an emergency are asked
/// first by it (`QuestionOrder`), and the JSON `urgent` flag is derived from it.
///
/// 004, partie 2 : la levée préalable des freins se fait « en fonction des urgences des
/// bénéficiaires » ; the order between urgencies is the counsellor's: a person's safety first,
/// then a roof tonight, then something to live on, then rights, health, and what lets the
/// person come to the appointments (childcare).
public enum Urgency: String, Sendable, CaseIterable, Comparable {
    /// Immediate danger (violence): safety before anything else.
    case safety
    /// No roof tonight, or about to lose it.
    case shelter
    /// Nothing to live on: emergency aid, income.
    case resources
    /// Rights to open or restore (benefits, domiciliation).
    case rights
    /// Access to care.
    case health
    /// Childcare so that the person can come to appointments.
    case childcare

    /// Rank on the scale, 0 the most urgent.
    public var rank: Int { Self.allCases.firstIndex(of: self) ?? Self.allCases.count }

    /// A crisis that puts every contract, immersion and job step out of the next actions.
    public var isCrisis: Bool { self == .safety || self == .shelter }

    /// The French word for the counsellor.
    public var label: String {
        switch self {
        case .safety: return "sécurité"
        case .shelter: return "hébergement"
        case .resources: return "ressources"
        case .rights: return "droits"
        case .health: return "santé"
        case .childcare: return "garde pendant les rendez-vous"
        }
    }

    /// More urgent first.
    public static func < (lhs: Urgency, rhs: Urgency) -> Bool { lhs.rank < rhs.rank }
}
