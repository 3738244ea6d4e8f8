/// The acronyms the person may read, each with its meaning in plain French
/// (`Rules/glossaire.yaml`): the sheet explains each at its first use (« la CAF (caisse
/// d'allocations familiales) »), and `check` reports a person-facing text whose acronym the
/// glossary does not explain.
public struct Glossary: Sendable, Equatable {
    /// Acronym and meaning, in the file's order.
    public let terms: [(acronym: String, meaning: String)]
    private let index: [String: Int]

    public static let empty = Glossary(terms: [])

    public init(terms: [(acronym: String, meaning: String)]) {
        self.terms = terms
        var index: [String: Int] = [:]
        for (position, term) in terms.enumerated() where index[term.acronym] == nil { index[term.acronym] = position }
        self.index = index
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// The meaning of an acronym, nil when the glossary does not explain it.
    public func meaning(of acronym: String) -> String? { index[acronym].map { terms[$0].meaning } }

    public static func == (lhs: Glossary, rhs: Glossary) -> Bool {
        lhs.terms.map(\.acronym) == rhs.terms.map(\.acronym) && lhs.terms.map(\.meaning) == rhs.terms.map(\.meaning)
    }

    /// An acronym: a word of at least two capital letters and no small one (`CAF`, `R2S`,
    /// `ENIC-NARIC`).
    public static func isAcronym(_ word: Substring) -> Bool {
        var capitals = 0
        for character in word {
            if character.isLowercase { return false }
            if character.isUppercase { capitals += 1 }
        }
        return capitals >= 2
    }

    /// Every acronym of `text`, in order, with the offset (in characters) where it starts; a
    /// hyphen between two letters or digits stays inside the word (`ENIC-NARIC`).
    public static func acronyms(in text: String) -> [(word: String, offset: Int)] {
        var found: [(word: String, offset: Int)] = []
        var start: String.Index?
        var offset = 0
        var startOffset = 0
        func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }
        for index in text.indices {
            let character = text[index]
            let next = text.index(after: index)
            let joining = character == "-" && start != nil && next < text.endIndex && isWordCharacter(text[next])
            if isWordCharacter(character) || joining {
                if start == nil { (start, startOffset) = (index, offset) }
            } else if let first = start {
                if isAcronym(text[first..<index]) { found.append((String(text[first..<index]), startOffset)) }
                start = nil
            }
            offset += 1
        }
        if let first = start, isAcronym(text[first...]) { found.append((String(text[first...]), startOffset)) }
        return found
    }

    /// `text` with each acronym not yet in `explained` followed by its meaning in parentheses
    /// at its first use (« CAF (caisse d'allocations familiales) »). An acronym already given
    /// with a parenthesis beside it (« CAF (…) », « service militaire adapté (SMA) ») counts as
    /// explained there; one the glossary does not know is left as it is (`check` reports it).
    public func explain(_ text: String, explained: inout Set<String>) -> String {
        var result = ""
        var rest = Substring(text)
        var consumed = 0
        for (word, offset) in Self.acronyms(in: text) {
            guard !explained.contains(word), let meaning = meaning(of: word) else { continue }
            explained.insert(word)
            let startIndex = text.index(text.startIndex, offsetBy: offset)
            let endIndex = text.index(startIndex, offsetBy: word.count)
            let before = text[..<startIndex]
            let after = text[endIndex...]
            if before.hasSuffix("(") || after.hasPrefix(" (") || after.hasPrefix("(") { continue }
            let head = rest.prefix(offset + word.count - consumed)
            result += head + " (\(meaning))"
            rest = rest.dropFirst(head.count)
            consumed = offset + word.count
        }
        return result + rest
    }
}
