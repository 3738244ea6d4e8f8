/// A scheme (SMA, R2S, ADEMA, CLCA...) declared by a plugin folder `Scenarios/<id>/scheme.yaml`:
/// its eligibility criteria, stages with milestones, partners, and rules of its own.
public struct Scheme: Sendable {
    public let id: String
    public let name: String
    public let summary: String
    public let source: String
    /// Typical duration, as the source gives it ("3 à 7 mois").
    public let duration: String?
    /// All must hold for the person to be eligible.
    public let criteria: [Criterion]
    /// Who gets in first among eligible people; they do not decide eligibility.
    public let priorityCriteria: [Criterion]
    /// Conditions under which the scheme, though the person may be eligible, needs discussing
    /// first (a residential scheme and young children, farm work and health...): shown, never
    /// deciding eligibility.
    public let cautions: [Criterion]
    public let stages: [SchemeStage]
    public let partners: [SchemePartner]
    public let location: SourceLocation
    /// The folder the scheme was read from (its cases are under `cases/`).
    public let directory: String
    /// Why the scheme must be checked locally before it is proposed (`verify_locally:`): a
    /// scheme described in a dated source that may no longer run, or not near the person.
    public var verifyLocally: String? = nil

    public init(id: String, name: String, summary: String, source: String, duration: String?, criteria: [Criterion],
                priorityCriteria: [Criterion], cautions: [Criterion] = [], stages: [SchemeStage], partners: [SchemePartner], location: SourceLocation,
                directory: String) {
        self.id = id
        self.name = name
        self.summary = summary
        self.source = source
        self.duration = duration
        self.criteria = criteria
        self.priorityCriteria = priorityCriteria
        self.cautions = cautions
        self.stages = stages
        self.partners = partners
        self.location = location
        self.directory = directory
    }

    /// The condition "eligible": every criterion in force holds.
    public var eligibility: Condition {
        .all(criteria.map { $0.validity.isAlways ? $0.condition : .dated($0.condition, $0.validity) })
    }
}

/// A named eligibility criterion with the French reason shown to the counsellor.
public struct Criterion: Sendable {
    public let id: String
    public let label: String
    public let reason: String
    public let condition: Condition
    public let source: String?
    public let location: SourceLocation
    public var validity: Validity = .always
    /// A personal matter to ask only when the person brings it up (`sensitive: true`: a
    /// disability, a health condition): while it is unknown, the scheme is not put forward for
    /// discussion (advice `to_check`), so that no one is asked about it because of a scheme.
    public var sensitive: Bool = false
}

/// One stage of a scheme, in order, with its milestones and, when given, the condition
/// that tells a person is at this stage.
public struct SchemeStage: Sendable {
    public let id: String
    public let label: String
    public let duration: String?
    public let milestones: [String]
    public let when: Condition?
    public let location: SourceLocation
}

/// A partner of a scheme and its role there.
public struct SchemePartner: Sendable {
    public let partner: String
    public let role: String
    public let location: SourceLocation
}
