import YAML

/// What reading a profile gives: the typed profile when it has no errors, and every diagnostic.
package struct ProfileResult: Sendable {
    package let profile: Profile?
    package let diagnostics: [Diagnostic]
}

/// Reads a profile (YAML or JSON: a mapping of field names to values) against the vocabulary.
///
/// Values are typed by the field: `no` is refused for a yes/no field rather than guessed,
/// numbers must be in range, and enumeration values must be known. An empty value (`~`,
/// `null`) leaves the field unknown.
package enum ProfileLoader {
    package static func load(_ file: SourceFile, vocabulary: Vocabulary) -> ProfileResult {
        var diagnostics: [Diagnostic] = []
        guard let root = RuleSetLoader.parseDocument(file, into: &diagnostics) else {
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

    /// Types one value through the field's kind and codec (the fast corpus reader decodes
    /// through tables built from the same kind).
    static func value(_ node: Node, of field: Field, codec given: FieldCodec? = nil, reader: inout NodeReader) -> FieldValue? {
        field.kind.read(node, of: field, codec: given ?? FieldCodec(field), reader: &reader)
    }
}
