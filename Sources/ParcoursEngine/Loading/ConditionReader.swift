import YAML

/// Reads a condition node: a comparison text, a list (all of them), or a mapping with one
/// key among `all`, `any`, `not`.
struct ConditionReader: Sendable {
    let vocabulary: Vocabulary
    let facts: FactNames

    init(vocabulary: Vocabulary, factNames: [String]) {
        self.vocabulary = vocabulary
        self.facts = FactNames(factNames)
    }

    func read(_ node: Node, into reader: inout NodeReader) -> Condition? {
        if node.isNull {
            reader.report(.typeMismatch, node, Phrase("condition attendue, trouvé : une valeur vide", en: "expected a condition, found an empty value"))
            return nil
        }
        if let scalar = node.scalar {
            let origin = start(of: node, scalar, file: reader.file)
            var parser = ComparisonParser(text: scalar.text, origin: origin.location, exact: origin.exact,
                                          vocabulary: vocabulary, facts: facts)
            let condition = parser.parse()
            reader.diagnostics.append(contentsOf: parser.diagnostics)
            return condition
        }
        if let items = node.sequence {
            return readAll(items, into: &reader).map(Condition.all)
        }
        guard let pairs = node.mapping else { return nil }
        // A condition in force for a period: {when: ..., valid_from: ..., valid_until: ...}.
        if node["when"] != nil {
            guard let keys = reader.keys(of: node, Phrase("une condition datée", en: "a dated condition"), FileShapes.datedCondition),
                  let whenNode = keys["when"], let validity = reader.validity(keys, at: node),
                  let inner = read(whenNode, into: &reader) else { return nil }
            return .dated(inner, validity)
        }
        guard pairs.count == 1, let pair = pairs.first, let key = pair.key.scalar?.text else {
            reader.report(.conditionSyntax, node, Phrase("une condition en mapping a exactement une clé : all, any ou not (ou when avec valid_from / valid_until)", en: "a condition mapping has exactly one key: all, any or not (or when with valid_from / valid_until)"),
                          hint: Phrase("mettez plusieurs conditions dans une liste sous all: ou any:", en: "put several conditions in a list under all: or any:"))
            return nil
        }
        switch key {
        case "all", "any":
            guard let items = reader.list(pair.value, .quoted(key)) else { return nil }
            if items.isEmpty {
                reader.report(.conditionSyntax, pair.value, Phrase("« \(Limits.quoted(key)) » demande au moins une condition", en: "\"\(Limits.quoted(key))\" needs at least one condition"))
                return nil
            }
            guard let conditions = readAll(items, into: &reader) else { return nil }
            return key == "all" ? .all(conditions) : .any(conditions)
        case "not":
            return read(pair.value, into: &reader).map(Condition.not)
        default:
            reader.report(.conditionSyntax, pair.key, Phrase("mot-clé de condition inconnu « \(Limits.quoted(key)) » (possibles : all, any, not)", en: "unknown condition keyword \"\(Limits.quoted(key))\" (expected: all, any, not)"),
                          hint: Spelling.hint(for: key, in: ["all", "any", "not"]))
            return nil
        }
    }

    private func readAll(_ items: [Node], into reader: inout NodeReader) -> [Condition]? {
        var conditions: [Condition] = []
        var failed = false
        for item in items {
            if let condition = read(item, into: &reader) { conditions.append(condition) } else { failed = true }
        }
        return failed ? nil : conditions
    }

    /// Where the text's first character is; tokens of a one-line scalar are positioned exactly.
    private func start(of node: Node, _ scalar: Scalar, file: String) -> (location: SourceLocation, exact: Bool) {
        let exact = !scalar.text.utf8.contains(0x0A) && (scalar.style == .plain || scalar.style.isQuoted)
        let offset = scalar.style.isQuoted ? 1 : 0
        return (SourceLocation(file: file, line: node.mark.line, column: node.mark.column + offset), exact)
    }
}

/// The facts a condition may use: in definition order (for spelling hints) and as a set (for
/// the lookup of each name, so that reading conditions stays linear in the number of facts).
struct FactNames: Sendable {
    let names: [String]
    let known: Set<String>

    init(_ names: [String]) {
        self.names = names
        self.known = Set(names)
    }
}
