internal import CYAML

/// Reads one YAML document into a `Node` tree, through libyaml.
///
/// Every node keeps its position; duplicate keys, tabs, invalid UTF-8 and unclosed quotes
/// are positioned errors. Aliases are expanded up to `aliasExpansionLimit` nodes in all.
public enum YAMLParser {
    /// The most nodes that aliases may add to one document.
    public static let aliasExpansionLimit = 10_000
    /// The deepest nesting of lists and mappings read (a rule file needs about 10).
    public static let depthLimit = 64

    /// Parses `text`; returns nil for an empty document (nothing but comments or blanks).
    /// Throws the first problem, duplicate keys included.
    public static func parse(_ text: String) throws(YAMLError) -> Node? {
        try parse(bytes: Array(text.utf8))
    }

    /// Parses UTF-8 `bytes`; returns nil for an empty document. Throws the first problem.
    public static func parse(bytes: [UInt8]) throws(YAMLError) -> Node? {
        let document = try parseDocument(bytes: bytes)
        if let first = document.duplicateKeys.first { throw first }
        return document.root
    }

    /// Parses UTF-8 `bytes`, going on past duplicate keys (the first occurrence is kept) so
    /// that a reader can report them together with its own findings. Throws other problems.
    public static func parseDocument(bytes given: [UInt8]) throws(YAMLError) -> Document {
        let bytes = JSONSurrogates.rewritten(droppingByteOrderMark(given))
        if let mark = firstInvalidUTF8(in: bytes) { throw .invalidUTF8(mark: mark) }
        if let (scalar, mark) = firstControlCharacter(in: bytes) {
            let code = String(scalar.value, radix: 16, uppercase: true)
            throw .syntax(problem: "control character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code) is not allowed",
                          mark: mark, context: nil)
        }
        // libyaml asserts on a null input pointer, which an empty array would give.
        if bytes.isEmpty { return Document(root: nil, duplicateKeys: []) }
        var builder = TreeBuilder(source: bytes)
        let root = try builder.run()
        return Document(root: root, duplicateKeys: builder.duplicateKeys)
    }

    /// `bytes` without a leading UTF-8 byte order mark (some editors and spreadsheets write one;
    /// it is not content).
    public static func droppingByteOrderMark(_ bytes: [UInt8]) -> [UInt8] {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    }

    /// The first control character YAML refuses (all but tab, line feed and carriage return),
    /// with its position; the text must be valid UTF-8.
    public static func firstControlCharacter(in bytes: [UInt8]) -> (Unicode.Scalar, Mark)? {
        guard bytes.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }) else { return nil }
        var line = 1, column = 1
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if scalar == "\n" { line += 1; column = 1; continue }
            if (scalar.value < 0x20 && scalar != "\t" && scalar != "\r") || scalar.value == 0x7F { return (scalar, Mark(line: line, column: column)) }
            column += 1
        }
        return nil
    }

    /// The position of the first byte that is not part of a valid UTF-8 sequence.
    public static func firstInvalidUTF8(in bytes: [UInt8]) -> Mark? {
        // The standard library validates fast; positions are only worked out for invalid text.
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        var column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                return nil
            case .error:
                return Mark(line: line, column: column)
            }
        }
    }
}

/// A parsed document and the duplicate keys met (each dropped, the first occurrence kept).
public struct Document: Sendable {
    public let root: Node?
    public let duplicateKeys: [YAMLError]

    public init(root: Node?, duplicateKeys: [YAMLError]) {
        self.root = root
        self.duplicateKeys = duplicateKeys
    }
}

/// Turns libyaml's event stream into nodes. One per parse; owns the C parser.
private struct TreeBuilder {
    /// An open sequence or mapping; mutated in place at the top of the stack (no copies).
    private struct Frame {
        let isMapping: Bool
        let mark: Mark
        let tag: String?
        let anchor: String?
        var items: [Node] = []
        var pairs: [Pair] = []
        var key: Node?
        var duplicate = false
        /// The keys of a mapping once it has many: small mappings are scanned instead.
        var seen: [String: Mark] = [:]

