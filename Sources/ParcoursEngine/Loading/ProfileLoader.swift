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
            reader.report(.typeMismatch, root, "expected a mapping of profile fields, found \(root.kindName)",
                          hint: "write one field per line, e.g. age: 22")
            return ProfileResult(profile: nil, diagnostics: reader.diagnostics)
        }
        var profile = Profile()
        for pair in pairs {
            let name = pair.key.scalar?.text ?? ""
            guard let field = vocabulary.field(named: name) else {
                reader.report(.unknownField, pair.key, "unknown profile field \"\(name)\"",
                              hint: Spelling.hint(for: name, in: vocabulary.names))
                continue
            }
            if pair.value.isNull { continue }
            if let value = value(pair.value, of: field, reader: &reader) { profile[field.index] = value }
        }
        return ProfileResult(profile: reader.diagnostics.hasErrors ? nil : profile, diagnostics: reader.diagnostics.sorted())
    }

    static func value(_ node: Node, of field: Field, reader: inout NodeReader) -> FieldValue? {
        switch field.type {
        case .integer(let min, let max):
            guard let number = reader.integer(node, field.name) else { return nil }
            guard (min...max).contains(number) else {
                reader.report(.outOfRange, node, "\(number) is outside the range of \(field.name) (\(min) to \(max))")
                return nil
            }
            return .scalar(number)
        case .boolean:
            return reader.boolean(node, field.name).map { .scalar($0 ? 1 : 0) }
        case .enumeration(let values, _):
            guard let id = node.scalar?.text, node.sequence == nil, node.mapping == nil else {
                reader.report(.typeMismatch, node, "expected one value for \(field.name), found \(node.kindName)")
                return nil
            }
            guard let index = values.firstIndex(where: { $0.id == id }) else {
                unknown(id, node, field, &reader)
                return nil
            }
            return .scalar(index)
        case .set(let values):
            guard let items = node.sequence else {
                reader.report(.typeMismatch, node, "expected a list for \(field.name), found \(node.kindName)",
                              hint: node.scalar.map { "write [\($0.text)]" })
                return nil
            }
            var mask: UInt64 = 0
            var valid = true
            for item in items {
                guard let id = item.scalar?.text, let index = values.firstIndex(where: { $0.id == id }) else {
                    unknown(item.scalar?.text ?? item.kindName, item, field, &reader)
                    valid = false
                    continue
                }
                let bit = UInt64(1) << UInt64(index)
                if mask & bit != 0 {
                    reader.report(.duplicateKey, item, "\"\(id)\" is listed twice in \(field.name)")
                    valid = false
                }
                mask |= bit
            }
            return valid ? .set(mask) : nil
        }
    }

    private static func unknown(_ id: String, _ node: Node, _ field: Field, _ reader: inout NodeReader) {
        let ids = field.values.map(\.id)
        reader.report(.unknownValue, node, "unknown value \"\(id)\" for \(field.name) (expected one of: \(ids.joined(separator: ", ")))",
                      hint: Spelling.hint(for: id, in: ids))
    }
}
