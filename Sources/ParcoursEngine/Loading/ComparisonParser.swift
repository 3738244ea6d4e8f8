/// Parses one comparison as rule authors write it, into tests on field values:
///
///     autonomy <= 2            french_level between A1 and B1     vehicle
///     age between 18 and 25    justice_status in [incarcerated, released]
///     barriers includes childcare        barriers includes any [housing, health]
///     barriers excludes mobility         not driving_licence      gender != male
///
/// A bare name is a yes/no field or a derived fact.
struct ComparisonParser {
    private enum TokenKind: Equatable {
        case word(String), number(Int), symbol(String)
    }

    private struct Token {
        let kind: TokenKind
        let offset: Int
        let text: String

        /// The token as a field's kind reads a value from it.
        var conditionKind: ConditionToken.Kind {
            switch kind {
            case .word(let word): return .word(word)
            case .number(let number): return .number(number)
            case .symbol(let symbol): return .symbol(symbol)
            }
        }
    }

    let text: String
    let origin: SourceLocation
    let exact: Bool
    let vocabulary: Vocabulary
    let facts: FactNames
    private(set) var diagnostics: [Diagnostic] = []
    private var tokens: [Token] = []
    private var position = 0

    init(text: String, origin: SourceLocation, exact: Bool, vocabulary: Vocabulary, facts: FactNames) {
        self.text = text
        self.origin = origin
        self.exact = exact
        self.vocabulary = vocabulary
        self.facts = facts
    }

    /// The comparison, or nil with diagnostics.
    mutating func parse() -> Condition? {
        guard tokenize() else { return nil }
        guard !tokens.isEmpty else {
            error(.conditionSyntax, at: 0, Phrase("condition vide", en: "empty condition"))
            return nil
        }
        guard let meaning = parseNegatable() else { return nil }
        if position < tokens.count {
            let token = tokens[position]
            error(.conditionSyntax, at: token.offset, Phrase("« \(Limits.quoted(token.text)) » inattendu après la comparaison", en: "unexpected \"\(Limits.quoted(token.text))\" after the comparison"),
                  hint: Phrase("une comparaison par ligne ; combinez-les avec all: ou any:", en: "write one comparison per line; combine them with all: or any:"))
            return nil
        }
        if case .fact = meaning { return meaning }
        return .comparison(Comparison(text: text.trimmingSpaces, location: location(at: 0), meaning: meaning))
    }

    // MARK: Grammar

    /// `not not ... comparison`, read without recursion (however many `not`s are written).
    private mutating func parseNegatable() -> Condition? {
        var negations = 0
        while case .word("not") = peek?.kind {
            position += 1
            negations += 1
        }
        if peek == nil && negations > 0 {
            error(.conditionSyntax, at: lastOffset, Phrase("« not » demande une comparaison après lui", en: "\"not\" needs a comparison after it"), hint: Phrase("par ex. not driving_licence", en: "e.g. not driving_licence"))
            return nil
        }
        guard var condition = parseComparison() else { return nil }
        // Two negations cancel out; the meaning is the same, and no tree grows with the input.
        if negations % 2 == 1 { condition = .not(condition) }
        return condition
    }

    /// Where the last token read (or the end of the text) starts: where an "expected ..." points.
    private var lastOffset: Int {
        guard !tokens.isEmpty else { return 0 }
        return tokens[Swift.min(Swift.max(position - 1, 0), tokens.count - 1)].offset
    }

