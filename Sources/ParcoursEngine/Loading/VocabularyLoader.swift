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
        guard let top = reader.keys(of: root, "the vocabulary", required: ["fields"], optional: ["source"]),
              let fieldsNode = top["fields"] else { return Vocabulary(fields: []) }
        guard let pairs = fieldsNode.mapping else {
            reader.report(.typeMismatch, fieldsNode, "expected a mapping of field names for \"fields\", found \(fieldsNode.kindName)")
            return Vocabulary(fields: [])
        }
        var fields: [Field] = []
        for pair in pairs {
            guard let name = reader.identifier(pair.key, "field name") else { continue }
            if let field = field(named: name, pair.value, index: fields.count) { fields.append(field) }
        }
        return Vocabulary(fields: fields)
    }

    private mutating func field(named name: String, _ node: Node, index: Int) -> Field? {
        let what = "field \"\(name)\""
        guard let keys = reader.keys(of: node, what, required: ["type", "label", "question"],
                                     optional: ["min", "max", "values", "values_from", "taxonomy", "default", "source", "group", "ask_when"]),
              let typeNode = keys["type"], let typeName = reader.text(typeNode, "the type of \(what)") else { return nil }
        if let node = keys["ask_when"] { askWhenNodes.append((index, node)) }
        let label = keys["label"].flatMap { reader.text($0, "the label of \(what)") } ?? name
        let question = keys["question"].flatMap { reader.text($0, "the question of \(what)") } ?? ""
        let linked = keys["taxonomy"].flatMap { reader.boolean($0, "\"taxonomy\" of \(what)") } ?? false
        var group = FieldGroup.situation
        if let groupNode = keys["group"], let text = reader.text(groupNode, "the group of \(what)") {
            if let known = FieldGroup(rawValue: text) {
                group = known
            } else {
                let groups = FieldGroup.allCases.map(\.rawValue)
                reader.report(.unknownValue, groupNode, "unknown group \"\(text)\" for \(what) (expected: \(groups.joined(separator: ", ")))",
                              hint: Spelling.hint(for: text, in: groups))
            }
        }
        let type: FieldType
        switch typeName {
        case "integer":
            guard let minNode = keys["min"], let maxNode = keys["max"] else {
                reader.report(.missingKey, node, "integer \(what) needs \"min\" and \"max\"", hint: "bounds keep the domain finite, e.g. min: 0, max: 120")
                return nil
            }
            guard let min = reader.integer(minNode, "min"), let max = reader.integer(maxNode, "max") else { return nil }
            guard min <= max else {
                reader.report(.outOfRange, maxNode, "max (\(max)) is below min (\(min)) for \(what)")
                return nil
            }
            type = .integer(min: min, max: max)
        case "boolean":
            type = .boolean
        case "set" where keys["values_from"] != nil:
            guard let fromNode = keys["values_from"], let from = reader.text(fromNode, "values_from") else { return nil }
            guard from == "schemes" else {
                reader.report(.unknownValue, fromNode, "unknown values_from \"\(from)\" (expected: schemes)", hint: Spelling.hint(for: from, in: ["schemes"]))
                return nil
            }
            type = .set(Array(schemes.prefix(63)))
        case "enum", "ordered", "set":
            guard let valuesNode = keys["values"] else {
                reader.report(.missingKey, node, "\(typeName) \(what) needs \"values\"")
                return nil
            }
            let values = enumValues(valuesNode, of: what, linked: linked)
            guard !values.isEmpty else { return nil }
            if typeName == "set" {
                guard values.count <= 63 else {
                    reader.report(.outOfRange, valuesNode, "a set field has at most 63 values; \(what) has \(values.count)")
                    return nil
                }
                type = .set(values)
            } else {
                type = .enumeration(values, ordered: typeName == "ordered")
            }
        default:
            let kinds = ["integer", "boolean", "enum", "ordered", "set"]
            reader.report(.unknownValue, typeNode, "unknown type \"\(typeName)\" for \(what) (expected: \(kinds.joined(separator: ", ")))",
                          hint: Spelling.hint(for: typeName, in: kinds))
            return nil
        }
        let field = Field(index: index, name: name, type: type, label: label, question: question, location: reader.location(node), group: group)
        guard let defaultNode = keys["default"] else { return field }
        guard let value = ProfileLoader.value(defaultNode, of: field, reader: &reader) else { return nil }
        return Field(index: index, name: name, type: type, label: label, question: question, location: field.location, defaultValue: value, group: group)
    }

    private mutating func enumValues(_ node: Node, of what: String, linked: Bool) -> [EnumValue] {
        guard let pairs = node.mapping else {
            reader.report(.typeMismatch, node, "expected a mapping of value ids to labels for the values of \(what), found \(node.kindName)")
            return []
        }
        var values: [EnumValue] = []
        for pair in pairs {
            guard let id = reader.identifier(pair.key, "value id", capitals: true) else { continue }
            if pair.value.scalar != nil && !pair.value.isNull {
                if linked {
                    reader.report(.missingKey, pair.value, "value \"\(id)\" of \(what) must name its data·inclusion category, France Travail contrainte and Carnet de bord theme",
                                  hint: "write label, data_inclusion, france_travail and carnet_de_bord under it")
                }
                if let label = reader.text(pair.value, "the label of \(id)") { values.append(EnumValue(id: id, label: label)) }
                continue
            }
            let required = linked ? ["label", "data_inclusion", "france_travail", "carnet_de_bord"] : ["label"]
            let optional = linked ? [] : ["data_inclusion", "france_travail", "carnet_de_bord"]
            guard let keys = reader.keys(of: pair.value, "value \"\(id)\" of \(what)", required: required, optional: optional) else { continue }
            let label = keys["label"].flatMap { reader.text($0, "the label of \(id)") } ?? id
            var links = TaxonomyLinks()
            links.dataInclusion = code(keys["data_inclusion"], in: taxonomy.categories, "data·inclusion category")
            links.franceTravail = code(keys["france_travail"], in: taxonomy.contraintes, "France Travail contrainte")
            links.carnetDeBord = code(keys["carnet_de_bord"], in: taxonomy.carnetThemes, "Carnet de bord theme")
            values.append(EnumValue(id: id, label: label, links: links))
        }
        return values
    }

    /// A code that must be in `known`; an explicit empty value means "no equivalent".
    private mutating func code(_ node: Node?, in known: [String], _ what: String) -> String? {
        guard let node, !node.isNull, let value = reader.text(node, what) else { return nil }
        guard known.contains(value) else {
            reader.report(.unknownCode, node, "\"\(value)\" is not a \(what) of the reference lists",
                          hint: Spelling.hint(for: value, in: known))
            return nil
        }
        return value
    }
}
