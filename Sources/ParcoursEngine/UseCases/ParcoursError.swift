import Platform

/// Why a use case could not answer: one code, from which the command line's exit status and the
/// API's problem type and HTTP status both derive, a message in French and in English, a likely
/// fix, and the positioned diagnostics behind it (a rule set's or a profile's errors).
public struct ParcoursError: Error, Sendable, Equatable {
    /// What went wrong, as a stable code (`urn:parcours:problem:CODE` in problem documents).
    public enum Code: String, Sendable, CaseIterable {
        /// No rule set folder was found (the command line looks for one).
        case noRuleSet = "no-rule-set"
        /// The rule set in force on the date has errors.
        case invalidRuleSet = "rule-set"
        /// A date that is not a real `YYYY-MM-DD` day.
        case badDate = "bad-date"
        /// An input file that cannot be read (missing, a folder, too large, no permission).
        case unreadableInput = "unreadable-file"
        /// A profile with errors.
        case invalidProfile = "invalid-profile"
        /// Another platform's diagnosis with errors.
        case invalidDiagnosis = "invalid-diagnosis"
        /// A diagnosis format the engine does not know.
        case unknownFormat = "unknown-format"
        /// The rule set has no `imports/` mapping for the diagnosis format.
        case noMapping = "no-mapping"
        /// No rule with this id on that date.
        case unknownRule = "unknown-rule"
        /// No scheme with this id on that date.
        case unknownScheme = "unknown-scheme"
        /// `explain` needs exactly one of a rule and a scheme.
        case explainTarget = "explain-target"
        /// A draft rule set or change file that cannot be read (shape, paths, limits).
        case invalidDraft = "invalid-draft"
        /// A well-formed draft that cannot be evaluated: its rules do not load, or it gives the
        /// same file twice (what the draft's schema cannot say).
        case draftConflict = "draft-conflict"
        /// A draft's evaluation went past its time limit (`Drafts.Bounds.seconds`).
        case draftTooSlow = "draft-too-slow"
        /// A change file based on files that have changed since (`parcours apply`).
        case staleChange = "stale-change"

        /// The command line's exit status: 2 when what was asked cannot be understood (a wrong
        /// name, date or option), 1 when an input or the rule set has errors.
        public var exitStatus: Int32 {
            switch self {
            case .noRuleSet, .badDate, .unknownFormat, .unknownRule, .unknownScheme, .explainTarget: return 2
            case .invalidRuleSet, .unreadableInput, .invalidProfile, .invalidDiagnosis, .noMapping, .invalidDraft, .draftConflict, .draftTooSlow, .staleChange: return 1
            }
        }

        /// The HTTP status of the API's problem document.
        public var httpStatus: Int {
            switch self {
            case .noRuleSet, .invalidRuleSet: return 500
            case .badDate, .unknownFormat, .explainTarget, .unreadableInput: return 400
            case .invalidProfile, .invalidDiagnosis, .invalidDraft: return 422
            case .staleChange, .draftConflict: return 409
            case .draftTooSlow: return 503
            case .noMapping, .unknownRule, .unknownScheme: return 404
            }
        }
    }

    public let code: Code
    /// What is wrong, with what does not happen because of it.
    public let message: Phrase
    /// The likely fix.
    public let hint: Phrase?
    /// The positioned problems behind it (the errors of a profile or a rule set): at most
    /// `Limits.diagnostics`, then one `too-many` diagnostic that counts the rest.
    public let diagnostics: [Diagnostic]

    public init(_ code: Code, _ message: Phrase, hint: Phrase? = nil, diagnostics: [Diagnostic] = []) {
        self.code = code
        self.message = message
        self.hint = hint
        self.diagnostics = diagnostics.capped()
    }

    /// The problem document (RFC 9457 fields) the API answers and `--format json` prints.
    public func problem(in language: Language, http: (status: Int, title: String)? = nil) -> JSONValue {
        ProblemJSON.object(code: code.rawValue, detail: message, hint: hint, errors: diagnostics, http: http, in: language)
    }
}

extension ParcoursError {
    /// The rule set in force on `date` has errors.
    static func ruleSet(_ diagnostics: [Diagnostic], date: String) -> ParcoursError {
        let count = diagnostics.reduce(0) { $0 + $1.counted.errors }
        // Loading stops at the first conflicts (a note says so): there may be more.
        let more = diagnostics.contains { $0.code == .tooMany && $0.omitted == OmittedCount(errors: 0, warnings: 0) }
        return ParcoursError(.invalidRuleSet, Phrase("le jeu de règles en vigueur le \(date) a \(more ? "au moins " : "")\(count) erreur\(count > 1 ? "s" : "")",
                                                     en: "the rule set in force on \(date) has \(more ? "at least " : "")\(count) error\(count == 1 ? "" : "s")"),
                             hint: Phrase("lancez parcours check --date \(date)", en: "run parcours check --date \(date)"), diagnostics: diagnostics)
    }

    /// A profile with errors: no recommendation.
    static func profile(_ diagnostics: [Diagnostic]) -> ParcoursError {
        let count = diagnostics.reduce(0) { $0 + $1.counted.errors }
        return ParcoursError(.invalidProfile, Phrase("le profil a \(count) erreur\(count > 1 ? "s" : "") ; pas de recommandation",
                                                     en: "the profile has \(count) error\(count == 1 ? "" : "s"); no recommendation"),
                             diagnostics: diagnostics)
    }

    /// A diagnosis with errors: nothing imported.
    static func diagnosis(_ diagnostics: [Diagnostic]) -> ParcoursError {
        let count = diagnostics.reduce(0) { $0 + $1.counted.errors }
        return ParcoursError(.invalidDiagnosis, Phrase("le diagnostic a \(count) erreur\(count > 1 ? "s" : "") ; pas d'import",
                                                       en: "the diagnosis has \(count) error\(count == 1 ? "" : "s"); nothing imported"),
                             diagnostics: diagnostics)
    }

    /// A date that is not a real day.
    public static func badDate(_ text: String) -> ParcoursError {
        ParcoursError(.badDate, Phrase("date attend AAAA-MM-JJ (un jour du calendrier), reçu « \(Limits.quoted(text)) »",
                                       en: "date expects YYYY-MM-DD (a calendar day), got \"\(Limits.quoted(text))\""))
    }

    /// An input that cannot be read, and what does not happen because of it.
    public static func unreadable(_ error: InputError, outcome: Phrase) -> ParcoursError {
        ParcoursError(.unreadableInput, Phrase("\(error.phrase.fr) ; \(outcome.fr)", en: "\(error.description); \(outcome.en)"))
    }

    /// A diagnosis format name that is not known.
    public static func unknownFormat(_ name: String) -> ParcoursError {
        let formats = DiagnosisFormat.allCases.map(\.rawValue)
        return ParcoursError(.unknownFormat, Phrase("format de diagnostic attendu : \(formats.joined(separator: " ou ")), reçu « \(Limits.quoted(name)) »",
                                                    en: "diagnosis format expected: \(formats.joined(separator: " or ")), got \"\(Limits.quoted(name))\""),
                             hint: Spelling.hint(for: name, in: formats))
    }
}
