import YAML

/// Reads `Rules/glossaire.yaml`: each acronym the person may read, with its meaning in plain
/// French (`acronyms: {CAF: caisse d'allocations familiales}`).
struct GlossaryLoader {
    var reader: NodeReader

    init(file: String) {
        reader = NodeReader(file: file)
    }

    mutating func load(_ root: Node) -> Glossary {
        guard let pairs = reader.section("acronyms", of: root, Phrase("le glossaire", en: "the glossary"), FileShapes.glossaryFile,
                                         expected: Phrase("un sigle et son sens par ligne", en: "one acronym and its meaning per line")) else { return .empty }
        var terms: [(acronym: String, meaning: String)] = []
        for pair in pairs {
            guard let acronym = pair.key.scalar?.text else { continue }
            guard Glossary.acronyms(in: acronym).map(\.word) == [acronym] else {
                reader.report(.typeMismatch, pair.key, Phrase("« \(Limits.quoted(acronym)) » n'est pas un sigle (au moins deux capitales, aucune minuscule)",
                                                             en: "\"\(Limits.quoted(acronym))\" is not an acronym (two capitals or more, no small letter)"))
                continue
            }
            if terms.contains(where: { $0.acronym == acronym }) {
                reader.report(.duplicateID, pair.key, Phrase("le sigle « \(Limits.quoted(acronym)) » est déjà dans le glossaire", en: "acronym \"\(Limits.quoted(acronym))\" is already in the glossary"))
                continue
            }
            if let meaning = reader.text(pair.value, Phrase("le sens de \(acronym)", en: "the meaning of \(acronym)")) { terms.append((acronym, meaning)) }
        }
        return Glossary(terms: terms)
    }
}
