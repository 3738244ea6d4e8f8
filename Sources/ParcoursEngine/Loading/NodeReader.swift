import YAML

/// The known keys of a mapping and their values. Mappings have a handful of keys: a scan
/// beats hashing, and the keys keep their document order.
struct KeyedNodes: Sendable {
    private var pairs: [(key: String, value: Node)] = []

    subscript(key: String) -> Node? {
        get { pairs.first { $0.key == key }?.value }
        set {
            pairs.removeAll { $0.key == key }
            if let newValue { pairs.append((key, newValue)) }
        }
    }
}

/// Reads the YAML nodes of one file into typed values, collecting every problem as a
/// positioned diagnostic instead of stopping at the first.
///
/// At most `Limits.diagnostics` problems are kept; the rest are only counted, in one last
/// `too-many` diagnostic, and their messages and hints (spelling suggestions) never computed.
package struct NodeReader: Sendable {
    let file: String
    var diagnostics: [Diagnostic] = []
    /// Where the `too-many` diagnostic is, once problems are left out.
    private var omittedAt: Int?

    init(file: String) {
        self.file = file
    }

    func location(_ node: Node) -> SourceLocation { SourceLocation(file: file, mark: node.mark) }

    /// Records a problem, or counts it past the limit.
    private mutating func add(_ severity: Severity, _ code: DiagnosticCode, at location: SourceLocation, _ message: () -> Phrase, hint: () -> Phrase?,
                              notes: [DiagnosticNote] = []) {
        guard diagnostics.count >= Limits.diagnostics else {
            var diagnostic = Diagnostic(severity, code, at: location, message(), hint: hint())
            diagnostic.notes = notes
            diagnostics.append(diagnostic)
            return
        }
        let one = OmittedCount(errors: severity == .error ? 1 : 0, warnings: severity == .warning ? 1 : 0)
        if let index = omittedAt, index < diagnostics.count, let count = diagnostics[index].omitted {
            diagnostics[index] = .omitted(errors: count.errors + one.errors, warnings: count.warnings + one.warnings, at: diagnostics[index].location)
        } else {
            omittedAt = diagnostics.count
            diagnostics.append(.omitted(errors: one.errors, warnings: one.warnings, at: location))
        }
    }

    /// Records an error at `location`.
    mutating func report(_ code: DiagnosticCode, at location: SourceLocation, _ message: @autoclosure () -> Phrase, hint: @autoclosure () -> Phrase? = nil) {
        add(.error, code, at: location, message, hint: hint)
    }

    /// Records an error at `node`.
    mutating func report(_ code: DiagnosticCode, _ node: Node, _ message: @autoclosure () -> Phrase, hint: @autoclosure () -> Phrase? = nil,
                         notes: [DiagnosticNote] = []) {
        add(.error, code, at: location(node), message, hint: hint, notes: notes)
    }

    /// Records a warning at `node`.
    mutating func warn(_ code: DiagnosticCode, _ node: Node, _ message: @autoclosure () -> Phrase, hint: @autoclosure () -> Phrase? = nil) {
        add(.warning, code, at: location(node), message, hint: hint)
    }

    /// Turns a YAML error into a diagnostic of this file.
    mutating func report(_ error: YAMLError) {
        let code = DiagnosticCode(rawValue: error.code) ?? .yamlSyntax
        report(code, at: SourceLocation(file: file, mark: error.mark), error.phrase, hint: error.hintPhrase)
    }

    /// The entries of the one section of a file made of a single mapping (`sources:` of
    /// `sources.yaml`, `acronyms:` of `glossaire.yaml`), nil when absent or not a mapping (said).
    mutating func section(_ key: String, of root: Node, _ what: Phrase, _ shape: KeyShape, expected: Phrase) -> [Pair]? {
        guard let keys = keys(of: root, what, shape), let list = keys[key] else { return nil }
        guard let pairs = list.mapping else {
            report(.typeMismatch, list, Phrase("\(key) : il faut \(expected.fr) (mapping)", en: "\(key): expected \(expected.en) (a mapping)"))
            return nil
        }
        return pairs
    }

    /// The keys of a mapping, after reporting unknown keys (with a suggestion) and missing required ones.
    mutating func keys(of node: Node, _ what: Phrase, _ shape: KeyShape) -> KeyedNodes? {
        keys(of: node, what, required: shape.required, optional: shape.optional)
    }

    mutating func keys(of node: Node, _ what: Phrase, required: [String], optional: [String]) -> KeyedNodes? {
        guard let pairs = node.mapping else {
            report(.typeMismatch, node, Phrase("mapping attendu pour \(what.fr), trouvé : \(node.kind.fr)", en: "expected a mapping for \(what.en), found \(node.kind.en)"))
            return nil
        }
        let known = required + optional
        var result = KeyedNodes()
        for pair in pairs {
            let key = pair.key.scalar?.text ?? ""
            if known.contains(key) {
                result[key] = pair.value
            } else {
                report(.unknownKey, pair.key, Phrase("clé inconnue « \(Limits.quoted(key)) » dans \(what.fr) (clés possibles : \(known.joined(separator: ", ")))",
                                                     en: "unknown key \"\(Limits.quoted(key))\" in \(what.en) (expected: \(known.joined(separator: ", ")))"),
                       hint: Spelling.hint(for: key, in: known))
            }
        }
        for key in required where result[key] == nil {
            let code: DiagnosticCode = key == "source" ? .missingSource : key == "why" ? .missingWhy : .missingKey
            report(code, node, Phrase("\(what.fr) : « \(Limits.quoted(key)) » manque", en: "\(what.en) has no \"\(Limits.quoted(key))\""),
                   hint: key == "source" ? Phrase("citez le document source et sa section, par ex. « 002, partie II, 2.1 »", en: "cite the seed document and section, e.g. \"002, partie II, 2.1\"") : nil)
        }
        return result
    }

    /// A non-empty text.
    mutating func text(_ node: Node, _ what: Phrase) -> String? {
        guard let scalar = node.scalar, !node.isNull else {
            report(.typeMismatch, node, Phrase("texte attendu pour \(what.fr), trouvé : \(node.kind.fr)", en: "expected text for \(what.en), found \(node.kind.en)"))
            return nil
        }
        let trimmed = scalar.text.trimmingSpaces
        if trimmed.isEmpty {
            report(.typeMismatch, node, Phrase("\(what.fr) est vide", en: "\(what.en) is empty"))
            return nil
        }
        return trimmed
    }

    /// An identifier: `[a-z][a-z0-9_]*`, or with capitals too for value ids (`A1`).
    mutating func identifier(_ node: Node, _ what: Phrase, capitals: Bool = false) -> String? {
        guard let text = text(node, what) else { return nil }
        guard text.isIdentifier(capitals: capitals) else {
            let letters = capitals ? Phrase("des lettres", en: "letters") : Phrase("des minuscules", en: "lowercase letters")
            report(.typeMismatch, node, Phrase("\(what.fr) « \(Limits.quoted(text)) » n'est pas un identifiant valide", en: "\(what.en) \"\(Limits.quoted(text))\" is not a valid id"),
                   hint: Phrase("utilisez \(letters.fr), des chiffres et _, en commençant par une lettre", en: "use \(letters.en), digits and _, starting with a letter"))
            return nil
        }
        return text
    }

    /// A whole number written without quotes.
    mutating func integer(_ node: Node, _ what: Phrase) -> Int? {
        guard let text = node.plainText, let value = Int(text) else {
            let found = node.scalar.map { Phrase.quoted($0.text) } ?? node.kind
            report(.typeMismatch, node, Phrase("nombre entier attendu pour \(what.fr), trouvé : \(found.fr)", en: "expected a whole number for \(what.en), found \(found.en)"),
                   hint: node.scalar.map { $0.style.isQuoted && Int($0.text) != nil } == true ? Phrase("retirez les guillemets", en: "remove the quotes") : nil)
            return nil
        }
        return value
    }

    /// `true` or `false`, nothing else (`yes`, `no`, `on` are refused, not guessed).
    mutating func boolean(_ node: Node, _ what: Phrase) -> Bool? {
        if let scalar = node.scalar, scalar.style == .plain {
            if scalar.text == "true" { return true }
            if scalar.text == "false" { return false }
        }
        let found = node.scalar.map { Phrase.quoted($0.text) } ?? node.kind
        report(.typeMismatch, node, Phrase("true ou false attendu pour \(what.fr), trouvé : \(found.fr)", en: "expected true or false for \(what.en), found \(found.en)"),
               hint: Phrase("écrivez true ou false", en: "write true or false"))
        return nil
    }

    /// A calendar date `YYYY-MM-DD` (quoted or not).
    mutating func date(_ node: Node, _ what: Phrase) -> String? {
        guard let text = text(node, what) else { return nil }
        guard Validity.isDate(text) else {
            report(.typeMismatch, node, Phrase("date AAAA-MM-JJ attendue pour \(what.fr), trouvé : « \(Limits.quoted(text)) »", en: "expected a date YYYY-MM-DD for \(what.en), found \"\(Limits.quoted(text))\""),
                   hint: Phrase("par ex. 2026-01-01", en: "e.g. 2026-01-01"))
            return nil
        }
        return text
    }

    /// `valid_from` / `valid_until` among `keys`; nil when a date is wrong or the period is empty.
    mutating func validity(_ keys: KeyedNodes, at node: Node) -> Validity? {
        var validity = Validity()
        if let from = keys["valid_from"] {
            guard let date = date(from, .same("valid_from")) else { return nil }
            validity.from = date
        }
        if let until = keys["valid_until"] {
            guard let date = date(until, .same("valid_until")) else { return nil }
            validity.until = date
        }
        if let from = validity.from, let until = validity.until, from > until {
            report(.outOfRange, node, Phrase("valid_from \(from) est après valid_until \(until)", en: "valid_from \(from) is after valid_until \(until)"))
            return nil
        }
        return validity
    }

    /// The items of a list.
    mutating func list(_ node: Node, _ what: Phrase) -> [Node]? {
        guard let items = node.sequence else {
            report(.typeMismatch, node, Phrase("liste attendue pour \(what.fr), trouvé : \(node.kind.fr)", en: "expected a list for \(what.en), found \(node.kind.en)"))
            return nil
        }
        return items
    }

    /// A list of texts; an empty value counts as an empty list.
    mutating func texts(_ node: Node, _ what: Phrase) -> [String]? {
        if node.isNull { return [] }
        guard let items = list(node, what) else { return nil }
        var result: [String] = []
        for item in items {
            if let value = text(item, what) { result.append(value) }
        }
        return result
    }
}

extension String {
    var trimmingSpaces: String {
        // Most texts have nothing to trim: say so from their first and last bytes.
        func plain(_ byte: UInt8?) -> Bool { byte.map { $0 > 0x20 && $0 < 0x80 } ?? true }
        if plain(utf8.first) && plain(utf8.last) { return self }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    /// `[a-z][a-z0-9_]*`, capitals allowed when asked.
    func isIdentifier(capitals: Bool = false) -> Bool {
        func letter(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || (capitals && ("A"..."Z").contains(scalar))
        }
        guard let first = unicodeScalars.first, letter(first) else { return false }
        return unicodeScalars.allSatisfy { letter($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
