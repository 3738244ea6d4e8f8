/// The field's own code lists (data·inclusion, France Travail, Carnet de bord) that the
/// vocabulary and catalogue must use, read from the rule set's `reference/` folder.
public struct Taxonomy: Sendable {
    public var categories: [String] = []
    public var thematiques: [String] = []
    public var reseauxPorteurs: [String] = []
    public var contraintes: [String] = []
    public var carnetThemes: [String] = []

    public init() {}
}
