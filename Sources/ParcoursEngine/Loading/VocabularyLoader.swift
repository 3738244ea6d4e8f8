import YAML

/// Reads `profile.yaml`: the fields a profile may hold.
struct VocabularyLoader {
    var reader: NodeReader
    let taxonomy: Taxonomy

    /// Ids and names of the loaded schemes, for a field with `values_from: schemes`.
    let schemes: [EnumValue]

    init(file: String, taxonomy: Taxonomy, schemes: [EnumValue] = []) {
        self.reader = NodeReader(file: file)
        self.taxonomy = taxonomy
        self.schemes = schemes
    }

    /// The `ask_when` of each field that has one, read once facts are known (`RuleSetLoader`).
    var askWhenNodes: [(field: Int, node: Node)] = []

    mutating func load(_ root: Node) -> Vocabulary {
        guard let top = reader.keys(of: root, Phrase("le vocabulaire", en: "the vocabulary"), FileShapes.vocabulary),
              let fieldsNode = top["fields"] else { return Vocabulary(fields: []) }
        guard let pairs = fieldsNode.mapping else {
            reader.report(.typeMismatch, fieldsNode, Phrase("mapping de noms de champs attendu pour « fields », trouvé : \(fieldsNode.kind.fr)", en: "expected a mapping of field names for \"fields\", found \(fieldsNode.kind.en)"))
            return Vocabulary(fields: [])
        }
        var fields: [Field] = []
        for pair in pairs {
            guard let name = reader.identifier(pair.key, Phrase("nom de champ", en: "field name")) else { continue }
            if let field = field(named: name, pair.value, index: fields.count) { fields.append(field) }
        }
        return Vocabulary(fields: fields)
    }

    private mutating func field(named name: String, _ node: Node, index: Int) -> Field? {
        let what = Phrase("le champ « \(Limits.quoted(name)) »", en: "field \"\(Limits.quoted(name))\"")
        guard let keys = reader.keys(of: node, what, FileShapes.field),
              let typeNode = keys["type"], let typeName = reader.text(typeNode, Phrase("le type de \(what.fr)", en: "the type of \(what.en)")) else { return nil }
        if let node = keys["ask_when"] { askWhenNodes.append((index, node)) }
        let label = keys["label"].flatMap { reader.text($0, Phrase("le libellé de \(what.fr)", en: "the label of \(what.en)")) } ?? name
        let question = keys["question"].flatMap { reader.text($0, Phrase("la question de \(what.fr)", en: "the question of \(what.en)")) } ?? ""
        let linked = keys["taxonomy"].flatMap { reader.boolean($0, Phrase("« taxonomy » de \(what.fr)", en: "\"taxonomy\" of \(what.en)")) } ?? false
        var group = FieldGroup.situation
        if let groupNode = keys["group"], let text = reader.text(groupNode, Phrase("le groupe de \(what.fr)", en: "the group of \(what.en)")) {
            if let known = FieldGroup(rawValue: text) {
                group = known
            } else {
                let groups = FieldGroup.allCases.map(\.rawValue)
                reader.report(.unknownValue, groupNode, Phrase("groupe inconnu « \(Limits.quoted(text)) » pour \(what.fr) (possibles : \(groups.joined(separator: ", ")))", en: "unknown group \"\(Limits.quoted(text))\" for \(what.en) (expected: \(groups.joined(separator: ", ")))"),
                              hint: Spelling.hint(for: text, in: groups))
            }
        }
        let type: FieldType
        switch typeName {
        case "integer":
            guard let minNode = keys["min"], let maxNode = keys["max"] else {
                reader.report(.missingKey, node, Phrase("\(what.fr), entier, demande « min » et « max »", en: "integer \(what.en) needs \"min\" and \"max\""),
                              hint: Phrase("les bornes gardent le domaine fini, par ex. min: 0, max: 120", en: "bounds keep the domain finite, e.g. min: 0, max: 120"))
                return nil
            }
            guard let min = reader.integer(minNode, .same("min")), let max = reader.integer(maxNode, .same("max")) else { return nil }
            guard min <= max else {
                reader.report(.outOfRange, maxNode, Phrase("max (\(max)) est inférieur à min (\(min)) pour \(what.fr)", en: "max (\(max)) is below min (\(min)) for \(what.en)"))
                return nil
            }
            type = .integer(min: min, max: max)
        case "boolean":
            type = .boolean
        case "department":
            type = .department
        case "set" where keys["values_from"] != nil:
            guard let fromNode = keys["values_from"], let from = reader.text(fromNode, .same("values_from")) else { return nil }
            guard from == "schemes" else {
                reader.report(.unknownValue, fromNode, Phrase("values_from inconnu « \(Limits.quoted(from)) » (possible : schemes)", en: "unknown values_from \"\(Limits.quoted(from))\" (expected: schemes)"), hint: Spelling.hint(for: from, in: ["schemes"]))
                return nil
            }
            type = .set(Array(schemes.prefix(63)))
        case "enum", "ordered", "set":
            guard let valuesNode = keys["values"] else {
                reader.report(.missingKey, node, Phrase("\(what.fr), de type \(typeName), demande « values »", en: "\(typeName) \(what.en) needs \"values\""))
                return nil
            }
            let values = enumValues(valuesNode, of: what, linked: linked)
            guard !values.isEmpty else { return nil }
            if typeName == "set" {
                guard values.count <= 63 else {
                    reader.report(.outOfRange, valuesNode, Phrase("un champ set a au plus 63 valeurs ; \(what.fr) en a \(values.count)", en: "a set field has at most 63 values; \(what.en) has \(values.count)"))
                    return nil
                }
                type = .set(values)
            } else {
                type = .enumeration(values, ordered: typeName == "ordered")
            }
        default:
            let kinds = FieldType.keywords
            reader.report(.unknownValue, typeNode, Phrase("type inconnu « \(Limits.quoted(typeName)) » pour \(what.fr) (possibles : \(kinds.joined(separator: ", ")))", en: "unknown type \"\(Limits.quoted(typeName))\" for \(what.en) (expected: \(kinds.joined(separator: ", ")))"),
                          hint: Spelling.hint(for: typeName, in: kinds))
            return nil
        }
        var screens: Urgency?
        if let screensNode = keys["screens"], let word = reader.text(screensNode, Phrase("« screens » de \(what.fr)", en: "\"screens\" of \(what.en)")) {
            screens = Urgency(rawValue: word)
            if screens == nil {
                let words = Urgency.allCases.map(\.rawValue)
                reader.report(.unknownValue, screensNode, Phrase("urgence inconnue « \(Limits.quoted(word)) » pour \(what.fr) (possibles : \(words.joined(separator: ", ")))", en: "unknown urgency \"\(Limits.quoted(word))\" for \(what.en) (expected: \(words.joined(separator: ", ")))"),
                              hint: Spelling.hint(for: word, in: words))
            }
        }
        var field = Field(index: index, name: name, type: type, label: label, question: question, location: reader.location(node), group: group)
        field.screens = screens
        guard let defaultNode = keys["default"] else { return field }
        guard let value = ProfileLoader.value(defaultNode, of: field, reader: &reader) else { return nil }
        var defaulted = Field(index: index, name: name, type: type, label: label, question: question, location: field.location, defaultValue: value, group: group)
        defaulted.screens = screens
        return defaulted
    }

