import YAML

/// Reads the reference code lists copied from the field's platforms.
enum TaxonomyLoader {
    static let dataInclusionFile = "data_inclusion.yaml"
    static let franceTravailFile = "france_travail_contraintes_fixture.yaml"
    static let carnetDeBordFile = "carnet_de_bord.yaml"

    /// Fills `taxonomy` from one reference file, by its file name.
    static func read(_ root: Node, fileName: String, into taxonomy: inout Taxonomy) {
        switch fileName {
        case dataInclusionFile:
            taxonomy.categories = values(root["categories"], key: "value")
            taxonomy.thematiques = values(root["thematiques"], key: "value")
            taxonomy.reseauxPorteurs = values(root["reseaux_porteurs"], key: "value")
        case franceTravailFile:
            taxonomy.contraintes = values(root["contraintes"], key: "code")
        case carnetDeBordFile:
            taxonomy.carnetThemes = root["ref_theme"]?.mapping?.compactMap { $0.key.scalar?.text } ?? []
        default:
            break
        }
    }

    private static func values(_ node: Node?, key: String) -> [String] {
        node?.sequence?.compactMap { $0[key]?.scalar?.text } ?? []
    }
}
