import ParcoursEngine

/// Diagnostics as `path:line:col: error[code]: message`, then a `path:line:col: note: …` line for
/// each other place it involves, then the hint. In French: `path:line:col: erreur[code] : message`,
/// `… : note : …`, then `    conseil : …`; the codes stay English.
public enum DiagnosticText {
    public static func render(_ diagnostic: Diagnostic, in language: Language = .fr) -> String {
        let severity = language == .en ? diagnostic.severity.rawValue : (diagnostic.severity == .error ? "erreur" : "avertissement")
        let colon = language == .en ? ":" : " :"
        // One line each (an input's line break or escape sequence is shown, not obeyed).
        var text = TerminalText.escaped("\(diagnostic.location): \(severity)[\(diagnostic.code.rawValue)]\(colon) \(diagnostic.message.text(language))")
        for note in diagnostic.notes { text += "\n" + TerminalText.escaped("\(note.location): note\(colon) \(note.message.text(language))") }
        if let hint = diagnostic.hint { text += "\n    \(language == .en ? "hint" : "conseil")\(colon) \(TerminalText.escaped(hint.text(language)))" }
        return text
    }

    /// One diagnostic a line (hints on the next), at most `Limits.diagnostics` of them then one
    /// that counts the rest.
    public static func render(_ diagnostics: [Diagnostic], in language: Language = .fr) -> String {
        diagnostics.capped().map { render($0, in: language) + "\n" }.joined()
    }

    /// "2 erreurs, 1 avertissement" / "2 errors, 1 warning".
    public static func summary(_ diagnostics: [Diagnostic], in language: Language = .fr) -> String {
        let errors = diagnostics.reduce(0) { $0 + $1.counted.errors }
        let warnings = diagnostics.reduce(0) { $0 + $1.counted.warnings }
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count > 1 || (language == .en && count == 0) ? "s" : "")" }
        return language == .en ? "\(plural(errors, "error")), \(plural(warnings, "warning"))"
                               : "\(plural(errors, "erreur")), \(plural(warnings, "avertissement"))"
    }
}
