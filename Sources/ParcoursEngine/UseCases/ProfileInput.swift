/// What a use case reads a person from.
public enum ProfileInput: Sendable {
    /// A profile already read and typed.
    case profile(Profile)
    /// A profile file: YAML, or JSON (a one-line JSON object is read by the corpus reader,
    /// anything else by the YAML reader; both type fields through the same codecs).
    case file(SourceFile)
    /// Another platform's diagnosis, mapped through the rule set's `imports/`.
    case diagnosis(SourceFile, DiagnosisFormat)
}

/// What `explain` explains.
public enum ExplainTarget: Equatable, Sendable {
    case rule(String), scheme(String)
}
