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
            for contrainte in root["contraintes"]?.sequence ?? [] {
                guard let code = contrainte["code"]?.scalar?.text else { continue }
                taxonomy.contrainteItems[code] = (coded(contrainte["situations"]), coded(contrainte["objectifs"]))
                taxonomy.themeLabels["france-travail/" + code] = contrainte["libelle"]?.scalar?.text
            }
        case carnetDeBordFile:
            taxonomy.carnetThemes = root["ref_theme"]?.mapping?.compactMap { $0.key.scalar?.text } ?? []
            for pair in root["ref_theme"]?.mapping ?? [] {
                guard let key = pair.key.scalar?.text else { continue }
                taxonomy.themeLabels["carnet-de-bord/" + key] = pair.value.scalar?.text
            }
            for pair in root["ref_situation"]?.mapping ?? [] {
                guard let theme = pair.key.scalar?.text else { continue }
                taxonomy.carnetSituations[theme] = pair.value.sequence?.compactMap { $0.scalar?.text } ?? []
            }
        default:
            break
        }
    }

    private static func coded(_ node: Node?) -> [Taxonomy.Coded] {
        node?.sequence?.compactMap { item in
            guard let code = item["code"]?.scalar?.text else { return nil }
            return Taxonomy.Coded(code: code, label: item["libelle"]?.scalar?.text ?? "")
        } ?? []
    }

    private static func values(_ node: Node?, key: String) -> [String] {
        node?.sequence?.compactMap { $0[key]?.scalar?.text } ?? []
    }
}
