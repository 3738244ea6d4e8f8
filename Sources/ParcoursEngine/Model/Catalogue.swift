/// Partners, immersions and actions that rules may suggest, plus the labels of routes and stages.
public struct Catalogue: Sendable {
    public let routes: [RouteInfo]
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

    public func entry(_ id: String) -> CatalogueEntry? {
        entryIndex[id].map { entries[$0] }
    }

    public func info(for route: Route) -> RouteInfo? { routes.first { $0.route == route } }
    public func info(for stage: Stage) -> StageInfo? { stages.first { $0.stage == stage } }
}

/// What a catalogue entry is.
public enum EntryKind: String, Sendable, CaseIterable {
    case partner, immersion, action

    /// "a partner", "an immersion", "an action".
    public var withArticle: String { self == .partner ? "a partner" : "an \(rawValue)" }

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

    public init(id: String, name: String, kind: EntryKind, description: String, thematiques: [String],
                reseauxPorteurs: [String], requires: Condition, source: String?, location: SourceLocation) {
        self.id = id
        self.name = name
        self.kind = kind
        self.description = description
        self.thematiques = thematiques
        self.reseauxPorteurs = reseauxPorteurs
        self.requires = requires
        self.source = source
        self.location = location
    }
}

/// The French label and description of a route.
public struct RouteInfo: Sendable {
    public let route: Route
    public let label: String
    public let description: String
}

/// The French label and description of a pathway stage.
public struct StageInfo: Sendable {
    public let stage: Stage
    public let label: String
    public let description: String
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
