import YAML

/// Any number of values among several (`barriers`), written as a list: tested with
/// `includes` and `excludes`, a bit per value.
package struct SetKind: FieldKind {
    package let values: [EnumValue]

    package init(values: [EnumValue]) {
        self.values = values
    }

    package var keyword: String { "set" }
    package var domain: ClosedRange<Int> { 0...1 }
    package var storage: ValueStorage { .members(values.map(\.id)) }
    package var widget: FieldWidget { .multiChoice }
    package var operators: FieldOperators { [.membership] }

    package func read(_ node: Node, of field: Field, codec: FieldCodec, reader: inout NodeReader) -> FieldValue? {
        guard let items = node.sequence else {
            reader.report(.typeMismatch, node, Phrase("liste attendue pour \(field.name), trouvé : \(node.kind.fr)", en: "expected a list for \(field.name), found \(node.kind.en)"),
                          hint: node.scalar.map { Phrase("écrivez [\($0.text)]", en: "write [\($0.text)]") })
            return nil
        }
        var mask: UInt64 = 0
        var valid = true
        for item in items {
            guard let id = item.scalar?.text, item.sequence == nil, item.mapping == nil else {
                reader.report(.typeMismatch, item, Phrase("une valeur de \(field.name) attendue dans la liste, trouvé : \(item.kind.fr)", en: "expected a value of \(field.name) in the list, found \(item.kind.en)"),
                              hint: Phrase("un seul niveau de crochets, par ex. [\(values.first?.id ?? "valeur")]", en: "write one level of brackets, e.g. [\(values.first?.id ?? "value")]"))
                valid = false
                continue
            }
            guard let index = codec.member(id) else {
                EnumValue.reportUnknown(id, item, field, &reader)
                valid = false
                continue
            }
            let bit = UInt64(1) << UInt64(index)
            if mask & bit != 0 {
                reader.report(.duplicateKey, item, Phrase("« \(id) » figure deux fois dans \(field.name)", en: "\"\(id)\" is listed twice in \(field.name)"))
                valid = false
            }
            mask |= bit
        }
        return valid ? .set(mask) : nil
    }

    /// How a CSV cell writes the empty set (an empty cell is an unknown value).
    package static let emptyCell = "[]"
    /// What separates the values of a set in a CSV cell.
    package static let cellSeparator: Character = "|"

    /// `[]` is the empty set; otherwise the members, separated by `|`.
    package func cell(_ text: String, at mark: Mark) -> Node {
        if text == Self.emptyCell { return Node(.sequence([]), mark: mark) }
        var offset = 0
        let items = text.split(separator: Self.cellSeparator, omittingEmptySubsequences: false).map { part -> Node in
            defer { offset += part.unicodeScalars.count + 1 }
            return Node(.scalar(Scalar(text: String(part), style: .plain)), mark: mark.advanced(by: offset))
        }
        return Node(.sequence(items), mark: mark)
    }

    package func conditionValue(_ token: ConditionToken, of field: Field) -> Result<Int, FieldProblem> {
        EnumValue.conditionValue(token, of: field)
    }

    package func text(_ value: FieldValue, language: Language, empty: String?) -> String? {
        switch value {
        case .set(let mask):
            let members = values.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { values[$0].label }
            return members.isEmpty ? (empty ?? (language == .fr ? "aucun" : "none")) : members.joined(separator: ", ")
        case .scalar(let position):
            return position >= 0 && position < values.count ? values[position].label : nil
        }
    }

    package func examples(_ name: String) -> String {
        let first = values.first?.id ?? "value"
        return "\(name) includes \(first), \(name) includes any [\(first)]"
    }

    package func ruleText(_ name: String, allowed: ValueSet) -> String? { nil }
    package func example(_ name: String, value: Int) -> String? { nil }

    package func french(_ label: String, allowed: ValueSet) -> String {
        EnumValue.french(label, values, allowed)
    }

    package func schema(_ description: String, extraMembers: [String]) -> JSONValue {
        let ids = values.map { JSONValue.string($0.id) } + extraMembers.map(JSONValue.string)
        let list: JSONValue = .object([("type", .string("array")), ("items", .object([("enum", .array(ids))])), ("uniqueItems", .bool(true))])
        return .object([("anyOf", .array([list, .object([("type", .string("null"))])])), ("description", .string(description + EnumValue.legend(values)))])
    }
}
