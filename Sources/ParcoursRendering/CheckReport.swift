import ParcoursEngine

/// What `check` found, in the formats tools read: JSON (the diagnostics and the rule set's
/// counts) and SARIF 2.1.0 (editors and code review show each problem in place).
package struct CheckReport {
    package let diagnostics: [Diagnostic]
    /// The loaded rule set and its case count; nil when it does not load.
    package let ruleSet: (RuleSet, cases: Int)?

    package init(diagnostics: [Diagnostic], ruleSet: (RuleSet, cases: Int)?) {
        self.diagnostics = diagnostics.capped()
        self.ruleSet = ruleSet
    }

    /// `check --format json`.
    package func json(in language: Language) -> JSONValue {
        let errors = diagnostics.reduce(0) { $0 + $1.counted.errors }
        var summary: JSONValue = .null
        if let (ruleSet, cases) = ruleSet {
            summary = .object([
                ("fingerprint", .string(ruleSet.fingerprint)), ("date", .string(ruleSet.date)),
                ("rules", .int(ruleSet.rules.count)), ("facts", .int(ruleSet.facts.count)), ("schemes", .int(ruleSet.schemes.count)),
                ("cases", .int(cases)), ("catalogue_entries", .int(ruleSet.catalogue.entries.count)), ("fields", .int(ruleSet.vocabulary.fields.count)),
            ])
        }
        return .object([
            ("ok", .bool(errors == 0 && ruleSet != nil)),
            ("errors", .int(errors)),
            ("warnings", .int(diagnostics.reduce(0) { $0 + $1.counted.warnings })),
            ("rule_set", summary),
            ("diagnostics", .array(diagnostics.map { $0.json(in: language) })),
        ])
    }

    /// A SARIF `physicalLocation`: the file as a URI, the line and column (at least 1).
    private static func physical(_ location: SourceLocation) -> JSONValue {
        .object([
            ("artifactLocation", .object([("uri", .string(uri(location.file)))])),
            ("region", .object([("startLine", .int(max(1, location.line))), ("startColumn", .int(max(1, location.column)))])),
        ])
    }

    /// `check --format sarif`: one run, one rule per code met, one result per diagnostic.
    /// Columns count Unicode code points, as the diagnostics do.
    package func sarif(in language: Language, version: String) -> JSONValue {
        var codes: [DiagnosticCode] = []
        for diagnostic in diagnostics where !codes.contains(diagnostic.code) { codes.append(diagnostic.code) }
        codes.sort { $0.rawValue < $1.rawValue }
        let rules: [JSONValue] = codes.map { code in
            .object([("id", .string(code.rawValue)), ("shortDescription", .object([("text", .string(code.summary.text(language)))]))])
        }
        let results: [JSONValue] = diagnostics.map { diagnostic in
            var text = diagnostic.message.text(language)
            if let hint = diagnostic.hint { text += "\n" + (language == .fr ? "conseil : " : "hint: ") + hint.text(language) }
            let location = diagnostic.location
            return .object([
                ("ruleId", .string(diagnostic.code.rawValue)),
                ("ruleIndex", .int(codes.firstIndex(of: diagnostic.code) ?? 0)),
                ("level", .string(diagnostic.severity == .error ? "error" : "warning")),
                ("message", .object([("text", .string(text))])),
                ("locations", .array([.object([("physicalLocation", Self.physical(location))])])),
            ] + (diagnostic.notes.isEmpty ? [] : [
                ("relatedLocations", .array(diagnostic.notes.enumerated().map { index, note in
                    .object([("id", .int(index)), ("physicalLocation", Self.physical(note.location)),
                             ("message", .object([("text", .string(note.message.text(language)))]))])
                })),
            ]))
        }
        let driver: JSONValue = .object([
            ("name", .string("parcours")), ("version", .string(version)), ("semanticVersion", .string(version)),
            ("rules", .array(rules)),
        ])
        return .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", driver)])),
                ("language", .string(language.rawValue)),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", .array(results)),
            ])])),
        ])
    }

    /// A path as a relative URI reference: each segment percent-encoded, `/` kept.
    package static func uri(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            let unreserved = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E || byte == 0x2F
            result += unreserved ? String(UnicodeScalar(byte)) : "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }
        return result
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
