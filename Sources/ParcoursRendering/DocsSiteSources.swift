import ParcoursEngine

/// The register of sources on the documentation site: one page, `sources/index.html`, with each
/// registered source once (title, issuer, year, file or reference) and the pages that cite it;
/// every `source:` shown elsewhere links to its sources there.
extension DocsSite {
    package static let sourcesPath = "sources/index.html"
    static let sourcesSection = (label: "Sources", anchor: "sources")

    /// The sources a `source:` text cites, registered ones only, each once, in the text's order.
    func cited(_ text: String) -> [RegisteredSource] {
        var seen: [String] = []
        return CitationParser.parse(text).compactMap { citation in
            guard !seen.contains(citation.sourceID), let source = ruleSet.sources.source(citation.sourceID) else { return nil }
            seen.append(citation.sourceID)
            return source
        }
    }

    /// The text of a `source:`, then a link to each registered source it cites, with its title.
    func sourceHTML(_ text: String, depth: Int) -> String {
        let links = cited(text).map { source in
            HTML.link(String(repeating: "../", count: depth) + Self.sourcesPath + "#source-" + source.id, source.title) + " <span class=\"muted\">(\(HTML.escape(source.id)))</span>"
        }
        return "<p>\(HTML.escape(text))</p>" + (links.isEmpty ? "" : "<p class=\"fields\">Sources : \(links.joined(separator: " ; "))</p>")
    }

    /// The page of the register: each source once, with the rules, entries and schemes citing it.
    func sourcesPage() -> String {
        var body = "<h1>Sources</h1><p>Les documents et textes publics que citent les règles (<code>Rules/sources.yaml</code>). Une citation « … » d'un document est vérifiée mot pour mot par <code>parcours check --sources</code>.</p>"
        let kinds: [RegisteredSource.Kind: String] = [.seed: "document source", .reference: "liste de référence", .law: "texte public", .project: "choix du projet"]
        for source in ruleSet.sources.sources {
            body += "<h2 id=\"source-\(HTML.escape(source.id))\">\(HTML.escape(source.title))</h2>"
            body += "<p><span class=\"tag\">\(HTML.escape(kinds[source.kind] ?? source.kind.rawValue))</span><code>\(HTML.escape(source.id))</code> — \(HTML.escape(source.issuer)), \(source.year)</p>"
            if let file = source.file { body += "<p class=\"muted\">Fichier : <code>\(HTML.escape(file))</code></p>" }
            if let reference = source.reference { body += "<p class=\"muted\">Référence : \(HTML.escape(reference))</p>" }
            var citing = ruleSet.rules.filter { cited($0.source).contains { $0.id == source.id } }.map { rule in
                HTML.link("../rules/\(Self.slug(rule.id)).html", rule.title)
            }
            citing += ruleSet.catalogue.entries.filter { cited($0.source ?? "").contains { $0.id == source.id } }.map { entry in
                HTML.link("../catalogue/\(entry.id).html", entry.name)
            }
            citing += ruleSet.schemes.filter { cited($0.source).contains { $0.id == source.id } }.map { scheme in
                HTML.link("../schemes/\(scheme.id).html", scheme.name)
            }
            body += "<p>Citée par :</p>" + HTML.list(citing, empty: "Aucune règle, entrée ni dispositif de ce jour.")
        }
        return page("Sources", section: Self.sourcesSection, body)
    }
}