    private mutating func parseComparison() -> Condition? {
        guard let nameToken = next(), case .word(let name) = nameToken.kind else {
            error(.conditionSyntax, at: lastOffset, Phrase("une comparaison commence par un nom de champ", en: "a comparison starts with a field name"))
            return nil
        }
        guard let field = vocabulary.field(named: name) else {
            if facts.known.contains(name) {
                if position < tokens.count {
                    error(.conditionSyntax, at: tokens[position].offset, Phrase("« \(Limits.quoted(name)) » est un fait : il est vrai ou faux et ne se compare pas", en: "\"\(Limits.quoted(name))\" is a fact: it is true or false and takes no comparison"))
                    return nil
                }
                return .fact(name: name, location: location(at: nameToken.offset))
            }
            error(.unknownField, at: nameToken.offset, Phrase("champ inconnu « \(Limits.quoted(name)) »", en: "unknown field \"\(Limits.quoted(name))\""),
                  hint: Spelling.hint(for: name, in: vocabulary.names + facts.names, labels: vocabulary.fields.map { ($0.label, $0.name) }))
            return nil
        }
        guard let operatorToken = next() else {
            if field.kind.operators.contains(.bare) { return test(field, ValueSet(1)) }
            error(.operatorMismatch, at: nameToken.offset, Phrase("\(name) n'est pas un champ oui/non : comparez-le à une valeur", en: "\(name) is not a yes/no field: compare it to a value"),
                  hint: example(for: field))
            return nil
        }
        switch operatorToken.kind {
        case .symbol(let symbol):
            return parseOperator(symbol, field: field, token: operatorToken)
        case .word("between"):
            guard requireOrdered(field, operatorToken),
                  let low = value(of: field), expectWord("and"), let high = value(of: field) else { return nil }
            guard low <= high else {
                error(.outOfRange, at: operatorToken.offset, Phrase("intervalle vide : la première borne dépasse la seconde", en: "empty range: the first bound is above the second"))
                return nil
            }
            return test(field, ValueSet([low...high]))
        case .word("in"):
            guard requireScalar(field, operatorToken), let values = list(of: field) else { return nil }
            return test(field, ValueSet(values.map { $0...$0 }))
        case .word("not"):
            guard expectWord("in"), requireScalar(field, operatorToken), let values = list(of: field) else { return nil }
            return .not(test(field, ValueSet(values.map { $0...$0 })))
        case .word("is"):
            var negated = false
            if case .word("not") = peek?.kind {
                position += 1
                negated = true
            }
            guard requireScalar(field, operatorToken), let value = value(of: field) else { return nil }
            let condition = test(field, ValueSet(value))
            return negated ? .not(condition) : condition
        case .word("includes"), .word("excludes"):
            guard field.kind.operators.contains(.membership) else {
                error(.operatorMismatch, at: operatorToken.offset, Phrase("« \(Limits.quoted(operatorToken.text)) » s'applique aux champs set ; \(name) a une seule valeur", en: "\"\(Limits.quoted(operatorToken.text))\" applies to set fields; \(name) holds one value"),
                      hint: example(for: field))
                return nil
            }
            let includes = operatorToken.text == "includes"
            var mode = "one"
            if case .word(let word) = peek?.kind, word == "any" || word == "all" {
                mode = word
                position += 1
            }
            let elements: [Int]
            if mode == "one", case .symbol("[")? = peek?.kind {
                error(.conditionSyntax, at: tokens[position].offset, Phrase("une liste après « \(Limits.quoted(operatorToken.text)) » demande « any » ou « all »", en: "a list after \"\(Limits.quoted(operatorToken.text))\" needs \"any\" or \"all\""),
                      hint: Phrase("écrivez \(name) \(operatorToken.text) any [...] ou \(name) \(operatorToken.text) all [...]", en: "write \(name) \(operatorToken.text) any [...] or \(name) \(operatorToken.text) all [...]"))
                return nil
            } else if mode == "one" {
                guard let element = value(of: field) else { return nil }
                elements = [element]
            } else {
                guard let values = list(of: field) else { return nil }
                elements = values
            }
            let tests = elements.map { Condition.test(Test(key: ValueKey(field: field.index, element: $0), allowed: ValueSet(includes ? 1 : 0))) }
            if tests.count == 1, let only = tests.first { return only }
            // "excludes any [a, b]": at least one is missing; "excludes all [a, b]": none is there.
            return mode == "all" ? .all(tests) : .any(tests)
        default:
            error(.conditionSyntax, at: operatorToken.offset, Phrase("« \(Limits.quoted(operatorToken.text)) » inattendu après \(name)", en: "unexpected \"\(Limits.quoted(operatorToken.text))\" after \(name)"),
                  hint: example(for: field))
            return nil
        }
    }

    private mutating func parseOperator(_ symbol: String, field: Field, token: Token) -> Condition? {
        guard ["=", "==", "!=", "<", "<=", ">", ">="].contains(symbol) else {
            error(.conditionSyntax, at: token.offset, Phrase("« \(Limits.quoted(symbol)) » inattendu après \(field.name)", en: "unexpected \"\(Limits.quoted(symbol))\" after \(field.name)"), hint: example(for: field))
            return nil
        }
        guard requireScalar(field, token) else { return nil }
        if ["<", "<=", ">", ">="].contains(symbol) {
            guard requireOrdered(field, token) else { return nil }
        }
        guard let value = value(of: field) else { return nil }
        let domain = field.domain
        switch symbol {
        case "=", "==": return test(field, ValueSet(value))
        case "!=": return .not(test(field, ValueSet(value)))
        case "<": return test(field, value > domain.lowerBound ? ValueSet([domain.lowerBound...(value - 1)]) : .empty)
        case "<=": return test(field, ValueSet([domain.lowerBound...value]))
        case ">": return test(field, value < domain.upperBound ? ValueSet([(value + 1)...domain.upperBound]) : .empty)
        default: return test(field, ValueSet([value...domain.upperBound]))
        }
    }

