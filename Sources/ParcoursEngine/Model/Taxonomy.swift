/// The field's own code lists (data·inclusion, France Travail, Carnet de bord) that the
/// vocabulary and catalogue must use, read from the rule set's `reference/` folder.
public struct Taxonomy: Sendable {
    public var categories: [String] = []
    public var thematiques: [String] = []
    public var reseauxPorteurs: [String] = []
    public var contraintes: [String] = []
    public var carnetThemes: [String] = []
    /// France Travail: each contrainte's situations and objectives (codes and labels).
    public var contrainteItems: [String: (situations: [Coded], objectives: [Coded])] = [:]
    /// Labels of France Travail contraintes and Carnet de bord themes, by code.
    public var themeLabels: [String: String] = [:]
    /// Carnet de bord: each theme's situations (the referential has labels, no codes).
    public var carnetSituations: [String: [String]] = [:]

    /// A code and its label in a reference list.
    public struct Coded: Sendable, Equatable {
        public let code: String
        public let label: String
    }

    public init() {}
}
