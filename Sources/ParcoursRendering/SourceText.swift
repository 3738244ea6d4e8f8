import ParcoursEngine

/// A `source:` text for people: each citation by its registered source's title (and year),
/// then what the author wrote after the id (section, quote). The one place a source is worded
/// outside the docs site (which adds links): `explain` (text and JSON) and the page's
/// « pourquoi ? » show the same words. Without a register, the text as written.
public struct SourceText: Sendable {
    let ruleSet: RuleSet

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
    }

    /// One cited source: its id, its title and where it comes from, and the detail cited.
    public struct Cited: Sendable, Equatable {
        public let id: String
        public let title: String
        /// Who issued it, and when (« Légifrance, 2023 »).
        public let origin: String
        public let year: Int
        public let detail: String

        /// « Title (year), detail »: short enough for a line of `explain` and « pourquoi ? ».
        public var sentence: String {
            let head = "\(title) (\(year))"
            return detail.isEmpty ? head : "\(head), \(detail)"
        }
    }

    /// The citations of `text` whose source is registered, in the text's order.
    public func cited(_ text: String) -> [Cited] {
        CitationParser.parse(text).compactMap { citation in
            guard let source = ruleSet.sources.source(citation.sourceID) else { return nil }
            return Cited(id: source.id, title: source.title, origin: "\(source.issuer), \(source.year)", year: source.year, detail: citation.detail)
        }
    }

    /// The whole `source:` text in words: the registered citations joined by « ; », or the text
    /// as written when none is registered.
    public func sentence(_ text: String) -> String {
        let items = cited(text)
        return items.isEmpty ? text : items.map(\.sentence).joined(separator: " ; ")
    }

    /// The citations as JSON: `[{id, title, origin, detail}]` (ids under their own key).
    public func json(_ text: String) -> JSONValue {
        .array(cited(text).map { item in
            .object([("id", .string(item.id)), ("title", .string(item.title)), ("origin", .string(item.origin)), ("detail", .string(item.detail))])
        })
    }
}
