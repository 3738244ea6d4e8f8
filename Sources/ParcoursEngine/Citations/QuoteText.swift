import Foundation

/// The form in which quotes and documents are compared: runs of white space (tabs, line breaks,
/// non-breaking spaces) as one space, Markdown emphasis (`*`, `_`) left out, typographic
/// apostrophes as `'`, « … » as `...`.
enum QuoteText {
    static func normalised(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{A0}", "\u{202F}", "\u{2009}", "\u{2007}":
                space = true
            case "*", "_":
                continue
            default:
                if space, !out.isEmpty { out.append(" ") }
                space = false
                switch scalar {
                case "\u{2019}", "\u{2018}", "\u{02BC}": out.append("'")
                case "\u{2026}": out.append(contentsOf: "...".unicodeScalars)
                default: out.append(scalar)
                }
            }
        }
        return String(out)
    }

    /// The passage with its first letter in the other case, or nil when it has no cased first letter.
    static func otherCase(_ passage: String) -> String? {
        guard let first = passage.first else { return nil }
        let lower = first.lowercased(), upper = first.uppercased()
        let flipped = String(first) == lower ? upper : lower
        guard flipped != String(first) else { return nil }
        return flipped + passage.dropFirst()
    }
}

/// The documents a quote may be found in, by the name a registered source gives as `file`
/// (`002_cf991cc7ff87f963.txt`, `reference/les_emplois.yaml`), in normalised form.
public struct SourceDocuments: Sendable {
    private var texts: [String: String] = [:]

    public init() {}

    public mutating func add(name: String, text: String) {
        texts[name] = QuoteText.normalised(text)
    }

    public func has(_ name: String) -> Bool { texts[name] != nil }

    /// Where each passage of a quote is, in order: nil when all are found in `name`, otherwise
    /// the first passage missing and the closest text found for it.
    func missing(_ quote: Citation.Quote, in name: String) -> (passage: String, closest: String?)? {
        guard let document = texts[name] else { return nil }
        var from = document.startIndex
        for raw in quote.passages {
            let passage = QuoteText.normalised(raw)
            let found = [passage, QuoteText.otherCase(passage)].compactMap { $0 }
                .compactMap { document.range(of: $0, range: from..<document.endIndex) }
                .min { $0.lowerBound < $1.lowerBound }
            guard let found else { return (passage, Self.closest(to: passage, in: document)) }
            from = found.upperBound
        }
        return nil
    }

    /// The document's text nearest to `passage`: the longest start of the passage found, or the
    /// longest end, with as many characters around it as the passage has (at most 160). Each
    /// length is tried by halving, so a search costs a few scans of the document.
    static func closest(to passage: String, in document: String) -> String? {
        let characters = Array(passage)
        func longest(_ make: (Int) -> String) -> (length: Int, range: Range<String.Index>)? {
            var low = 0, high = characters.count, best: (Int, Range<String.Index>)?
            while low < high {
                let middle = (low + high + 1) / 2
                if let range = document.range(of: make(middle), options: .caseInsensitive) {
                    best = (middle, range)
                    low = middle
                } else {
                    high = middle - 1
                }
            }
            return best
        }
        let prefix = longest { String(characters.prefix($0)) }
        let suffix = longest { String(characters.suffix($0)) }
        let width = min(characters.count + 20, 160)
        if let prefix, prefix.length >= (suffix?.length ?? 0), prefix.length >= 4 {
            let end = document.index(prefix.range.lowerBound, offsetBy: width, limitedBy: document.endIndex) ?? document.endIndex
            return String(document[prefix.range.lowerBound..<end])
        }
        if let suffix, suffix.length >= 4 {
            let start = document.index(suffix.range.upperBound, offsetBy: -width, limitedBy: document.startIndex) ?? document.startIndex
            return String(document[start..<suffix.range.upperBound])
        }
        return nil
    }
}
