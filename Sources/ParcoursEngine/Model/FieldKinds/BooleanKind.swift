import YAML

/// Yes or no (`driving_licence`), written `true` or `false`: named bare in a condition.
package struct BooleanKind: FieldKind {
    package init() {}

    package var keyword: String { "boolean" }
    package var values: [EnumValue] { [] }
    package var domain: ClosedRange<Int> { 0...1 }
    package var storage: ValueStorage { .flag }
    package var widget: FieldWidget { .yesNo }
    package var operators: FieldOperators { [.bare, .equality] }

    package func read(_ node: Node, of field: Field, codec: FieldCodec, reader: inout NodeReader) -> FieldValue? {
        guard let text = node.plainText, let flag = FieldCodec.boolean(text.utf8) else {
            let found = node.scalar.map { Phrase.quoted(Limits.quoted($0.text)) } ?? node.kind
            reader.report(.typeMismatch, node, Phrase("true ou false attendu pour \(field.name), trouvé : \(found.fr)", en: "expected true or false for \(field.name), found \(found.en)"),
                          hint: Phrase("écrivez true ou false", en: "write true or false"))
            return nil
        }
        return .scalar(flag ? 1 : 0)
    }

    package func conditionValue(_ token: ConditionToken, of field: Field) -> Result<Int, FieldProblem> {
        switch token.kind {
        case .word("true"): return .success(1)
        case .word("false"): return .success(0)
        default:
            return .failure(.typeMismatch(Phrase("true ou false", en: "true or false"), field: field.name, found: token.text,
                                          hint: Phrase("écrivez true ou false", en: "write true or false")))
        }
    }

    package func text(_ value: FieldValue, language: Language, empty: String?) -> String? {
        guard case .scalar(let flag) = value else { return nil }
        let fr = language == .fr
        return flag == 1 ? (fr ? "oui" : "yes") : (fr ? "non" : "no")
    }

    package func examples(_ name: String) -> String {
        "\(name), not \(name), \(name) = false"
    }

    package func ruleText(_ name: String, allowed: ValueSet) -> String? {
        "\(name) = \(allowed.contains(1) ? "true" : "false")"
    }

    package func example(_ name: String, value: Int) -> String? {
        "\(name) = \(value == 1 ? "true" : "false")"
    }

    package func french(_ label: String, allowed: ValueSet) -> String {
        "\(label) : \(allowed.contains(1) ? "oui" : "non")"
    }

    package func schema(_ description: String, extraMembers: [String]) -> JSONValue {
        .object([("type", .array([.string("boolean"), .string("null")])), ("description", .string(description))])
    }
}
