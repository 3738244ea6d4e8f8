/// The diagnosis formats Parcours imports (`parcours import --from`, `recommend --from`,
/// `POST /api/v1/recommend/{format}`).
public enum DiagnosisFormat: String, Sendable, CaseIterable, Codable {
    /// France Travail's coded « contraintes personnelles » (the « dossier individu » API).
    case franceTravail = "france-travail"
    /// The Carnet de bord notebook's situations (theme and description of its referential).
    case carnetDeBord = "carnet-de-bord"

    /// The mapping file's name in the rule set's `imports/` folder.
    public var fileName: String { rawValue + ".yaml" }

    /// The platform's name, for people.
    public var label: Phrase {
        switch self {
        case .franceTravail: return Phrase("France Travail", en: "France Travail")
        case .carnetDeBord: return Phrase("Carnet de bord", en: "Carnet de bord")
        }
    }
}

/// What a diagnosis item is: a theme (a France Travail contrainte, a Carnet de bord theme), a
/// situation, or an objective being worked on.
public enum DiagnosisItemKind: String, Sendable, CaseIterable, Codable {
    case theme, situation, objective

    /// The word for people.
    public var phrase: Phrase {
        switch self {
        case .theme: return Phrase("thème", en: "theme")
        case .situation: return Phrase("situation", en: "situation")
        case .objective: return Phrase("objectif", en: "objective")
        }
    }
}

/// A rule set's declarative correspondence from one platform's diagnosis codes to profile
/// values (`Rules/imports/<format>.yaml`), written by policy staff, each line with its source.
public struct ImportMapping: Sendable {
    /// One line: a code of the platform and the profile values it stands for.
    public struct Entry: Sendable {
        public let kind: DiagnosisItemKind
        /// The platform's code (a Carnet de bord situation's code is its description).
        public let code: String
        /// The theme the code belongs to (required for Carnet de bord situations).
        public let theme: String?
        /// The code's label in the reference list (a Carnet de bord situation: its code).
        public let label: String?
        /// Field index and value: a set field's members are added, a scalar is given.
        public let values: [(field: Int, value: FieldValue)]
        public let source: String
        public let location: SourceLocation
    }

    public let format: DiagnosisFormat
    public let label: String
    public let source: String
    public let entries: [Entry]
    public let file: String

    /// The entry for a code, if the mapping has one (the first, in file order).
    public func entry(_ kind: DiagnosisItemKind, code: String, theme: String?) -> Entry? {
        entries.first { $0.kind == kind && $0.code == code && ($0.theme == nil || theme == nil || $0.theme == theme) }
    }
}