    private mutating func enumValues(_ node: Node, of what: Phrase, linked: Bool) -> [EnumValue] {
        guard let pairs = node.mapping else {
            reader.report(.typeMismatch, node, Phrase("mapping identifiant → libellé attendu pour les valeurs de \(what.fr), trouvé : \(node.kind.fr)", en: "expected a mapping of value ids to labels for the values of \(what.en), found \(node.kind.en)"))
            return []
        }
        var values: [EnumValue] = []
        for pair in pairs {
            guard let id = reader.identifier(pair.key, Phrase("identifiant de valeur", en: "value id"), capitals: true) else { continue }
            if pair.value.scalar != nil && !pair.value.isNull {
                if linked {
                    reader.report(.missingKey, pair.value, Phrase("la valeur « \(Limits.quoted(id)) » de \(what.fr) doit nommer sa catégorie data·inclusion, sa contrainte France Travail et son thème Carnet de bord", en: "value \"\(Limits.quoted(id))\" of \(what.en) must name its data·inclusion category, France Travail contrainte and Carnet de bord theme"),
                                  hint: Phrase("écrivez label, data_inclusion, france_travail et carnet_de_bord sous elle", en: "write label, data_inclusion, france_travail and carnet_de_bord under it"))
                }
                if let label = reader.text(pair.value, Phrase("le libellé de « \(Limits.quoted(id)) »", en: "the label of \(id)")) { values.append(EnumValue(id: id, label: label)) }
                continue
            }
            let required = linked ? ["label"] + FileShapes.linkCodes : ["label"]
            let optional = linked ? [] : FileShapes.linkCodes
            guard let keys = reader.keys(of: pair.value, Phrase("la valeur « \(Limits.quoted(id)) » de \(what.fr)", en: "value \"\(Limits.quoted(id))\" of \(what.en)"), required: required, optional: optional) else { continue }
            let label = keys["label"].flatMap { reader.text($0, Phrase("le libellé de « \(Limits.quoted(id)) »", en: "the label of \(id)")) } ?? id
            var links = TaxonomyLinks()
            links.dataInclusion = code(keys["data_inclusion"], in: taxonomy.categories, Phrase("catégorie data·inclusion", en: "data·inclusion category"))
            links.franceTravail = code(keys["france_travail"], in: taxonomy.contraintes, Phrase("contrainte France Travail", en: "France Travail contrainte"))
            links.carnetDeBord = code(keys["carnet_de_bord"], in: taxonomy.carnetThemes, Phrase("thème Carnet de bord", en: "Carnet de bord theme"))
            values.append(EnumValue(id: id, label: label, links: links))
        }
        return values
    }

    /// A code that must be in `known`; an explicit empty value means "no equivalent".
    private mutating func code(_ node: Node?, in known: [String], _ what: Phrase) -> String? {
        guard let node, !node.isNull, let value = reader.text(node, what) else { return nil }
        guard known.contains(value) else {
            reader.report(.unknownCode, node, Phrase("« \(Limits.quoted(value)) » n'est pas dans les listes de référence (\(what.fr))", en: "\"\(Limits.quoted(value))\" is not a \(what.en) of the reference lists"),
                          hint: Spelling.hint(for: value, in: known))
            return nil
        }
        return value
    }
}
