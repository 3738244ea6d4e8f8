import YAML

/// A whole number between bounds (`age`, `children`): compared with `=`, `<`, `between`...
package struct IntegerKind: FieldKind {
    package let min: Int
    package let max: Int

    package init(min: Int, max: Int) {
        self.min = min
        self.max = max
    }

    package var keyword: String { "integer" }
    package var values: [EnumValue] { [] }
    package var domain: ClosedRange<Int> { min...max }
    package var storage: ValueStorage { .number(min: Int64(min), max: Int64(max)) }
    package var widget: FieldWidget { .number }
    package var operators: FieldOperators { [.equality, .order] }

    package func read(_ node: Node, of field: Field, codec: FieldCodec, reader: inout NodeReader) -> FieldValue? {
        guard let text = node.plainText, let number = FieldCodec.wholeNumber(text.utf8) else {
            let found = node.scalar.map { Phrase.quoted(Limits.quoted($0.text)) } ?? node.kind
            let quotedNumber = node.scalar.map { $0.style.isQuoted && FieldCodec.wholeNumber($0.text.utf8) != nil } == true
            reader.report(.typeMismatch, node, Phrase("nombre entier attendu pour \(field.name), trouvé : \(found.fr)", en: "expected a whole number for \(field.name), found \(found.en)"),
                          hint: quotedNumber ? Phrase("retirez les guillemets", en: "remove the quotes") : nil)
            return nil
        }
        guard number >= Int64(min), number <= Int64(max) else {
            reader.report(.outOfRange, node, Phrase("\(number) est hors des bornes de \(field.name) (\(min) à \(max))", en: "\(number) is outside the range of \(field.name) (\(min) to \(max))"))
            return nil
        }
        return .scalar(Int(number))
    }

    package func conditionValue(_ token: ConditionToken, of field: Field) -> Result<Int, FieldProblem> {
        guard case .number(let number) = token.kind else {
            return .failure(.typeMismatch(Phrase("un nombre entier", en: "a whole number"), field: field.name, found: token.text))
        }
        guard (min...max).contains(number) else {
            return .failure(FieldProblem(.outOfRange, Phrase("\(number) est hors des bornes de \(field.name) (\(min) à \(max))", en: "\(number) is outside the range of \(field.name) (\(min) to \(max))")))
        }
        return .success(number)
    }

    package func text(_ value: FieldValue, language: Language, empty: String?) -> String? {
        guard case .scalar(let number) = value else { return nil }
        return String(number)
    }

    package func examples(_ name: String) -> String {
        "\(name) >= \(min), \(name) between \(min) and \(min + 1)"
    }

    package func ruleText(_ name: String, allowed: ValueSet) -> String? {
        let ranges = allowed.ranges.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound) to \($0.upperBound)" }
        return allowed.ranges.count == 1 && allowed.ranges[0].count == 1 ? "\(name) = \(ranges[0])" : "\(name) in \(ranges.joined(separator: " or "))"
    }

    package func example(_ name: String, value: Int) -> String? { "\(name) = \(value)" }

    package func french(_ label: String, allowed: ValueSet) -> String {
        guard allowed.ranges.count == 1, let range = allowed.ranges.first else {
            let excluded = allowed.complement(in: min...max)
            if excluded.ranges.count == 1, let only = excluded.ranges.first, only.count == 1 {
                return "\(label) différent de \(only.lowerBound)"
            }
            return "\(label) parmi " + allowed.ranges.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound) à \($0.upperBound)" }.joined(separator: ", ")
        }
        if range.lowerBound == range.upperBound { return "\(label) = \(range.lowerBound)" }
        if range.lowerBound == min && range.upperBound == max { return "\(label) : toute valeur" }
        if range.lowerBound == min { return "\(label) ≤ \(range.upperBound)" }
        if range.upperBound == max { return "\(label) ≥ \(range.lowerBound)" }
        return "\(label) entre \(range.lowerBound) et \(range.upperBound)"
    }

    package func schema(_ description: String, extraMembers: [String]) -> JSONValue {
        .object([("type", .array([.string("integer"), .string("null")])), ("minimum", .int(min)), ("maximum", .int(max)), ("description", .string(description))])
    }

    package var bounds: [(String, JSONValue)] { [("min", .int(min)), ("max", .int(max))] }
    package var frenchDomain: String? { "Valeurs de \(min) à \(max)." }
    package var canonicalDetails: [String] { ["range \(min) \(max)"] }
}
