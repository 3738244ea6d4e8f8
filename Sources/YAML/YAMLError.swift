/// Why a YAML text could not be read, with the position of the problem.
public enum YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libyaml rejected the text (`problem` is its message, e.g. "did not find expected key").
    case syntax(problem: String, mark: Mark, context: String?)
    /// libyaml rejected a line whose indentation differs from the line above it: most often a
    /// key or list item indented one space too many or too few.
    case indentation(problem: String, mark: Mark, spaces: Int, previousLine: Int, previousSpaces: Int)
    /// A byte sequence that is not UTF-8.
    case invalidUTF8(mark: Mark)
    /// A tab where YAML allows only spaces (indentation).
    case tab(mark: Mark)
    /// A quoted scalar that is never closed.
    case unclosedQuote(mark: Mark)
    /// The same key twice in one mapping.
    case duplicateKey(key: String, mark: Mark, first: Mark)
    /// A mapping key that is not a scalar.
    case complexKey(mark: Mark)
    /// An alias (`*name`) with no anchor (`&name`) before it.
    case unknownAlias(name: String, mark: Mark)
    /// Aliases expand to more nodes than allowed (the "billion laughs" attack).
    case aliasExpansionTooLarge(limit: Int, mark: Mark)
    /// More than one document (`---`) in a file that holds one.
    case multipleDocuments(mark: Mark)
    /// Lists and mappings nested deeper than allowed.
    case tooDeep(limit: Int, mark: Mark)
    /// A file or line longer than allowed.
    case tooLong(what: String, limit: Int, mark: Mark)

    /// Where the problem is.
    public var mark: Mark {
        switch self {
        case .syntax(_, let mark, _), .indentation(_, let mark, _, _, _), .invalidUTF8(let mark), .tab(let mark),
            .unclosedQuote(let mark), .duplicateKey(_, let mark, _), .complexKey(let mark),
            .unknownAlias(_, let mark), .aliasExpansionTooLarge(_, let mark),
            .multipleDocuments(let mark), .tooDeep(_, let mark), .tooLong(_, _, let mark):
            return mark
        }
    }

    /// A stable short code, for tooling and documentation.
    public var code: String {
        switch self {
        case .syntax: return "yaml-syntax"
        case .indentation: return "yaml-indentation"
        case .invalidUTF8: return "yaml-utf8"
        case .tab: return "yaml-tab"
        case .unclosedQuote: return "yaml-unclosed-quote"
        case .duplicateKey: return "duplicate-key"
        case .complexKey: return "yaml-complex-key"
        case .unknownAlias: return "yaml-alias"
        case .aliasExpansionTooLarge: return "yaml-alias"
        case .multipleDocuments: return "yaml-documents"
        case .tooDeep: return "too-deep"
        case .tooLong: return "too-long"
        }
    }

    /// What went wrong, in one sentence.
    public var message: String {
        switch self {
        case .syntax(let problem, _, let context):
            // Corpus lines (JSON, CSV) are read into the same nodes; their errors say their format.
            if let context, context == "JSON" || context == "CSV" { return "invalid \(context): \(problem)" }
            if let context { return "invalid YAML: \(problem) (\(context))" }
            return "invalid YAML: \(problem)"
        case .indentation(_, let mark, let spaces, let previousLine, let previousSpaces):
            return "inconsistent indentation: line \(mark.line) starts with \(spaces) spaces, line \(previousLine) above with \(previousSpaces)"
        case .invalidUTF8:
            return "the file is not valid UTF-8"
        case .tab:
            return "tab character where YAML expects spaces"
        case .unclosedQuote:
            return "quoted text is never closed"
        case .duplicateKey(let key, _, let first):
            return "duplicate key \"\(key)\" (first defined at line \(first.line))"
        case .complexKey:
            return "mapping keys must be plain text"
        case .unknownAlias(let name, _):
            return "alias *\(name) refers to no anchor &\(name) defined before it"
        case .aliasExpansionTooLarge(let limit, _):
            return "aliases expand to more than \(limit) nodes"
        case .multipleDocuments:
            return "only one YAML document is allowed per file"
        case .tooDeep(let limit, _):
            return "lists and mappings are nested more than \(limit) levels deep"
        case .tooLong(let what, let limit, _):
            return "\(what) is longer than \(limit) bytes"
        }
    }

    /// How to fix it, when there is a likely fix.
    public var hint: String? {
        switch self {
        case .invalidUTF8: return "save the file as UTF-8"
        case .tab: return "indent with spaces, not tabs"
        case .unclosedQuote: return "add the closing quote"
        case .duplicateKey: return "remove or rename one of the two keys"
        case .unknownAlias: return "define the anchor with &name before using *name"
        case .aliasExpansionTooLarge: return "write the repeated content out, or reuse it with a named fact"
        case .multipleDocuments: return "remove the `---` separator or split the file"
        case .tooDeep: return "flatten the structure; for conditions, move nested parts into named facts"
        case .tooLong: return "split the input"
        case .indentation(_, let mark, _, _, _):
            return "indent line \(mark.line) like the keys of the same level (same number of spaces), or like its parent's if it belongs to it"
        case .syntax, .complexKey: return nil
        }
    }

    public var description: String { "\(mark): \(message)" }
}
