/// The limits on what Parcours reads, in one place (docs/limites.md).
public enum Limits {
    /// A profile file, or a profile on standard input.
    public static let profileBytes = 1 << 20
    /// One rule, vocabulary, catalogue, scheme or case file.
    public static let ruleFileBytes = 8 << 20
    /// One line of a corpus (`batch`, `diff`).
    public static let corpusLineBytes = 1 << 20
    /// A field name or value, as quoted back in messages (longer ones are cut).
    public static let quotedText = 80
    /// Levels of conditions in a fact, the facts it uses put in place (`error[too-deep]`).
    public static let factDepth = 256
    /// Rules in one rule set.
    public static let rules = 20_000
    /// Diagnostics kept for one input (a profile, a file, a corpus line, the conflicts of a rule
    /// set, a list shown): the rest are counted in one last diagnostic (`too-many`).
    public static let diagnostics = 100
    /// Conflicts found before loading a rule set stops looking (the set is refused anyway);
    /// `check` looks for them all.
    public static let conflictsOnLoad = 5

    /// `1 MiB`-style size (`1 Mio`, `500 octets` in French).
    public static func describe(bytes: Int, in language: Language = .en) -> String {
        let mebibytes = bytes >= 1 << 20 && bytes % (1 << 20) == 0
        switch language {
        case .en: return mebibytes ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
        case .fr: return mebibytes ? "\(bytes >> 20) Mio" : "\(bytes) octets"
        }
    }

    /// `text` cut to `quotedText` characters, with an ellipsis when cut.
    public static func quoted(_ text: String) -> String {
        text.count <= quotedText ? text : String(text.prefix(quotedText)) + "…"
    }
}
