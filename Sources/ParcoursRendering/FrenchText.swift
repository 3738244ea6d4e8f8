/// French typography for what people read: dates (« 6 décembre 2026 »), counts with their
/// plural (« 1 réponse », « 0 réponse »), apostrophes and non-breaking spaces (`typography`).
/// The one place these are written: the YAML and the code write plain `'` and spaces.
public enum FrenchText {
    private static let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]

    /// `2026-12-06` → `6 décembre 2026` (`1er` for the first of the month); anything else unchanged.
    public static func date(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return iso }
        return "\(day == 1 ? "1er" : String(day))\u{00A0}\(months[month - 1])\u{00A0}\(year)"
    }

    /// `count` followed by the noun, singular for 0 and 1 as French writes it.
    public static func count(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count)\u{00A0}\(count <= 1 ? singular : plural ?? singular + "s")"
    }

    /// The non-breaking space before « : » and inside « », and the narrow one before « ; ! ? ».
    public static let space: Character = "\u{00A0}"
    public static let narrowSpace: Character = "\u{202F}"

    /// `text` as French typography writes it: a typographic apostrophe (’) for `'` between two
    /// letters; the space before « : » non-breaking and the one before « ; ! ? » a narrow
    /// non-breaking space (only a space that follows a word: an indent stays); non-breaking
    /// spaces inside « » (added when missing). Nothing else changes, and it can be applied
    /// twice: the text answer, the fiche and its page go through it; JSON strings do not.
    public static func typography(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for (index, character) in characters.enumerated() {
            let previous: Character? = index > 0 ? characters[index - 1] : nil
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "'" where previous?.isLetter == true && next?.isLetter == true:
                result.append("\u{2019}")
            case " ", space, narrowSpace:
                let afterWord = previous.map { !$0.isWhitespace } ?? false
                if afterWord, next == ":" {
                    result.append(space)
                } else if afterWord, let next, ";!?".contains(next) {
                    result.append(narrowSpace)
                } else if previous == "«" || next == "»" {
                    result.append(space)
                } else {
                    result.append(character)
                }
            case "«":
                result.append(character)
                if let next, !next.isWhitespace { result.append(space) }
            case "»":
                if let previous, !previous.isWhitespace { result.append(space) }
                result.append(character)
            default:
                result.append(character)
            }
        }
        return result
    }
}
