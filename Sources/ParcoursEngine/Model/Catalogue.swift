/// Partners, immersions and actions that rules may suggest, plus the labels of routes and stages.
public struct Catalogue: Sendable {
    public private(set) var routes: [RouteInfo]
    public let stages: [StageInfo]
    public let entries: [CatalogueEntry]
    private let entryIndex: [String: Int]

    public init(routes: [RouteInfo], stages: [StageInfo], entries: [CatalogueEntry]) {
        self.routes = routes
        self.stages = stages
        self.entries = entries
        var index: [String: Int] = [:]
        for (position, entry) in entries.enumerated() where index[entry.id] == nil { index[entry.id] = position }
        self.entryIndex = index
    }

    /// The entries of the full catalogue that are not in force on the day this one was resolved
    /// for (`DateResolution`): a case file may name them, to be replayed on another day.
    public internal(set) var outOfForce: [CatalogueEntry] = []

    public func entry(_ id: String) -> CatalogueEntry? {
        entryIndex[id].map { entries[$0] }
    }

    /// The entry in force, or else the one of another day (a case dated another day names it).
    public func entryOnAnyDay(_ id: String) -> CatalogueEntry? {
        entry(id) ?? outOfForce.first { $0.id == id }
    }

    public func info(for route: Route) -> RouteInfo? { routes.first { $0.route == route } }

    /// Sets the follow-up steps of the route at `index` (read after the entries they name).
    mutating func setFollowUp(_ steps: [Suggestion], at index: Int) { routes[index].followUp = steps }
    public func info(for stage: Stage) -> StageInfo? { stages.first { $0.stage == stage } }
}

/// What a catalogue entry is.
public enum EntryKind: String, Sendable, CaseIterable {
    case partner, immersion, action

    /// "a partner", "an immersion", "an action".
    public var withArticle: Phrase {
        switch self {
        case .partner: return Phrase("un partenaire", en: "a partner")
        case .immersion: return Phrase("une immersion", en: "an immersion")
        case .action: return Phrase("une action", en: "an action")
        }
    }

    public var frenchLabel: String {
        switch self {
        case .partner: return "partenaire"
        case .immersion: return "immersion"
        case .action: return "action"
        }
    }
}

/// One partner, immersion or action, aligned with data·inclusion codes.
public struct CatalogueEntry: Sendable {
    public let id: String
    public let name: String
    public let kind: EntryKind
    public let description: String
    public let thematiques: [String]
    public let reseauxPorteurs: [String]
    /// Conditions the person must meet for this entry to be suggested (e.g. PMSMP from 16).
    public let requires: Condition
    public let source: String?
    public let location: SourceLocation
    /// How urgent the entry is (`severity:`), nil when it is not an emergency: next actions
    /// are ordered by it (004, partie 2 : « en fonction des urgences des bénéficiaires »).
    public let severity: Urgency?
    /// Kept off the paper handed to the person (`discreet: true`): a sheet found at home must
    /// not reveal violence, a helpline or a victims' association. Given orally unless the
    /// counsellor prints it on purpose (`--include-discreet`).
    public let discreet: Bool
    /// Kept off the paper for this person only (`discreet_when:`): when the condition holds
    /// for the profile (not when it is unknown). An emergency shelter is help worth printing,
    /// except for a person facing violence at home, for whom it reveals a plan to leave.
    public let discreetWhen: Condition?
    /// Opens a re-engagement after a pathway left before its end (`reengagement: true`, 003):
    /// while it is among the steps, at most one new partner or immersion joins the next actions.
    public let reengagement: Bool
    /// Formalises a plan once explained and understood (`after_plan: true`, the contract of
    /// 002, 2.1): never the first next action, and none in a crisis.
    public let afterPlan: Bool
    /// What the person reads about the entry on their sheet (`for_person:`), nil when unwritten.
    public let forPerson: PersonText?
    /// When the entry exists (`valid_from`, `valid_until`): a programme created by a law is not
    /// suggested before it (the contrat d'engagement jeune before March 2022).
    public let validity: Validity
    /// The names the entry had before (`former_names`), oldest first: on a date before a
    /// renaming, the entry is shown under the name of that day. The id never changes.
    public let formerNames: [FormerName]

    /// Deals with an urgency: the JSON contract's `urgent`, derived from `severity`.
    public var urgent: Bool { severity != nil }