    private func test(_ field: Field, _ allowed: ValueSet) -> Condition {
        .test(Test(key: ValueKey(field: field.index), allowed: allowed))
    }

    // MARK: Values

    /// The next token as a value of `field`, encoded as an integer.
    private mutating func value(of field: Field) -> Int? {
        guard let token = next() else {
            error(.conditionSyntax, at: text.unicodeScalars.count, Phrase("valeur manquante après \(tokens.last?.text ?? field.name)", en: "missing value after \(tokens.last?.text ?? field.name)"),
                  hint: example(for: field))
            return nil
        }
        switch field.kind.conditionValue(ConditionToken(token.conditionKind, text: token.text), of: field) {
        case .success(let value): return value
        case .failure(let problem):
            error(problem.code, at: token.offset, problem.message, hint: problem.hint)
            return nil
        }
    }

    /// `[a, b, c]` as values of `field`.
    private mutating func list(of field: Field) -> [Int]? {
        guard let open = next(), open.kind == .symbol("[") else {
            error(.conditionSyntax, at: lastOffset, Phrase("liste entre crochets attendue, par ex. [a, b]", en: "expected a list in brackets, e.g. [a, b]"))
            return nil
        }
        if case .symbol("]")? = peek?.kind {
            error(.conditionSyntax, at: open.offset, Phrase("la liste est vide : une condition « in [] » ne tiendrait jamais",
                                                            en: "the list is empty: a condition \"in []\" would never hold"),
                  hint: Phrase("nommez au moins une valeur de \(field.name) entre les crochets", en: "name at least one value of \(field.name) in the brackets"))
            return nil
        }
        var values: [Int] = []
        while true {
            guard let value = value(of: field) else { return nil }
            values.append(value)
            guard let separator = next() else {
                error(.conditionSyntax, at: open.offset, Phrase("la liste n'est jamais fermée", en: "the list is never closed"), hint: Phrase("ajoutez le ] fermant", en: "add the closing ]"))
                return nil
            }
            if separator.kind == .symbol("]") { return values }
            guard separator.kind == .symbol(",") else {
                error(.conditionSyntax, at: separator.offset, Phrase("« , » ou « ] » attendu dans la liste, trouvé : « \(Limits.quoted(separator.text)) »", en: "expected \",\" or \"]\" in the list, found \"\(Limits.quoted(separator.text))\""))
                return nil
            }
        }
    }

    private mutating func expectWord(_ word: String) -> Bool {
        if let token = next(), token.kind == .word(word) { return true }
        error(.conditionSyntax, at: lastOffset, Phrase("« \(Limits.quoted(word)) » attendu", en: "expected \"\(Limits.quoted(word))\""))
        return false
    }

    private mutating func requireScalar(_ field: Field, _ token: Token) -> Bool {
        if !field.kind.operators.contains(.equality) {
            error(.operatorMismatch, at: token.offset, Phrase("\(field.name) a plusieurs valeurs : utilisez includes ou excludes", en: "\(field.name) holds several values: use includes or excludes"),
                  hint: example(for: field))
            return false
        }
        return true
    }

    private mutating func requireOrdered(_ field: Field, _ token: Token) -> Bool {
        if field.kind.operators.contains(.order) { return true }
        error(.operatorMismatch, at: token.offset, Phrase("« \(Limits.quoted(token.text)) » demande un champ ordonné ; \(field.name) est de type \(field.kind.keyword)", en: "\"\(Limits.quoted(token.text))\" needs an ordered field; \(field.name) is \(field.kind.keyword)"),
              hint: example(for: field))
        return false
    }

    private func example(for field: Field) -> Phrase {
        let examples = field.kind.examples(field.name)
        return Phrase("par ex. " + examples, en: "e.g. " + examples)
    }

    // MARK: Tokens

    private var peek: Token? { position < tokens.count ? tokens[position] : nil }

    /// The next token, or nil at the end (the position never moves past the end).
    private mutating func next() -> Token? {
        guard let token = peek else { return nil }
        position += 1
        return token
    }

