/// One rule of the rule set: when its condition holds for a profile, its outcomes apply.
public struct Rule: Sendable {
    public let id: String
    public let title: String
    public let source: String
    /// Decides between rules giving a route or a referent; also orders suggestions.
    public let priority: Int
    public let condition: Condition
    public let route: Route?
    public let referent: String?
    /// Which référent `referent` is (`referent_role`, insertion unless said).
    public let referentRole: ReferentRole
    /// Why the route or referent fits, for the counsellor (French).
    public let why: String?
    public let suggestions: [Suggestion]
    public let location: SourceLocation
    /// The scheme this rule belongs to (its id is then `<scheme>.<id>` and its condition
    /// includes "eligible for, or enrolled in, the scheme"), nil for the rules of `Rules/`.
    public let scheme: String?
    /// When the rule is in force; the same id may have several versions with disjoint periods.
    public let validity: Validity

    public init(id: String, title: String, source: String, priority: Int, condition: Condition, route: Route?,
                referent: String?, referentRole: ReferentRole = .insertion, why: String?, suggestions: [Suggestion], location: SourceLocation,
                scheme: String? = nil, validity: Validity = .always) {
        self.id = id
        self.title = title
        self.source = source
        self.priority = priority
        self.condition = condition
        self.route = route
        self.referent = referent
        self.referentRole = referentRole
        self.why = why
        self.suggestions = suggestions
        self.location = location
        self.scheme = scheme
        self.validity = validity
    }

    /// The same rule with another condition (e.g. once resolved for a date).
    func with(condition: Condition) -> Rule {
        Rule(id: id, title: title, source: source, priority: priority, condition: condition, route: route, referent: referent,
             referentRole: referentRole, why: why, suggestions: suggestions, location: location, scheme: scheme, validity: validity)
    }

    /// The same rule with more suggestions (a route's follow-up steps).
    func adding(_ more: [Suggestion]) -> Rule {
        Rule(id: id, title: title, source: source, priority: priority, condition: condition, route: route, referent: referent,
             referentRole: referentRole, why: why, suggestions: suggestions + more, location: location, scheme: scheme, validity: validity)
    }

    /// The same rule inside scheme `scheme`: namespaced id, condition restricted to `scope`.
    func scoped(to scheme: String, scope: Condition) -> Rule {
        Rule(id: scheme + "." + id, title: title, source: source, priority: priority, condition: .all([scope, condition]),
             route: route, referent: referent, referentRole: referentRole, why: why, suggestions: suggestions, location: location, scheme: scheme, validity: validity)
    }
}

/// A partner, immersion or action a rule suggests, at a stage of the pathway, with the reason.
public struct Suggestion: Sendable {
    public let entry: String
    public let kind: EntryKind
    public let stage: Stage
    public let why: String
    public let location: SourceLocation
    /// A route's `follow_up` step: suggested only when this rule's route is the one chosen.
    public var followsRoute = false
    /// The reason is kept off the paper handed to the person (`discreet: true`): it says what
    /// must not be found at home (violence). The entry itself is shown unless it is discreet.
    public var discreetReason = false

    public init(entry: String, kind: EntryKind, stage: Stage, why: String, location: SourceLocation) {
        self.entry = entry
        self.kind = kind
        self.stage = stage
        self.why = why
        self.location = location
    }
}

/// A named derived fact (`jeune: age < 26`), defined once and reused by rules.
public struct Fact: Sendable {
    public let name: String
    public let label: String
    public let condition: Condition
    public let source: String?
    public let location: SourceLocation

    public init(name: String, label: String, condition: Condition, source: String?, location: SourceLocation) {
        self.name = name
        self.label = label
        self.condition = condition
        self.source = source
        self.location = location
    }
}
