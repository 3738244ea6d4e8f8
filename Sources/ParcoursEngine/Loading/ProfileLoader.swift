import YAML

/// What reading a profile gives: the typed profile when it has no errors, and every diagnostic.
public struct ProfileResult: Sendable {
    public let profile: Profile?
    public let diagnostics: [Diagnostic]
}

/// Reads a profile (YAML or JSON: a mapping of field names to values) against the vocabulary.
///
/// Values are typed by the field: `no` is refused for a yes/no field rather than guessed,
/// numbers must be in range, and enumeration values must be known. An empty value (`~`,
/// `null`) leaves the field unknown.
public enum ProfileLoader {
    public static func load(_ file: SourceFile, vocabulary: Vocabulary) -> ProfileResult {
        var diagnostics: [Diagnostic] = []
        guard let root = RuleSetLoader.parse(file, into: &diagnostics) else {
            return ProfileResult(profile: nil, diagnostics: diagnostics)
        }
        var reader = NodeReader(file: file.path)
        reader.diagnostics = diagnostics
        guard let pairs = root.mapping else {
            reader.report(.typeMismatch, root, Phrase("mapping de champs du profil attendu, trouvé : \(root.kind.fr)", en: "expected a mapping of profile fields, found \(root.kind.en)"),
                          hint: Phrase("écrivez un champ par ligne, par ex. age: 22", en: "write one field per line, e.g. age: 22"))
            return ProfileResult(profile: nil, diagnostics: reader.diagnostics)
        }
        var profile = Profile()
        for pair in pairs {
            let name = pair.key.scalar?.text ?? ""
            guard let field = vocabulary.field(named: name) else {
                reader.report(.unknownField, pair.key, .unknownProfileField(Limits.quoted(name)),
                              hint: vocabulary.suggestion(for: name))
                continue
            }
            if pair.value.isNull { continue }
            let before = reader.diagnostics.count
            if let value = value(pair.value, of: field, codec: vocabulary.codecs[field.index], reader: &reader) { profile[field.index] = value }
            for index in before..<reader.diagnostics.count { reader.diagnostics[index].field = field.name }
        }
        return ProfileResult(profile: reader.diagnostics.hasErrors ? nil : profile, diagnostics: reader.diagnostics.sorted())
    }

    /// Types one value through the field's codec (the fast corpus reader uses the same one).
    static func value(_ node: Node, of field: Field, codec given: FieldCodec? = nil, reader: inout NodeReader) -> FieldValue? {
        let codec = given ?? FieldCodec(field)
        let plain = node.scalar.flatMap { $0.style == .plain && !node.isNull ? $0.text : nil }
        switch codec.kind {
        case .integer(let min, let max):
            guard let text = plain, let number = FieldCodec.integer(text.utf8) else {
                let found = node.scalar.map { Phrase.quoted(Limits.quoted($0.text)) } ?? node.kind
                let quotedNumber = node.scalar.map { $0.style.isQuoted && FieldCodec.integer($0.text.utf8) != nil } == true
                reader.report(.typeMismatch, node, Phrase("nombre entier attendu pour \(field.name), trouvé : \(found.fr)", en: "expected a whole number for \(field.name), found \(found.en)"),
                              hint: quotedNumber ? Phrase("retirez les guillemets", en: "remove the quotes") : nil)
                return nil
            }
            guard codec.inRange(number) else {
                reader.report(.outOfRange, node, Phrase("\(number) est hors des bornes de \(field.name) (\(min) à \(max))", en: "\(number) is outside the range of \(field.name) (\(min) to \(max))"))
                return nil
            }
            return .scalar(Int(number))
        case .boolean:
            guard let text = plain, let flag = FieldCodec.boolean(text.utf8) else {
                let found = node.scalar.map { Phrase.quoted(Limits.quoted($0.text)) } ?? node.kind
                reader.report(.typeMismatch, node, Phrase("true ou false attendu pour \(field.name), trouvé : \(found.fr)", en: "expected true or false for \(field.name), found \(found.en)"),
                              hint: Phrase("écrivez true ou false", en: "write true or false"))
                return nil
            }
            return .scalar(flag ? 1 : 0)
        case .enumeration:
            guard let id = node.scalar?.text, node.sequence == nil, node.mapping == nil else {
                reader.report(.typeMismatch, node, Phrase("une seule valeur attendue pour \(field.name), trouvé : \(node.kind.fr)", en: "expected one value for \(field.name), found \(node.kind.en)"))
                return nil
            }
            guard let index = codec.member(id) else {
                unknown(id, node, field, &reader)
                return nil
            }
            return .scalar(index)
        case .set:
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
                                  hint: Phrase("un seul niveau de crochets, par ex. [\(field.values.first?.id ?? "valeur")]", en: "write one level of brackets, e.g. [\(field.values.first?.id ?? "value")]"))
                    valid = false
                    continue
                }
                guard let index = codec.member(id) else {
                    unknown(id, item, field, &reader)
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
    }

    private static func unknown(_ id: String, _ node: Node, _ field: Field, _ reader: inout NodeReader) {
        let ids = field.values.map(\.id)
        reader.report(.unknownValue, node, Phrase("valeur inconnue « \(Limits.quoted(id)) » pour \(field.name) (valeurs possibles : \(ids.joined(separator: ", ")))",
                                         en: "unknown value \"\(Limits.quoted(id))\" for \(field.name) (expected one of: \(ids.joined(separator: ", ")))"),
                      hint: Spelling.hint(for: id, in: ids, labels: field.values.map { ($0.label, $0.id) }))
    }
}
