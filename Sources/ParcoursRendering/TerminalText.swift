/// Text for a terminal: control characters that came from an input (a profile, a services
/// export, a rule file) are written as visible escapes (`\u{1B}`), so that no input can move
/// the cursor, change colours, retitle the window or hide text. Every human-readable output
/// goes through `escaped` (diagnostics, recommendations, explanations, replay and impact reports).
public enum TerminalText {
    /// `text` with C0 and C1 controls, DEL and the bidirectional overrides written `\u{…}`.
    /// With `lineBreaks`, the line feeds and tabs of a multi-line text are kept.
    public static func escaped(_ text: String, lineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0, lineBreaks: lineBreaks) }) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if isControl(scalar, lineBreaks: lineBreaks) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar, lineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return !lineBreaks
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Bidirectional embeddings, overrides and isolates: they reorder what is shown.
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
