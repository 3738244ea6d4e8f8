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
    case unknownSource = "unknown-source"
    case missingQuote = "missing-quote"
    case quoteNotFound = "quote-not-found"
    case tooMany = "too-many"
    case missingPersonText = "missing-person-text"
    case thirdPerson = "third-person"
    case unexplainedAcronym = "unexplained-acronym"
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
    /// For a `too-many` diagnostic, the errors and warnings it stands for.
    public var omitted: OmittedCount?
    /// The other places this problem involves (the first definition, the rule it conflicts with).
    public var notes: [DiagnosticNote] = []

    public init(_ severity: Severity, _ code: DiagnosticCode, at location: SourceLocation, _ message: Phrase, hint: Phrase? = nil,
                notes: [DiagnosticNote] = []) {
        self.notes = notes
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

extension Diagnostic {
    /// The last diagnostic of a list cut at `Limits.diagnostics`: how many errors and warnings were
    /// left out, at the place of the first one left out (so that it sorts after those shown).
    public static func omitted(errors: Int, warnings: Int, at location: SourceLocation) -> Diagnostic {
        func count(_ n: Int, _ fr: String, _ en: String) -> Phrase {
            let s = n > 1 ? "s" : ""
            return Phrase("\(n) autre\(s) \(fr)\(s)", en: "\(n) more \(en)\(s)")
        }
        let parts = [errors > 0 ? count(errors, "erreur", "error") : nil,
                     warnings > 0 ? count(warnings, "avertissement", "warning") : nil].compactMap { $0 }
        let fr = parts.map(\.fr).joined(separator: " et "), en = parts.map(\.en).joined(separator: " and ")
        var diagnostic = Diagnostic(errors > 0 ? .error : .warning, .tooMany, at: location,
                                    Phrase("… et \(fr) : la liste s'arrête à \(Limits.diagnostics) par entrée", en: "… and \(en): the list stops at \(Limits.diagnostics) per input"),
                                    hint: Phrase("corrigez les premiers problèmes, puis relancez", en: "fix the first problems, then run again"))
        diagnostic.omitted = OmittedCount(errors: errors, warnings: warnings)
        return diagnostic
    }

    /// The errors and warnings this diagnostic stands for: itself, or those a `too-many` one counts.
    public var counted: OmittedCount {
        omitted ?? OmittedCount(errors: severity == .error ? 1 : 0, warnings: severity == .warning ? 1 : 0)
    }
}

/// How many errors and warnings a `too-many` diagnostic stands for.
public struct OmittedCount: Sendable, Hashable {
    public var errors: Int
    public var warnings: Int
}

extension Array where Element == Diagnostic {
    /// At most `limit` diagnostics, in order, then one that counts the rest (`Diagnostic.omitted`).
    public func capped(at limit: Int = Limits.diagnostics) -> [Diagnostic] {
        guard count > limit else { return self }
        let rest = self[limit...]
        let errors = rest.reduce(0) { $0 + $1.counted.errors }, warnings = rest.reduce(0) { $0 + $1.counted.warnings }
        return Array(self[..<limit]) + [Diagnostic.omitted(errors: errors, warnings: warnings, at: rest[rest.startIndex].location)]
    }
}
