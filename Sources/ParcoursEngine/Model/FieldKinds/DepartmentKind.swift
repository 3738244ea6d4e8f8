import YAML

/// A French département by its INSEE code (`department`): « 01 » to « 95 », « 2A » and « 2B »
/// for Corsica, « 971 » to « 976 » overseas. Stored as one value among the codes (like an
/// enumeration), written as the code (`"2A"`, `"91"`); read from a code or, as before the
/// codes were strings, from a whole number (`91`, `1` for « 01 »). « 20 » is refused: Corsica
/// has two départements.
package struct DepartmentKind: FieldKind {
    package init() {}

    package var keyword: String { "department" }
    package var values: [EnumValue] { Self.codes }
    package var domain: ClosedRange<Int> { 0...(Self.codes.count - 1) }
    package var storage: ValueStorage { .choice(Self.codes.map(\.id)) }
    package var widget: FieldWidget { .choice }
    package var operators: FieldOperators { [.equality] }

    /// The code a text stands for: `1` → `01`, `2a` → `2A`; nil when it is none.
    package static func code(_ text: String) -> String? {
        let upper = text.uppercased()
        let padded = upper.count == 1 ? "0" + upper : upper
        return codes.contains { $0.id == padded } ? padded : nil
    }

    private static func problem(_ text: String, field: String) -> FieldProblem {
        let corsica = text == "20"
        return FieldProblem(.unknownValue, Phrase("« \(Limits.quoted(text)) » n'est pas un code de département INSEE pour \(field)", en: "\"\(Limits.quoted(text))\" is not an INSEE département code for \(field)"),
                            hint: corsica ? Phrase("la Corse a deux départements : 2A (Corse-du-Sud) ou 2B (Haute-Corse)", en: "Corsica has two départements: 2A (Corse-du-Sud) or 2B (Haute-Corse)")
                                          : Phrase("un code de 01 à 95, 2A, 2B, ou de 971 à 976", en: "a code from 01 to 95, 2A, 2B, or 971 to 976"))
    }

    package func read(_ node: Node, of field: Field, codec: FieldCodec, reader: inout NodeReader) -> FieldValue? {
        guard let text = node.scalar?.text, node.sequence == nil, node.mapping == nil else {
            reader.report(.typeMismatch, node, Phrase("un code de département attendu pour \(field.name), trouvé : \(node.kind.fr)", en: "expected a département code for \(field.name), found \(node.kind.en)"))
            return nil
        }
        guard let code = Self.code(text), let index = codec.member(code) else {
            let problem = Self.problem(text, field: field.name)
            reader.report(problem.code, node, problem.message, hint: problem.hint)
            return nil
        }
        return .scalar(index)
    }

    package func conditionValue(_ token: ConditionToken, of field: Field) -> Result<Int, FieldProblem> {
        guard let code = Self.code(token.text), let index = field.valueIndex(of: code) else { return .failure(Self.problem(token.text, field: field.name)) }
        return .success(index)
    }

    package func text(_ value: FieldValue, language: Language, empty: String?) -> String? {
        guard case .scalar(let position) = value, position >= 0, position < Self.codes.count else { return nil }
        return Self.codes[position].id + " " + Self.codes[position].label
    }

    package func examples(_ name: String) -> String { "\(name) = 91, \(name) in [22, 29, 35, 56], \(name) = 2A" }

    package func ruleText(_ name: String, allowed: ValueSet) -> String? {
        let ids = Self.codes.indices.filter { allowed.contains($0) }.map { Self.codes[$0].id }
        return ids.count == 1 ? "\(name) = \(ids[0])" : "\(name) in [\(ids.joined(separator: ", "))]"
    }

    package func example(_ name: String, value: Int) -> String? {
        value >= 0 && value < Self.codes.count ? "\(name) = \(Self.codes[value].id)" : nil
    }

    package func french(_ label: String, allowed: ValueSet) -> String {
        let names = Self.codes.indices.filter { allowed.contains($0) }.map { "\(Self.codes[$0].label) (\(Self.codes[$0].id))" }
        return names.count == 1 ? "\(label) : \(names[0])" : "\(label) parmi " + names.joined(separator: ", ")
    }

    package func schema(_ description: String, extraMembers: [String]) -> JSONValue {
        let numbers = Self.codes.compactMap { Int($0.id) }
        return .object([("anyOf", .array([
            .object([("enum", .array(Self.codes.map { JSONValue.string($0.id) } + [.null]))]),
            .object([("description", .string("ancienne forme, un nombre entier (91, 1 pour 01)")), ("enum", .array(numbers.map(JSONValue.int)))]),
        ])), ("description", .string(description + " Code INSEE du département : 01 à 95, 2A, 2B, 971 à 976."))])
    }

    package var frenchDomain: String? { "Code INSEE du département : 01 à 95, 2A et 2B (Corse), 971 à 976 (outre-mer)." }

    /// The INSEE codes and names, in the order of the official list.
    package static let codes: [EnumValue] = [
        ("01", "Ain"), ("02", "Aisne"), ("03", "Allier"), ("04", "Alpes-de-Haute-Provence"), ("05", "Hautes-Alpes"), ("06", "Alpes-Maritimes"),
        ("07", "Ardèche"), ("08", "Ardennes"), ("09", "Ariège"), ("10", "Aube"), ("11", "Aude"), ("12", "Aveyron"), ("13", "Bouches-du-Rhône"),
        ("14", "Calvados"), ("15", "Cantal"), ("16", "Charente"), ("17", "Charente-Maritime"), ("18", "Cher"), ("19", "Corrèze"),
        ("2A", "Corse-du-Sud"), ("2B", "Haute-Corse"), ("21", "Côte-d'Or"), ("22", "Côtes-d'Armor"), ("23", "Creuse"), ("24", "Dordogne"),
        ("25", "Doubs"), ("26", "Drôme"), ("27", "Eure"), ("28", "Eure-et-Loir"), ("29", "Finistère"), ("30", "Gard"), ("31", "Haute-Garonne"),
        ("32", "Gers"), ("33", "Gironde"), ("34", "Hérault"), ("35", "Ille-et-Vilaine"), ("36", "Indre"), ("37", "Indre-et-Loire"), ("38", "Isère"),
        ("39", "Jura"), ("40", "Landes"), ("41", "Loir-et-Cher"), ("42", "Loire"), ("43", "Haute-Loire"), ("44", "Loire-Atlantique"), ("45", "Loiret"),
        ("46", "Lot"), ("47", "Lot-et-Garonne"), ("48", "Lozère"), ("49", "Maine-et-Loire"), ("50", "Manche"), ("51", "Marne"), ("52", "Haute-Marne"),
        ("53", "Mayenne"), ("54", "Meurthe-et-Moselle"), ("55", "Meuse"), ("56", "Morbihan"), ("57", "Moselle"), ("58", "Nièvre"), ("59", "Nord"),
        ("60", "Oise"), ("61", "Orne"), ("62", "Pas-de-Calais"), ("63", "Puy-de-Dôme"), ("64", "Pyrénées-Atlantiques"), ("65", "Hautes-Pyrénées"),
        ("66", "Pyrénées-Orientales"), ("67", "Bas-Rhin"), ("68", "Haut-Rhin"), ("69", "Rhône"), ("70", "Haute-Saône"), ("71", "Saône-et-Loire"),
        ("72", "Sarthe"), ("73", "Savoie"), ("74", "Haute-Savoie"), ("75", "Paris"), ("76", "Seine-Maritime"), ("77", "Seine-et-Marne"),
        ("78", "Yvelines"), ("79", "Deux-Sèvres"), ("80", "Somme"), ("81", "Tarn"), ("82", "Tarn-et-Garonne"), ("83", "Var"), ("84", "Vaucluse"),
        ("85", "Vendée"), ("86", "Vienne"), ("87", "Haute-Vienne"), ("88", "Vosges"), ("89", "Yonne"), ("90", "Territoire de Belfort"),
        ("91", "Essonne"), ("92", "Hauts-de-Seine"), ("93", "Seine-Saint-Denis"), ("94", "Val-de-Marne"), ("95", "Val-d'Oise"),
        ("971", "Guadeloupe"), ("972", "Martinique"), ("973", "Guyane"), ("974", "La Réunion"), ("975", "Saint-Pierre-et-Miquelon"), ("976", "Mayotte"),
    ].map { EnumValue(id: $0.0, label: $0.1) }
}

extension DepartmentKind {
    /// The INSEE département of a commune or postal code (`35238` → 35, `2A004` → 20, `97411` → 974).
    package static func department(ofCode code: String) -> Int? {
        let characters = Array(code.utf8)
        guard characters.count >= 2 else { return nil }
        if characters[0] == 0x32, characters[1] == 0x41 || characters[1] == 0x42 || characters[1] == 0x61 || characters[1] == 0x62 { return 20 }
        guard characters.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if characters[0] == 0x39, characters[1] == 0x37, characters.count >= 3 { return Int(String(decoding: characters[0..<3], as: UTF8.self)) }
        return Int(String(decoding: characters[0..<2], as: UTF8.self))
    }

    /// A zone code as a département: a département (`35`, `2A`, `974`) or a commune (`35238`).
    package static func department(ofZone code: String) -> Int? {
        if code.utf8.count <= 3, let number = Int(code), (1...976).contains(number) { return number }
        if code == "2A" || code == "2B" { return 20 }
        return code.utf8.count == 5 ? department(ofCode: code) : nil
    }
}
