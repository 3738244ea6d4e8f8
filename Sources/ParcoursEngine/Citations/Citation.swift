/// One citation of a `source:` text: a registered source's id, then what the author wrote after
/// it (a section, a comment between parentheses), and the « … » quotes it holds.
///
/// `source: "002, annexe 4 (« en deçà du niveau minimum ») ; parcours (choix du projet)"` holds
/// two citations: `002` with one quote, and `parcours` with none.
public struct Citation: Sendable, Hashable {
    /// The registered source's id (`002`, `les_emplois`, `loi_2023_1196`).
    public let sourceID: String
    /// The citation after the id: section and comment, trimmed (`annexe 4 (« … »)`), maybe empty.
    public let detail: String
    /// The verbatim quotes, in order.
    public let quotes: [Quote]
    /// Where the citation starts in the whole `source:` text, in Unicode scalars.
    public let offset: Int

    /// One « … » quote: its text, split into the passages that « […] » joins.
    public struct Quote: Sendable, Hashable {
        /// The text between the guillemets, as written.
        public let text: String
        /// The passages to find in the document, in order (one unless « […] » joins several).
        public let passages: [String]
        /// Where the opening « is in the whole `source:` text, in Unicode scalars.
        public let offset: Int
    }
}

/// Splits a `source:` text into citations: « ; » outside parentheses and guillemets separates
/// them; each starts with a source id made of letters, digits and `_`.
public enum CitationParser {
    /// The citations of `text`, in order; an empty part (two « ; » in a row) is left out.
    public static func parse(_ text: String) -> [Citation] {
        let scalars = Array(text.unicodeScalars)
        var parts: [(start: Int, end: Int)] = []
        var depth = 0
        var inQuote = false
        var start = 0
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "«": inQuote = true
            case "»": inQuote = false
            case "(" where !inQuote: depth += 1
            case ")" where !inQuote: depth = max(0, depth - 1)
            case ";" where !inQuote && depth == 0:
                parts.append((start, index))
                start = index + 1
            default: break
            }
        }
        parts.append((start, scalars.count))
        return parts.compactMap { citation(in: scalars, from: $0.start, to: $0.end) }
    }

    private static func citation(in scalars: [Unicode.Scalar], from start: Int, to end: Int) -> Citation? {
        var first = start
        while first < end, isSpace(scalars[first]) { first += 1 }
        var last = end
        while last > first, isSpace(scalars[last - 1]) { last -= 1 }
        guard first < last else { return nil }
        var idEnd = first
        while idEnd < last, isIDScalar(scalars[idEnd]) { idEnd += 1 }
        let id = string(scalars[first..<idEnd])
        var detailStart = idEnd
        while detailStart < last, isSpace(scalars[detailStart]) || scalars[detailStart] == "," { detailStart += 1 }
        // Without an id (the part starts with a word of another shape), the whole part stands as
        // the id, so that the check names what it could not find.
        let sourceID = id.isEmpty || (idEnd < last && !isSeparator(scalars[idEnd])) ? string(scalars[first..<wordEnd(scalars, first, last)]) : id
        return Citation(sourceID: sourceID, detail: string(scalars[detailStart..<last]),
                        quotes: quotes(in: scalars, from: first, to: last), offset: first)
    }

    /// The « … » quotes between `start` and `end`.
    private static func quotes(in scalars: [Unicode.Scalar], from start: Int, to end: Int) -> [Citation.Quote] {
        var found: [Citation.Quote] = []
        var open: Int?
        for index in start..<end {
            if scalars[index] == "«" {
                open = index
            } else if scalars[index] == "»", let opening = open {
                let text = string(scalars[(opening + 1)..<index]).trimmingSpaces
                found.append(Citation.Quote(text: text, passages: passages(of: text), offset: opening))
                open = nil
            }
        }
        return found
    }

    /// The passages a quote joins with « […] » (or « [...] »).
    static func passages(of quote: String) -> [String] {
        var parts = [quote]
        for joint in ["[…]", "[...]"] {
            parts = parts.flatMap { $0.components(separatedBy: joint) }
        }
        return parts.map(\.trimmingSpaces).filter { !$0.isEmpty }
    }

    private static func isIDScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool { isSpace(scalar) || scalar == "," || scalar == "(" || scalar == ":" }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\u{A0}" || scalar == "\u{202F}" || scalar == "\n" }

    private static func wordEnd(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end, !isSeparator(scalars[index]) { index += 1 }
        return max(index, min(start + 1, end))
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        return String(text)
    }
}