    public init(id: String, name: String, kind: EntryKind, description: String, thematiques: [String],
                reseauxPorteurs: [String], requires: Condition, source: String?, location: SourceLocation, severity: Urgency? = nil,
                discreet: Bool = false, discreetWhen: Condition? = nil, afterPlan: Bool = false, reengagement: Bool = false, forPerson: PersonText? = nil,
                validity: Validity = .always, formerNames: [FormerName] = []) {
        self.id = id
        self.name = name
        self.kind = kind
        self.description = description
        self.thematiques = thematiques
        self.reseauxPorteurs = reseauxPorteurs
        self.requires = requires
        self.source = source
        self.location = location
        self.severity = severity
        self.discreet = discreet
        self.discreetWhen = discreetWhen
        self.afterPlan = afterPlan
        self.reengagement = reengagement
        self.forPerson = forPerson
        self.validity = validity
        self.formerNames = formerNames
    }

    /// The entry's name on the person's sheet: the person's label, else the entry's name.
    public var personLabel: String { forPerson?.label ?? name }

    /// The name in use on `date`: the first former name still in use that day, else `name`.
    public func name(on date: String) -> String {
        formerNames.first { date <= $0.until }?.name ?? name
    }

    /// The entry as it is on `date`: its requirement resolved, under the name of that day.
    func resolved(on date: String) -> CatalogueEntry {
        CatalogueEntry(id: id, name: name(on: date), kind: kind, description: description, thematiques: thematiques, reseauxPorteurs: reseauxPorteurs,
                       requires: requires.resolved(on: date), source: source, location: location, severity: severity, discreet: discreet,
                       discreetWhen: discreetWhen?.resolved(on: date), afterPlan: afterPlan, reengagement: reengagement, forPerson: forPerson, validity: validity, formerNames: formerNames)
    }
}

/// A name a catalogue entry had until a date (`former_names: [{name, valid_until}]`), e.g. the
/// « contrat d'engagement réciproque » of the RSA, named « contrat d'engagement » since 2025.
public struct FormerName: Sendable, Hashable {
    public let name: String
    /// The last day the name was in use (inclusive, `YYYY-MM-DD`).
    public let until: String

    public init(name: String, until: String) {
        self.name = name
        self.until = until
    }
}

/// The French label and description of a route.
public struct RouteInfo: Sendable {
    public let route: Route
    public let label: String
    public let description: String
    /// Steps that come with the route whenever it is the one chosen (`follow_up`), e.g. the
    /// in-job follow-up of the routes that lead into a job (003).
    public var followUp: [Suggestion] = []
    /// What the person reads about the route (`for_person:`), nil when unwritten.
    public var forPerson: PersonText? = nil
    /// Where the route is written in the catalogue.
    public var location: SourceLocation? = nil
}

/// The French label and description of a pathway stage.
public struct StageInfo: Sendable {
    public let stage: Stage
    public let label: String
    public let description: String
    /// The stage's heading on the person's sheet (`for_person: {label: …}`), nil when unwritten.
    public var forPerson: PersonText? = nil
    /// Where the stage is written in the catalogue.
    public var location: SourceLocation? = nil
}

/// The routes a person can be oriented to. One per profile.
public enum Route: String, Sendable, CaseIterable, Hashable {
    case workFirst = "work_first"
    case immersion
    case liftBarriersFirst = "lift_barriers_first"
    case training
    case selfDirected = "self_directed"
    case businessCreation = "business_creation"
    case scheme
    /// The person already works (full or part time): keep and grow the job (003).
    case inWork = "in_work"
}

/// Which référent a rule names: a person may have several, one per role (002, annexe 7: « deux
/// référents principaux, justice et insertion »). Each role is decided on its own (`first`).
public enum ReferentRole: String, Sendable, CaseIterable, Hashable {
    /// The référent of the pathway to work (the « référent unique » of 004).
    case insertion
    /// The référent of a justice measure (SPIP), alongside the insertion référent.
    case justice

    /// The role as the counsellor reads it.
    public var label: String {
        switch self {
        case .insertion: return "Référent insertion"
        case .justice: return "Référent justice"
        }
    }
}

/// The stages of a pathway, in order (002 part I and II; 003 for support into the job).
public enum Stage: String, Sendable, CaseIterable, Hashable, Comparable {
    case engagement, barriers, skills, transition
    case inJob = "in_job"

    /// Position in the pathway, from 0.
    public var order: Int {
        switch self {
        case .engagement: return 0
        case .barriers: return 1
        case .skills: return 2
        case .transition: return 3
        case .inJob: return 4
        }
    }

    public static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.order < rhs.order }
}
