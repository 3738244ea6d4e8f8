import YAML

/// Parses JSON (RFC 8259) into a positioned node tree (objects, arrays, strings, numbers,
/// booleans, null), so that what is read from JSON is typed exactly like YAML: the one JSON
/// reader of the corpus lines and of the imported diagnoses. Faster than going through libyaml
/// for millions of lines, and strict where YAML is lenient: `NaN`, `Infinity`, a number out of
/// range (`1e999999`), a number JSON does not write (`+1`, `.5`, `01`, `0x10`), an unquoted
/// key, a comment or any other YAML syntax is an error at its line and column.
enum JSONParser {
    /// One line of a corpus, numbered `line`.
    static func parse(_ scalars: [Unicode.Scalar], line: Int) -> Result<Node, YAMLError> {
        var parser = State(scalars: scalars, line: line)
        return parser.wholeValue()
    }

    /// A whole JSON document (several lines, a byte order mark allowed); nil for an empty one.
    /// A duplicate key is not fatal here, as in a YAML document: the first value is kept and
    /// each repeat is returned beside the tree, so that the reader reports it with the rest.
    static func parse(document bytes: [UInt8]) -> Result<Document, YAMLError> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            let valid = String(decoding: body, as: UTF8.self).unicodeScalars.prefix { $0 != "\u{FFFD}" }
            let line = valid.filter { $0 == "\n" }.count + 1
            return .failure(.invalidUTF8(mark: Mark(line: line, column: 1)))
        }
        let scalars = Array(text.unicodeScalars)
        var parser = State(scalars: scalars, line: 1)
        parser.keepsDuplicates = true
        parser.skipSpaces()
        if parser.index == scalars.count { return .success(Document(root: nil, duplicateKeys: [])) }
        return parser.wholeValue().map { Document(root: $0, duplicateKeys: parser.duplicateKeys) }
    }

    /// A number as JSON writes it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: "0") { bytes = bytes.dropFirst() } else if digits() == 0 { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            if digits() == 0 { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            if digits() == 0 { return false }
        }
        return bytes.isEmpty
    }

    /// Whether `bytes` are meant as JSON: named `.json`, or, when the name does not say
    /// (standard input, another extension), beginning with `{` or `[`.
    static func isJSON(_ bytes: [UInt8], path: String) -> Bool {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") { return true }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return false }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let first = body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    private struct State {
        let scalars: [Unicode.Scalar]
        var line: Int
        /// Where the current line starts in `scalars` (for columns).
        var lineStart = 0
        var index = 0
        /// Whether a repeated key is set aside in `duplicateKeys` (a document) rather than an
        /// error (a corpus line).
        var keepsDuplicates = false
        var duplicateKeys: [YAMLError] = []

        init(scalars: [Unicode.Scalar], line: Int) {
            self.scalars = scalars
            self.line = line
        }

        var mark: Mark { Mark(line: line, column: index - lineStart + 1) }

        func error(_ problem: String) -> YAMLError { .syntax(problem: problem, mark: mark, context: "JSON") }

        /// One JSON value and nothing after it but spaces.
        mutating func wholeValue() -> Result<Node, YAMLError> {
            do throws(YAMLError) {
                let node = try value()
                skipSpaces()
                if index < scalars.count { throw error("unexpected text after the JSON value") }
                return .success(node)
            } catch {
                return .failure(error)
            }
        }

        /// JSON's white space: space, tab, line feed, carriage return.
        mutating func skipSpaces() {
            while index < scalars.count {
                switch scalars[index] {
                case " ", "\t", "\r": index += 1
                case "\n":
                    index += 1
                    line += 1
                    lineStart = index
                default: return
                }
            }
        }

        /// One value; objects and lists nest at most `YAMLParser.depthLimit` deep (the recursion
        /// is bounded by that, not by the input).
        mutating func value(depth: Int = 0) throws(YAMLError) -> Node {
            skipSpaces()
            guard index < scalars.count else { throw error("missing value") }
            let start = mark
            if scalars[index] == "{" || scalars[index] == "[", depth >= YAMLParser.depthLimit {
                throw .tooDeep(limit: YAMLParser.depthLimit, mark: start)
            }
            switch scalars[index] {
            case "{":
                index += 1
                var pairs: [Pair] = []
                var seen: [String: Mark] = [:]
                skipSpaces()
                if index < scalars.count, scalars[index] == "}" { index += 1; return Node(.mapping(pairs), mark: start) }
                while true {
                    skipSpaces()
                    guard index < scalars.count, scalars[index] == "\"" else { throw error("expected a quoted key") }
                    let key = try string()
                    let text = key.scalar?.text ?? ""
                    var repeated = false
                    if let first = seen[text] {
                        let duplicate = YAMLError.duplicateKey(key: text, mark: key.mark, first: first)
                        guard keepsDuplicates else { throw duplicate }
                        duplicateKeys.append(duplicate)
                        repeated = true
                    } else {
                        seen[text] = key.mark
                    }
                    skipSpaces()
                    guard index < scalars.count, scalars[index] == ":" else { throw error("expected \":\" after the key") }
                    index += 1
                    let item = try value(depth: depth + 1)
                    if !repeated { pairs.append(Pair(key: key, value: item)) }
                    skipSpaces()
                    guard index < scalars.count else { throw error("the object is never closed") }
                    if scalars[index] == "," { index += 1; continue }
                    if scalars[index] == "}" { index += 1; return Node(.mapping(pairs), mark: start) }
                    throw error("expected \",\" or \"}\"")
                }
            case "[":
                index += 1
                var items: [Node] = []
                skipSpaces()
                if index < scalars.count, scalars[index] == "]" { index += 1; return Node(.sequence(items), mark: start) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipSpaces()
                    guard index < scalars.count else { throw error("the list is never closed") }
                    if scalars[index] == "," { index += 1; continue }
                    if scalars[index] == "]" { index += 1; return Node(.sequence(items), mark: start) }
                    throw error("expected \",\" or \"]\"")
                }
            case "\"":
                return try string()
            default:
                // Numbers, true, false, null: kept as plain text for typing by the field.
                let begin = index
                while index < scalars.count, !" \t\r\n,]}".unicodeScalars.contains(scalars[index]) { index += 1 }
                let text = String(String.UnicodeScalarView(scalars[begin..<index]))
                if ["nan", "infinity", "-infinity", "+infinity", "inf", "-inf", "+inf"].contains(text.lowercased()) {
                    index = begin
                    throw error("NaN and Infinity are not JSON numbers")
                }
                guard text == "true" || text == "false" || text == "null" || JSONParser.isNumber(text) else {
                    index = begin
                    throw error("unexpected \"\(Limits.quoted(text))\"")
                }
                guard text.first?.isLetter == true || Double(text)?.isFinite == true else {
                    index = begin
                    throw error("number out of range")
                }
                return Node(.scalar(Scalar(text: text, style: .plain)), mark: start)
            }
        }

        /// A quoted string, read by `JSONStringScanner` (RFC 8259); a problem is reported at
        /// its column, an unclosed string at its opening quote.
        mutating func string() throws(YAMLError) -> Node {
            let start = mark
            do throws(JSONStringScanner.Failure) {
                let (text, next) = try JSONStringScanner.scan(scalars, quote: index)
                index = next
                return Node(.scalar(Scalar(text: text, style: .doubleQuoted)), mark: start)
            } catch {
                if error.problem == .unclosed { throw .unclosedQuote(mark: start) }
                throw .syntax(problem: error.problem.phrase.en, mark: Mark(line: line, column: error.offset - lineStart + 1), context: "JSON")
            }
        }
    }
}