        /// Where `key` was first written in this mapping, or nil (and `key` remembered at `mark`).
        mutating func firstMark(of key: String, at mark: Mark) -> Mark? {
            if pairs.count < 8 && seen.isEmpty { return pairs.first { $0.key.scalar?.text == key }?.key.mark }
            if seen.isEmpty {
                for pair in pairs { if let text = pair.key.scalar?.text, seen[text] == nil { seen[text] = pair.key.mark } }
            }
            if let first = seen[key] { return first }
            seen[key] = mark
            return nil
        }
    }

    let source: [UInt8]
    private var stack: [Frame] = []
    private var anchors: [String: (node: Node, size: Int)] = [:]
    private var expanded = 0
    private var root: Node?
    private var documents = 0
    private(set) var duplicateKeys: [YAMLError] = []

    init(source: [UInt8]) {
        self.source = source
    }

    mutating func run() throws(YAMLError) -> Node? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw .syntax(problem: "libyaml could not start", mark: Mark(line: 1, column: 1), context: nil)
        }
        defer { yaml_parser_delete(parser) }
        // The parser keeps a pointer to the input: it must outlive every parse call.
        let input = UnsafeMutablePointer<UInt8>.allocate(capacity: source.count)
        defer { input.deallocate() }
        input.initialize(from: source, count: source.count)
        yaml_parser_set_input_string(parser, input, source.count)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)

        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else {
                throw error(from: parser.pointee)
            }
            let done = event.type == YAML_STREAM_END_EVENT
            do {
                try handle(event)
            } catch {
                yaml_event_delete(&event)
                throw error
            }
            yaml_event_delete(&event)
            if done { return root }
        }
    }

    private mutating func handle(_ event: yaml_event_t) throws(YAMLError) {
        let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 { throw .multipleDocuments(mark: mark) }
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = Self.string(data.value, length: Int(data.length)) ?? ""
            let node = Node(.scalar(Scalar(text: text, style: Self.style(data.style))), mark: mark,
                            tag: Self.string(data.tag))
            try complete(node, anchor: Self.string(data.anchor))
        case YAML_SEQUENCE_START_EVENT where stack.count >= YAMLParser.depthLimit,
             YAML_MAPPING_START_EVENT where stack.count >= YAMLParser.depthLimit:
            throw .tooDeep(limit: YAMLParser.depthLimit, mark: mark)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            stack.append(Frame(isMapping: false, mark: mark, tag: Self.string(data.tag), anchor: Self.string(data.anchor)))
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            stack.append(Frame(isMapping: true, mark: mark, tag: Self.string(data.tag), anchor: Self.string(data.anchor)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            let content: Node.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            try complete(Node(content, mark: frame.mark, tag: frame.tag), anchor: frame.anchor)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let target = anchors[name] else { throw .unknownAlias(name: name, mark: mark) }
            expanded += target.size
            if expanded > YAMLParser.aliasExpansionLimit {
                throw .aliasExpansionTooLarge(limit: YAMLParser.aliasExpansionLimit, mark: mark)
            }
            var copy = target.node
            copy.mark = mark
            try complete(copy, anchor: nil)
        default:
            break
        }
    }

    /// Adds a finished node to its parent, or makes it the document.
    private mutating func complete(_ node: Node, anchor: String?) throws(YAMLError) {
        if let anchor { anchors[anchor] = (node, Self.size(of: node)) }
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].key {
            if !stack[top].duplicate { stack[top].pairs.append(Pair(key: key, value: node)) }
            stack[top].key = nil
            stack[top].duplicate = false
        } else {
            guard let text = node.scalar?.text else { throw .complexKey(mark: node.mark) }
            if let first = stack[top].firstMark(of: text, at: node.mark) {
                duplicateKeys.append(.duplicateKey(key: text, mark: node.mark, first: first))
                stack[top].duplicate = true
            }
            stack[top].key = node
        }
    }

    private static func size(of node: Node) -> Int {
        switch node.content {
        case .scalar: return 1
        case .sequence(let items): return items.reduce(1) { $0 + size(of: $1) }
        case .mapping(let pairs): return pairs.reduce(1) { $0 + size(of: $1.key) + size(of: $1.value) }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int? = nil) -> String? {
        guard let pointer else { return nil }
        let count = length ?? strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    private static func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    /// Translates libyaml's error into a `YAMLError`, recognising tabs and unclosed quotes.
    private func error(from parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        let context = parser.context.map { String(cString: $0) }
        let mark = Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        let contextMark = Mark(line: Int(parser.context_mark.line) + 1, column: Int(parser.context_mark.column) + 1)
        if let tab = tabMark(onLine: mark.line, near: mark.column), problem.contains("tab") || character(at: mark) == "\t" {
            return .tab(mark: tab)
        }
        if context == "while scanning a quoted scalar" {
            return .unclosedQuote(mark: contextMark)
        }
        // A double-quoted scalar may run over several lines, so a missing closing quote shows
        // up later as another error: point at the line whose quotes do not pair up.
        if let quote = unpairedQuote(before: mark.line) {
            return .unclosedQuote(mark: quote)
        }
        if let indentation = indentationError(problem, at: mark) { return indentation }
        return .syntax(problem: problem, mark: mark, context: context)
    }

    /// libyaml's usual complaints about a line indented differently from its neighbours, as an
    /// indentation error naming that line and the one above it; nil when the indentation agrees.
    private func indentationError(_ problem: String, at mark: Mark) -> YAMLError? {
        let likely = ["mapping values are not allowed in this context", "did not find expected key",
                      "did not find expected '-' indicator"]
        guard likely.contains(problem), mark.line >= 2 else { return nil }
        // One pass over the bytes up to the line (spaces and `#` are ASCII).
        let lines = source.split(separator: UInt8(ascii: "\n"), maxSplits: mark.line, omittingEmptySubsequences: false)
        guard mark.line <= lines.count else { return nil }
        let spaces = { (line: ArraySlice<UInt8>) in line.prefix { $0 == UInt8(ascii: " ") }.count }
        // The nearest line above with content (not blank, not a comment).
        var previous = mark.line - 1
        while previous >= 1 {
            let rest = lines[previous - 1].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }
            if let first = rest.first, first != UInt8(ascii: "#") { break }
            previous -= 1
        }
        guard previous >= 1 else { return nil }
        let found = spaces(lines[mark.line - 1]), above = spaces(lines[previous - 1])
        guard found != above else { return nil }
        return .indentation(problem: problem, mark: Mark(line: mark.line, column: found + 1), spaces: found,
                            previousLine: previous, previousSpaces: above)
    }

    /// The opening quote of the first line up to `line` with an odd number of double quotes
    /// (outside comments, escaped quotes ignored).
    private func unpairedQuote(before line: Int) -> Mark? {
        guard line >= 1 else { return nil }
        // One pass over the text, line by line (not one scan of the text per line).
        let lines = String(decoding: source, as: UTF8.self).unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, scalars) in lines.prefix(line).enumerated() {
            let number = offset + 1
            var quotes: [Int] = []
            var previous: Unicode.Scalar = " "
            var inSingle = false
            for (index, scalar) in scalars.enumerated() {
                if scalar == "#" && quotes.count % 2 == 0 && !inSingle && (previous == " " || index == 0) { break }
                if scalar == "'" && quotes.count % 2 == 0 { inSingle.toggle() }
                if scalar == "\"" && previous != "\\" && !inSingle { quotes.append(index) }
                previous = scalar
            }
            if quotes.count % 2 == 1, let last = quotes.last { return Mark(line: number, column: last + 1) }
        }
        return nil
    }

    private func lineScalars(_ line: Int) -> [Unicode.Scalar] {
        let text = String(decoding: source, as: UTF8.self)
        var current = 1
        var scalars: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if current == line { return scalars }
                current += 1
                continue
            }
            if current == line { scalars.append(scalar) }
        }
        return scalars
    }

    private func character(at mark: Mark) -> Unicode.Scalar? {
        let scalars = lineScalars(mark.line)
        return mark.column - 1 < scalars.count ? scalars[mark.column - 1] : nil
    }

    /// The first tab on the line, at or before `column` (the error may point just past it).
    private func tabMark(onLine line: Int, near column: Int) -> Mark? {
        let scalars = lineScalars(line)
        guard let index = scalars.firstIndex(of: "\t"), index < max(column, 1) else { return nil }
        return Mark(line: line, column: index + 1)
    }
}
