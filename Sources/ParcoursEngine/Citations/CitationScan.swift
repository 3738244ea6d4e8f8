import YAML

/// Finds every `source:` of a rule set's files and checks it against the register: each
/// citation names a registered source, a seed's citation quotes it, a text that `check` cannot
/// read is never quoted. Whether the quotes are in the documents is `QuoteCheck`'s part.
struct CitationScan {
    let register: SourceRegister
    private(set) var cited: [CitedText] = []
    private(set) var diagnostics: [Diagnostic] = []

    init(register: SourceRegister) {
        self.register = register
    }

    /// Scans one file's tree.
    mutating func scan(_ root: Node, file: SourceFile) {
        let lines = String(decoding: file.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        walk(root, file: file.path, lines: lines)
    }

    private mutating func walk(_ node: Node, file: String, lines: [Substring]) {
        switch node.content {
        case .scalar: return
        case .sequence(let items): items.forEach { walk($0, file: file, lines: lines) }
        case .mapping(let pairs):
            for pair in pairs {
                if pair.key.scalar?.text == "source", let scalar = pair.value.scalar, !pair.value.isNull {
                    let line = pair.value.mark.line - 1
                    let text = CitedText(text: scalar.text, citations: CitationParser.parse(scalar.text),
                                         location: SourceLocation(file: file, mark: pair.value.mark),
                                         line: line >= 0 && line < lines.count ? String(lines[line]) : "")
                    check(text)
                    cited.append(text)
                } else {
                    walk(pair.value, file: file, lines: lines)
                }
            }
        }
    }

    private mutating func check(_ text: CitedText) {
        let ids = register.sources.map(\.id)
        for citation in text.citations {
            guard let source = register.source(citation.sourceID) else {
                diagnostics.append(Diagnostic(.error, .unknownSource, at: text.location,
                                              Phrase("la source « \(Limits.quoted(citation.sourceID)) » n'est pas dans le registre (sources.yaml)",
                                                     en: "source \"\(Limits.quoted(citation.sourceID))\" is not in the register (sources.yaml)"),
                                              hint: Self.hint(for: citation.sourceID, in: ids)))
                continue
            }
            if source.kind == .seed && citation.quotes.isEmpty {
                diagnostics.append(Diagnostic(.error, .missingQuote, at: text.location,
                                              Phrase("la citation de \(source.id) ne cite aucun passage « … » du document",
                                                     en: "the citation of \(source.id) quotes no « … » passage of the document"),
                                              hint: Phrase("recopiez entre « » la phrase du document qui fonde la règle", en: "copy between « » the document's sentence the rule rests on")))
            }
            if !source.hasDocument, let quote = citation.quotes.first {
                diagnostics.append(Diagnostic(.error, .missingQuote, at: text.location(of: quote),
                                              Phrase("« … » est réservé aux passages d'un document que check lit ; \(source.id) (\(source.kind.rawValue)) n'en a pas",
                                                     en: "« … » is for passages of a document check reads; \(source.id) (\(source.kind.rawValue)) has none"),
                                              hint: Phrase("écrivez le titre ou le passage sans guillemets", en: "write the title or passage without guillemets")))
            }
        }
    }

    /// A likely fix for an unknown id: a near id, or why a README or a code list is no source.
    static func hint(for id: String, in ids: [String]) -> Phrase? {
        let lower = id.lowercased()
        if lower.contains("readme") {
            return Phrase("un README est une note, pas une source : citez le texte public ou le document (voir sources.yaml)",
                          en: "a README is a note, not a source: cite the public text or the document (see sources.yaml)")
        }
        if lower.contains("france_travail_contraintes") {
            return Phrase("une liste de codes n'est pas une raison : citez le document ou le texte qui fonde la règle",
                          en: "a code list is not a reason: cite the document or text the rule rests on")
        }
        if lower.hasPrefix(RuleSetFiles.referenceFolder + "/") {
            let name = String(lower.dropFirst(RuleSetFiles.referenceFolder.count + 1).split(separator: ".").first ?? "")
            if let near = Spelling.closest(to: name, in: ids) { return Phrase("vouliez-vous dire « \(near) » ?", en: "did you mean \"\(near)\"?") }
        }
        return Spelling.hint(for: id, in: ids)
    }
}
