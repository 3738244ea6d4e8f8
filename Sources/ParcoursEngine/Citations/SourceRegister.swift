/// One document or public text that a rule may cite (`Rules/sources.yaml`).
public struct RegisteredSource: Sendable, Hashable {
    /// What kind of text it is, which says whether the check can read it.
    public enum Kind: String, Sendable, CaseIterable {
        /// A source document of the project (`../shared/seeds`), read by `check --sources`.
        case seed
        /// A list of the rule set's own `reference/` folder, always read by `check`.
        case reference
        /// A public text (law, decree, code, national programme): cited by title and reference.
        case law
        /// A choice of the project's own (a threshold that no document sets).
        case project
    }

    public let id: String
    public let title: String
    public let year: Int
    public let issuer: String
    public let kind: Kind
    /// The file the check reads: a seed's file name, or `reference/<name>` for a reference list.
    public let file: String?
    /// Where to read a public text (an article, a journal officiel issue).
    public let reference: String?
    public let location: SourceLocation

    public init(id: String, title: String, year: Int, issuer: String, kind: Kind, file: String?, reference: String?, location: SourceLocation) {
        self.id = id
        self.title = title
        self.year = year
        self.issuer = issuer
        self.kind = kind
        self.file = file
        self.reference = reference
        self.location = location
    }

    /// True when a quote of this source can be checked against a document.
    public var hasDocument: Bool { file != nil }
}

/// The register of sources of a rule set, in file order; empty when the rule set has no
/// `sources.yaml` (its `source:` texts are then free text, not checked).
public struct SourceRegister: Sendable {
    public let sources: [RegisteredSource]
    private let index: [String: Int]

    public init(sources: [RegisteredSource]) {
        self.sources = sources
        var index: [String: Int] = [:]
        for (position, source) in sources.enumerated() where index[source.id] == nil { index[source.id] = position }
        self.index = index
    }

    public static let empty = SourceRegister(sources: [])

    public var isEmpty: Bool { sources.isEmpty }

    public func source(_ id: String) -> RegisteredSource? {
        index[id].map { sources[$0] }
    }
}

/// A `source:` text of the rule set where it was written, and its citations.
public struct CitedText: Sendable {
    public let text: String
    public let citations: [Citation]
    /// Where the scalar starts.
    public let location: SourceLocation
    /// The line of the file the scalar starts on, to place a quote's column.
    let line: String

    /// Where a quote is: its opening « on the scalar's first line when the quote starts there,
    /// the scalar's start otherwise.
    func location(of quote: Citation.Quote) -> SourceLocation {
        let scalars = Array(line.unicodeScalars)
        let start = Array(String(quote.text.prefix(24)).unicodeScalars)
        guard !start.isEmpty, scalars.count >= start.count else { return location }
        for index in 0...(scalars.count - start.count) where Array(scalars[index..<(index + start.count)]) == start {
            guard let opening = scalars[..<index].lastIndex(of: "«") else { break }
            return SourceLocation(file: location.file, line: location.line, column: opening + 1)
        }
        return location
    }
}
