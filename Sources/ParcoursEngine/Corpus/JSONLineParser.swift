import YAML

/// Parses one line of JSON into a positioned node tree (objects, arrays, strings, numbers,
/// booleans, null), so that profiles read from JSON lines are typed exactly like YAML ones.
/// Faster than going through libyaml for millions of lines, and just as precise on errors.
enum JSONLineParser {
    static func parse(_ scalars: [Unicode.Scalar], line: Int) -> Result<Node, YAMLError> {
        var parser = State(scalars: scalars, line: line)
        do throws(YAMLError) {
            let node = try parser.value()
            parser.skipSpaces()
            if parser.index < scalars.count { throw parser.error("unexpected text after the JSON value") }
            return .success(node)
        } catch {
            return .failure(error)
        }
    }

    private struct State {
        let scalars: [Unicode.Scalar]
        let line: Int
        var index = 0

        init(scalars: [Unicode.Scalar], line: Int) {
            self.scalars = scalars
            self.line = line
        }

        var mark: Mark { Mark(line: line, column: index + 1) }

        func error(_ problem: String) -> YAMLError { .syntax(problem: problem, mark: mark, context: "JSON") }

        mutating func skipSpaces() {
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
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
                var seen: Set<String> = []
                skipSpaces()
                if index < scalars.count, scalars[index] == "}" { index += 1; return Node(.mapping(pairs), mark: start) }
                while true {
                    skipSpaces()
                    guard index < scalars.count, scalars[index] == "\"" else { throw error("expected a quoted key") }
                    let key = try string()
                    guard let text = key.scalar?.text, !seen.contains(text) else {
                        throw .duplicateKey(key: key.scalar?.text ?? "", mark: key.mark, first: start)
                    }
                    seen.insert(text)
                    skipSpaces()
                    guard index < scalars.count, scalars[index] == ":" else { throw error("expected \":\" after the key") }
                    index += 1
                    pairs.append(Pair(key: key, value: try value(depth: depth + 1)))
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
                while index < scalars.count, !" \t,]}".unicodeScalars.contains(scalars[index]) { index += 1 }
                let text = String(String.UnicodeScalarView(scalars[begin..<index]))
                guard text == "true" || text == "false" || text == "null" || Double(text) != nil else {
                    index = begin
                    throw error("unexpected \"\(text)\"")
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
                throw .syntax(problem: error.problem.phrase.en, mark: Mark(line: line, column: error.offset + 1), context: "JSON")
            }
        }
    }
}
