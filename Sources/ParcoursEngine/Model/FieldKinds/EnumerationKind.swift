import YAML

/// One value among several (`gender`, `qualification`); `ordered` ones (`ordered` in the
/// vocabulary) can also be compared with `<`, `<=`, `between`.
package struct EnumerationKind: FieldKind {
    package let values: [EnumValue]
    package let ordered: Bool

    package init(values: [EnumValue], ordered: Bool) {
        self.values = values
        self.ordered = ordered
    }

    package var keyword: String { ordered ? "ordered" : "enum" }
    package var domain: ClosedRange<Int> { 0...Swift.max(values.count - 1, 0) }
    package var storage: ValueStorage { .choice(values.map(\.id)) }
    package var widget: FieldWidget { .choice }
    package var operators: FieldOperators { ordered ? [.equality, .order] : [.equality] }

    package func read(_ node: Node, of field: Field, codec: FieldCodec, reader: inout NodeReader) -> FieldValue? {
        guard let id = node.scalar?.text, node.sequence == nil, node.mapping == nil else {
            reader.report(.typeMismatch, node, Phrase("une seule valeur attendue pour \(field.name), trouvé : \(node.kind.fr)", en: "expected one value for \(field.name), found \(node.kind.en)"))
            return nil
        }
        guard let index = codec.member(id) else {
            EnumValue.reportUnknown(id, node, field, &reader)
            return nil
        }
        return .scalar(index)
    }

    package func conditionValue(_ token: ConditionToken, of field: Field) -> Result<Int, FieldProblem> {
        EnumValue.conditionValue(token, of: field)
    }

    package func text(_ value: FieldValue, language: Language, empty: String?) -> String? {
        guard case .scalar(let position) = value, position >= 0, position < values.count else { return nil }
        return values[position].label
    }

    package func examples(_ name: String) -> String {
        let first = values.first?.id ?? "value"
        return ordered ? "\(name) <= \(first), \(name) in [\(first)]" : "\(name) = \(first), \(name) in [\(first)]"
    }

    package func ruleText(_ name: String, allowed: ValueSet) -> String? {
        let ids = values.indices.filter { allowed.contains($0) }.map { values[$0].id }
        return ids.count == 1 ? "\(name) = \(ids[0])" : "\(name) in [\(ids.joined(separator: ", "))]"
    }

    package func example(_ name: String, value: Int) -> String? {
        value < values.count ? "\(name) = \(values[value].id)" : nil
    }

    package func french(_ label: String, allowed: ValueSet) -> String {
        EnumValue.french(label, values, allowed)
    }

    package func schema(_ description: String, extraMembers: [String]) -> JSONValue {
        .object([("enum", .array(values.map { JSONValue.string($0.id) } + [.null])), ("description", .string(description + EnumValue.legend(values)))])
    }
}

extension EnumValue {
    /// What an enumeration and a set say of an id they do not have.
    static func reportUnknown(_ id: String, _ node: Node, _ field: Field, _ reader: inout NodeReader) {
        let ids = field.values.map(\.id)
        reader.report(.unknownValue, node, Phrase("valeur inconnue « \(Limits.quoted(id)) » pour \(field.name) (valeurs possibles : \(ids.joined(separator: ", ")))",
                                         en: "unknown value \"\(Limits.quoted(id))\" for \(field.name) (expected one of: \(ids.joined(separator: ", ")))"),
                      hint: Spelling.hint(for: id, in: ids, labels: field.values.map { ($0.label, $0.id) }))
    }

    /// An id in a condition, as its position among the field's values.
    static func conditionValue(_ token: ConditionToken, of field: Field) -> Result<Int, FieldProblem> {
        if let index = field.valueIndex(of: token.text) { return .success(index) }
        return .failure(.unknownValue(token.text, of: field))
    }

    /// A test on positions (an enumeration's value, a set's elements) in French: the labels allowed.
    static func french(_ label: String, _ values: [EnumValue], _ allowed: ValueSet) -> String {
        let labels = values.indices.filter { allowed.contains($0) }.map { "« \(values[$0].label) »" }
        if labels.isEmpty { return "\(label) : aucune valeur" }
        return "\(label) : " + labels.joined(separator: " ou ")
    }

    /// The values with their labels, for a schema's description (` (cap : CAP, bac : Bac)`).
    static func legend(_ values: [EnumValue]) -> String {
        " (" + values.map { "\($0.id) : \($0.label)" }.joined(separator: ", ") + ")"
    }
}
