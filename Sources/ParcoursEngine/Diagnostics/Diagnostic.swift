/// How serious a diagnostic is: errors stop a rule set or profile from being used.
public enum Severity: String, Sendable, Hashable, Comparable {
    case error, warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .error && rhs == .warning
    }
}

/// The stable codes of every problem `check` and the profile reader can report.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable {
    case yamlSyntax = "yaml-syntax"
    case yamlIndentation = "yaml-indentation"
    case yamlUTF8 = "yaml-utf8"
    case yamlTab = "yaml-tab"
    case yamlUnclosedQuote = "yaml-unclosed-quote"
    case yamlComplexKey = "yaml-complex-key"
    case yamlAlias = "yaml-alias"
    case yamlDocuments = "yaml-documents"
    case tooDeep = "too-deep"
    case tooLong = "too-long"
    case duplicateKey = "duplicate-key"
    case unreadableFile = "unreadable-file"
    case missingFile = "missing-file"
    case unknownKey = "unknown-key"
    case missingKey = "missing-key"
    case missingSource = "missing-source"
    case typeMismatch = "type-mismatch"
    case unknownField = "unknown-field"
    case unknownValue = "unknown-value"
    case outOfRange = "out-of-range"
    case duplicateID = "duplicate-id"
    case danglingReference = "dangling-reference"
    case wrongKind = "wrong-kind"
    case unknownCode = "unknown-code"
    case conditionSyntax = "condition-syntax"
    case operatorMismatch = "operator-mismatch"
    case cycle = "cycle"
    case unreachable = "unreachable"
    case routeConflict = "route-conflict"
    case referentConflict = "referent-conflict"
    case analysisLimit = "analysis-limit"
    case missingWhy = "missing-why"
    case validityOverlap = "validity-overlap"
    case shadowed = "shadowed"
    case gap = "gap"
    case unused = "unused"
    case mappingConflict = "mapping-conflict"
}

/// One problem found in a rule set or a profile, with its position and a likely fix.
public struct Diagnostic: Sendable, Hashable, Comparable {
    public var severity: Severity
    public var code: DiagnosticCode
    public var location: SourceLocation
    /// What is wrong, in French and in English.
    public var message: Phrase
    /// The likely fix, in French and in English.
    public var hint: Phrase?
    /// The profile field the problem is about, when there is one (`age`).
    public var field: String?

    public init(_ severity: Severity, _ code: DiagnosticCode, at location: SourceLocation, _ message: Phrase, hint: Phrase? = nil) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// File, then position, then code: the order diagnostics are printed in.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.location, lhs.code.rawValue, lhs.message.en) < (rhs.location, rhs.code.rawValue, rhs.message.en)
    }
}

extension Array where Element == Diagnostic {
    /// True when at least one diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
