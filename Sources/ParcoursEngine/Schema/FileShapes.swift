/// The keys an object of a rule-set file may hold: the loaders check them and the JSON Schemas
/// list them, from this one declaration.
package struct KeyShape: Sendable, Equatable {
    package let required: [String]
    package let optional: [String]

    package init(required: [String], optional: [String] = []) {
        self.required = required
        self.optional = optional
    }

    /// Every key, required first.
    package var all: [String] { required + optional }

    /// The same shape with more optional keys.
    package func adding(_ keys: [String]) -> KeyShape { KeyShape(required: required, optional: optional + keys) }
}

/// Every object shape of the files people write (rules, vocabulary, catalogue, schemes, cases).
package enum FileShapes {
    static let validity = ["valid_from", "valid_until"]

    // Rule files (`Rules/*.yaml`) and a scheme's `rules:`.
    package static let ruleFile = KeyShape(required: [], optional: ["facts", "rules", "source"])
    package static let fact = KeyShape(required: ["label", "when", "source"])
    package static let rule = KeyShape(required: ["id", "title", "source"],
                                      optional: ["priority", "when", "route", "referent", "referent_role", "why", "suggest", "notes"] + validity)
    package static let suggestion = KeyShape(required: ["stage", "why"], optional: EntryKind.allCases.map(\.rawValue) + ["discreet"])
    package static let datedCondition = KeyShape(required: ["when"], optional: validity)

    // The vocabulary (`Rules/profile.yaml`).
    package static let vocabulary = KeyShape(required: ["fields"], optional: ["source"])
    package static let field = KeyShape(required: ["type", "label", "question"],
                                       optional: ["min", "max", "values", "values_from", "taxonomy", "default", "source", "group", "ask_when", "screens"])
    package static let linkCodes = ["data_inclusion", "france_travail", "carnet_de_bord"]

    // The catalogue (`Rules/catalogue.yaml`).
    package static let catalogueSections = ["routes", "stages", "partners", "immersions", "actions"]
    package static let catalogue = KeyShape(required: catalogueSections, optional: ["source"])
    package static let stageLabel = KeyShape(required: ["label", "description"], optional: ["source", "for_person"])
    package static let routeLabel = stageLabel.adding(["follow_up"])
    package static let entry = KeyShape(required: ["name", "description", "thematiques", "reseaux_porteurs"],
                                        optional: ["requires", "source", "severity", "discreet", "discreet_when", "after_plan", "reengagement", "for_person"]
                                            + validity + ["former_names"])
    package static let formerName = KeyShape(required: ["name", "valid_until"])
    /// What the person reads (`for_person:`): a plainer name and a sentence addressed to them.
    package static let personText = KeyShape(required: [], optional: ["label", "text"])

    // The glossary (`Rules/glossaire.yaml`): acronym → meaning in plain French.
    package static let glossaryFile = KeyShape(required: ["acronyms"], optional: [])

    // A scheme (`Scenarios/<id>/scheme.yaml`).
    package static let scheme = KeyShape(required: ["id", "name", "summary", "source", "eligibility", "stages", "partners"],
                                        optional: ["duration", "priority_criteria", "cautions", "in_force", "rules", "verify_locally"])
    package static let inForce = KeyShape(required: ["reason", "source"], optional: validity)
    package static let criterion = KeyShape(required: ["id", "label", "when", "reason", "source"], optional: validity + ["sensitive"])
    package static let schemeStage = KeyShape(required: ["id", "label", "milestones"], optional: ["duration", "when"])
    package static let schemePartner = KeyShape(required: ["partner", "role"])

    // A replayable case (`cases/*.yaml`).
    package static let caseFile = KeyShape(required: ["name", "profile"], optional: ["description", "date", "expect", "steps"])
    package static let caseStep = KeyShape(required: ["name"], optional: ["set", "unset", "expect"])
    package static let expectations = KeyShape(required: [], optional: ["route", "route_scheme", "referent", "referents", "scheme", "schemes", "steps", "next_actions", "questions",
                                                                                   "first_questions", "fiche", "why"])
    package static let schemeExpectation = KeyShape(required: [], optional: ["status", "advice", "stage", "criteria"])
    package static let nextActionsExpectation = KeyShape(required: [], optional: ["include", "exclude", "order"])
    package static let ficheExpectation = KeyShape(required: [], optional: ["include", "exclude"])
    package static let inclusion = KeyShape(required: [], optional: ["include", "exclude", "exactly"])
    package static let why = KeyShape(required: [], optional: ["fired", "not_fired"])

    // The register of sources (`Rules/sources.yaml`).
    package static let sourcesFile = KeyShape(required: ["sources"], optional: [])
    package static let registeredSource = KeyShape(required: ["title", "year", "issuer", "kind"], optional: ["file", "reference"])

    // An import mapping (`Rules/imports/<format>.yaml`).
    package static let importSections = ["themes", "situations", "objectives"]
    package static let importMapping = KeyShape(required: ["format", "label", "source"], optional: importSections)
    package static let importEntry = KeyShape(required: ["code", "set", "source"], optional: ["theme"])
}