    private mutating func tokenize() -> Bool {
        // Read on the UTF-8 bytes (words are cut from them, no string built scalar by scalar);
        // offsets count scalars, as columns do.
        var cursor = Cursor(bytes: Array(text.utf8))
        while let scalar = cursor.scalar {
            let start = cursor.column
            let first = cursor.index
            if Self.isSpace(scalar) {
                cursor.advance()
            } else if scalar == "-" || ("0"..."9").contains(scalar) {
                cursor.advance()
                while let next = cursor.scalar, ("0"..."9").contains(next) { cursor.advance() }
                let word = cursor.text(from: first)
                guard let number = Int(word) else {
                    error(.conditionSyntax, at: start, Phrase("« \(Limits.quoted(word)) » n'est pas un nombre", en: "\"\(Limits.quoted(word))\" is not a number"))
                    return false
                }
                // A value like `2b` is a word, not a number.
                if let next = cursor.scalar, Self.isLetter(next) || next == "_" {
                    while let next = cursor.scalar, isWordCharacter(next) { cursor.advance() }
                    let word = cursor.text(from: first)
                    tokens.append(Token(kind: .word(word), offset: start, text: word))
                } else {
                    tokens.append(Token(kind: .number(number), offset: start, text: word))
                }
            } else if isWordCharacter(scalar) {
                while let next = cursor.scalar, isWordCharacter(next) { cursor.advance() }
                let word = cursor.text(from: first)
                tokens.append(Token(kind: .word(word), offset: start, text: word))
            } else if "<>=!".unicodeScalars.contains(scalar) {
                cursor.advance()
                if cursor.scalar == "=" { cursor.advance() }
                let symbol = cursor.text(from: first)
                if symbol == "!" {
                    error(.conditionSyntax, at: start, Phrase("« ! » inattendu", en: "unexpected \"!\""), hint: Phrase("écrivez != pour « différent de », ou not devant une condition", en: "write != for \"differs from\", or not before a condition"))
                    return false
                }
                tokens.append(Token(kind: .symbol(symbol), offset: start, text: symbol))
            } else if "[],".unicodeScalars.contains(scalar) {
                tokens.append(Token(kind: .symbol(String(scalar)), offset: start, text: String(scalar)))
                cursor.advance()
            } else {
                error(.conditionSyntax, at: start, Phrase("caractère inattendu « \(Limits.quoted(String(scalar))) » dans la condition", en: "unexpected character \"\(Limits.quoted(String(scalar)))\" in the condition"))
                return false
            }
        }
        return true
    }

    /// A position in the condition's UTF-8 bytes, with the number of scalars before it.
    private struct Cursor {
        let bytes: [UInt8]
        private(set) var index = 0
        private(set) var column = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        /// The scalar at the cursor (decoded from valid UTF-8: the text is a Swift string).
        var scalar: Unicode.Scalar? {
            guard index < bytes.count else { return nil }
            let lead = bytes[index]
            if lead < 0x80 { return Unicode.Scalar(lead) }
            var value = UInt32(lead & (lead >= 0xF0 ? 0x07 : lead >= 0xE0 ? 0x0F : 0x1F))
            for offset in 1..<width where index + offset < bytes.count { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            return Unicode.Scalar(value)
        }

        private var width: Int {
            let lead = bytes[index]
            return lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        }

        mutating func advance() {
            index = min(index + width, bytes.count)
            column += 1
        }

        /// The text from byte `start` to the cursor.
        func text(from start: Int) -> String {
            String(decoding: bytes[start..<index], as: UTF8.self)
        }
    }

    private func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        Self.isLetter(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
    }

    /// ASCII answered directly; Unicode's tables only for the rest (they cost far more).
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
        return scalar.properties.isAlphabetic
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0B}" || scalar == "\u{0C}" }
        return scalar.properties.isWhitespace
    }

    // MARK: Diagnostics

    private func location(at offset: Int) -> SourceLocation {
        exact ? SourceLocation(file: origin.file, line: origin.line, column: origin.column + offset) : origin
    }

    private mutating func error(_ code: DiagnosticCode, at offset: Int, _ message: Phrase, hint: Phrase? = nil) {
        let condition = text.trimmingSpaces
        diagnostics.append(Diagnostic(.error, code, at: location(at: offset),
                                      Phrase("\(message.fr) dans « \(Limits.quoted(condition)) »", en: "\(message.en) in \"\(Limits.quoted(condition))\""), hint: hint))
    }
}
