/// The keys an object of a rule-set file may hold: the loaders check them and the JSON Schemas
/// list them, from this one declaration.
public struct KeyShape: Sendable, Equatable {
    public let required: [String]
    public let optional: [String]

    public init(required: [String], optional: [String] = []) {
        self.required = required
        self.optional = optional
    }

    /// Every key, required first.
    public var all: [String] { required + optional }

    /// The same shape with more optional keys.
    public func adding(_ keys: [String]) -> KeyShape { KeyShape(required: required, optional: optional + keys) }
}

/// Every object shape of the files people write (rules, vocabulary, catalogue, schemes, cases).
public enum FileShapes {
    static let validity = ["valid_from", "valid_until"]

    // Rule files (`Rules/*.yaml`) and a scheme's `rules:`.
    public static let ruleFile = KeyShape(required: [], optional: ["facts", "rules", "source"])
    public static let fact = KeyShape(required: ["label", "when", "source"])
    public static let rule = KeyShape(required: ["id", "title", "source"],
                                      optional: ["priority", "when", "route", "referent", "referent_role", "why", "suggest", "notes"] + validity)
    public static let suggestion = KeyShape(required: ["stage", "why"], optional: EntryKind.allCases.map(\.rawValue))
    public static let datedCondition = KeyShape(required: ["when"], optional: validity)

    // The vocabulary (`Rules/profile.yaml`).
    public static let vocabulary = KeyShape(required: ["fields"], optional: ["source"])
    public static let field = KeyShape(required: ["type", "label", "question"],
                                       optional: ["min", "max", "values", "values_from", "taxonomy", "default", "source", "group", "ask_when"])
    public static let linkCodes = ["data_inclusion", "france_travail", "carnet_de_bord"]

    // The catalogue (`Rules/catalogue.yaml`).
    public static let catalogueSections = ["routes", "stages", "partners", "immersions", "actions"]
    public static let catalogue = KeyShape(required: catalogueSections, optional: ["source"])
    public static let stageLabel = KeyShape(required: ["label", "description"], optional: ["source"])
    public static let routeLabel = stageLabel.adding(["follow_up"])
    public static let entry = KeyShape(required: ["name", "description", "thematiques", "reseaux_porteurs"], optional: ["requires", "source", "urgent"])

    // A scheme (`Scenarios/<id>/scheme.yaml`).
    public static let scheme = KeyShape(required: ["id", "name", "summary", "source", "eligibility", "stages", "partners"],
                                        optional: ["duration", "priority_criteria", "cautions", "in_force", "rules"])
    public static let inForce = KeyShape(required: ["reason", "source"], optional: validity)
    public static let criterion = KeyShape(required: ["id", "label", "when", "reason", "source"], optional: validity)
    public static let schemeStage = KeyShape(required: ["id", "label", "milestones"], optional: ["duration", "when"])
    public static let schemePartner = KeyShape(required: ["partner", "role"])

    // A replayable case (`cases/*.yaml`).
    public static let caseFile = KeyShape(required: ["name", "profile"], optional: ["description", "date", "expect", "steps"])
    public static let caseStep = KeyShape(required: ["name"], optional: ["set", "unset", "expect"])
    public static let expectations = KeyShape(required: [], optional: ["route", "route_scheme", "referent", "referents", "scheme", "schemes", "steps", "questions", "why"])
    public static let schemeExpectation = KeyShape(required: [], optional: ["status", "stage", "criteria"])
    public static let inclusion = KeyShape(required: [], optional: ["include", "exclude", "exactly"])
    public static let why = KeyShape(required: [], optional: ["fired", "not_fired"])

    // An import mapping (`Rules/imports/<format>.yaml`).
    public static let importSections = ["themes", "situations", "objectives"]
    public static let importMapping = KeyShape(required: ["format", "label", "source"], optional: importSections)
    public static let importEntry = KeyShape(required: ["code", "set", "source"], optional: ["theme"])
}
