import YAML

/// A diagnosis as another platform recorded it, read into items (themes, situations,
/// objectives) with their status and position: what `DiagnosisImport` maps to a profile.
public struct Diagnosis: Sendable {
    /// What the diagnosis says of an item.
    public enum Status: String, Sendable, Codable {
        /// Present (France Travail « OUI », an objective « EN_COURS », a Carnet de bord situation listed).
        case present
        /// Said to be absent (« NON », an objective « ABANDONNE »).
        case absent
        /// Closed: dealt with (« CLOTUREE », an objective « REALISE »).
        case closed
        /// Not discussed (« NON_ABORDEE »).
        case unaddressed
    }

    /// One item of the diagnosis.
    public struct Item: Sendable {
        public let kind: DiagnosisItemKind
        public let code: String
        /// The theme it belongs to (nil for a theme).
        public let theme: String?
        public let label: String?
        public var status: Status
        public let location: SourceLocation?
    }

    public let format: DiagnosisFormat
    public var items: [Item]
}

/// Reads a diagnosis file (JSON, or YAML) in one platform's shape. JSON (a `.json` file, or
/// one starting with `{` or `[`) is read as JSON, strictly (`JSONParser`): NaN, Infinity, a
/// number out of range or YAML syntax in it is an error, not a guess. Its keys are the
/// platform's (`contraintes`, `situations`, `valeur`...); keys it does not use are passed over,
/// as the platforms' exports carry more than a diagnosis (dates, advisers).
package enum DiagnosisReader {
    package static func read(_ file: SourceFile, format: DiagnosisFormat) -> (diagnosis: Diagnosis?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard let root = RuleSetLoader.parseDocument(file, into: &diagnostics) else { return (nil, diagnostics) }
        var reader = NodeReader(file: file.path)
        reader.diagnostics = diagnostics
        let items: [Diagnosis.Item]?
        switch format {
        case .franceTravail: items = franceTravail(root, &reader)
        case .carnetDeBord: items = carnetDeBord(root, &reader)
        }
        guard let items, !reader.diagnostics.hasErrors else { return (nil, reader.diagnostics) }
        return (Diagnosis(format: format, items: items), reader.diagnostics)
    }

    /// The node under each of `keys` in turn, where the document has it (an export may give the
    /// whole response or only its inner part).
    private static func unwrap(_ root: Node, _ keys: [String]) -> Node {
        keys.reduce(root) { node, key in node[key] ?? node }
    }

    // MARK: France Travail

    /// The « dossier individu » (`contraintesIndividusDto`), its `contraintes` object, or the list
    /// of contraintes itself.
    private static func franceTravail(_ root: Node, _ reader: inout NodeReader) -> [Diagnosis.Item]? {
        let list = unwrap(root, ["contraintesIndividusDto", "contraintes"])
        guard let contraintes = list.sequence else {
            reader.report(.typeMismatch, list, Phrase("liste de contraintes France Travail attendue (clé contraintes ou contraintesIndividusDto), trouvé : \(list.kind.fr)",
                                                      en: "expected a list of France Travail contraintes (key contraintes or contraintesIndividusDto), found \(list.kind.en)"),
                          hint: Phrase("collez la réponse « dossier individu » ou sa partie contraintesIndividusDto", en: "paste the « dossier individu » response or its contraintesIndividusDto part"))
            return nil
        }
        var items: [Diagnosis.Item] = []
        for contrainte in contraintes {
            // A contrainte that is not an object is an error, as a Carnet de bord situation is:
            // skipping it would count its theme as not discussed (« no barrier »).
            guard contrainte.mapping != nil else {
                reader.report(.typeMismatch, contrainte, Phrase("contrainte attendue ({ code, valeur }), trouvé : \(contrainte.kind.fr)", en: "expected a contrainte ({ code, valeur }), found \(contrainte.kind.en)"),
                              hint: Phrase("chaque contrainte : { \"code\": \"23\", \"valeur\": \"OUI\" }", en: "each contrainte: { \"code\": \"23\", \"valeur\": \"OUI\" }"))
                continue
            }
            guard let code = code(contrainte, &reader, Phrase("une contrainte", en: "a contrainte")) else { continue }
            var theme = Diagnosis.Item(kind: .theme, code: code, theme: nil, label: contrainte["libelle"]?.scalar?.text,
                                       status: status(contrainte["valeur"], ["OUI": .present, "NON": .absent, "CLOTUREE": .closed, "NON_ABORDEE": .unaddressed], &reader),
                                       location: reader.location(contrainte))
            var inner: [Diagnosis.Item] = []
            for (key, kind, statuses) in [("situations", DiagnosisItemKind.situation, ["OUI": Diagnosis.Status.present, "NON": .absent, "NON_ABORDEE": .unaddressed]),
                                          ("objectifs", .objective, ["EN_COURS": .present, "REALISE": .closed, "ABANDONNE": .absent, "NON_ABORDE": .unaddressed])] {
                guard let node = contrainte[key] else { continue }
                guard let list = node.sequence else {
                    reader.report(.typeMismatch, node, Phrase("liste attendue pour \(key), trouvé : \(node.kind.fr)", en: "expected a list for \(key), found \(node.kind.en)"))
                    continue
                }
                for item in list {
                    guard item.mapping != nil else {
                        reader.report(.typeMismatch, item, Phrase("élément de \(key) attendu ({ code, valeur }), trouvé : \(item.kind.fr)", en: "expected an item of \(key) ({ code, valeur }), found \(item.kind.en)"))
                        continue
                    }
                    guard let itemCode = self.code(item, &reader, Phrase("un élément de \(key)", en: "an item of \(key)")) else { continue }
                    inner.append(Diagnosis.Item(kind: kind, code: itemCode, theme: code, label: item["libelle"]?.scalar?.text,
                                                status: status(item["valeur"], statuses, &reader), location: reader.location(item)))
                }
            }
            // A situation or objective present says the contrainte is, whatever its own valeur.
            if theme.status != .present, inner.contains(where: { $0.status == .present }) { theme.status = .present }
            items.append(theme)
            items += inner
        }
        return items
    }

    /// `code`, as text or a number (the API writes "23"; a hand-made file may write 23).
    private static func code(_ node: Node, _ reader: inout NodeReader, _ what: Phrase) -> String? {
        guard let value = node["code"] else {
            reader.report(.missingKey, node, Phrase("\(what.fr) n'a pas de code", en: "\(what.en) has no code"))
            return nil
        }
        return reader.text(value, Phrase("code", en: "code"))
    }

    /// The status a `valeur` stands for; an unknown one is a warning and counts as not discussed.
    private static func status(_ node: Node?, _ known: [String: Diagnosis.Status], _ reader: inout NodeReader) -> Diagnosis.Status {
        guard let node, !node.isNull else { return .unaddressed }
        guard let text = node.scalar?.text else {
            reader.report(.typeMismatch, node, Phrase("valeur attendue (\(known.keys.sorted().joined(separator: ", "))), trouvé : \(node.kind.fr)",
                                                      en: "expected a valeur (\(known.keys.sorted().joined(separator: ", "))), found \(node.kind.en)"))
            return .unaddressed
        }
        if let status = known[text] { return status }
        let expected = known.keys.sorted()
        reader.warn(.unknownValue, node, Phrase("valeur « \(Limits.quoted(text)) » inconnue (valeurs : \(expected.joined(separator: ", "))) : comptée comme non abordée",
                                                en: "unknown valeur \"\(Limits.quoted(text))\" (expected: \(expected.joined(separator: ", "))): counted as not discussed"),
                    hint: Spelling.hint(for: text, in: expected))
        return .unaddressed
    }

    // MARK: Carnet de bord

    /// The notebook's situations: `{"situations": [...]}` or the list itself; each item with
    /// `theme` and `description`, directly or under `refSituation` (as the platform's API nests them).
    private static func carnetDeBord(_ root: Node, _ reader: inout NodeReader) -> [Diagnosis.Item]? {
        let list = unwrap(root, ["notebook", "situations"])
        guard let situations = list.sequence else {
            reader.report(.typeMismatch, list, Phrase("liste de situations Carnet de bord attendue (clé situations), trouvé : \(list.kind.fr)",
                                                      en: "expected a list of Carnet de bord situations (key situations), found \(list.kind.en)"),
                          hint: Phrase("chaque situation : { theme: mobilite, description: Permis B }", en: "each situation: { theme: mobilite, description: Permis B }"))
            return nil
        }
        var items: [Diagnosis.Item] = []
        var themes: [String] = []
        for item in situations {
            let situation = item["refSituation"] ?? item
            guard situation.mapping != nil else {
                reader.report(.typeMismatch, item, Phrase("situation attendue ({ theme, description }), trouvé : \(item.kind.fr)", en: "expected a situation ({ theme, description }), found \(item.kind.en)"))
                continue
            }
            guard let themeNode = situation["theme"], let descriptionNode = situation["description"] else {
                reader.report(.missingKey, item, Phrase("une situation a besoin de theme et de description", en: "a situation needs theme and description"))
                continue
            }
            guard let theme = reader.text(themeNode, Phrase("theme", en: "theme")), let description = reader.text(descriptionNode, Phrase("description", en: "description")) else { continue }
            if !themes.contains(theme) {
                themes.append(theme)
                items.append(Diagnosis.Item(kind: .theme, code: theme, theme: nil, label: nil, status: .present, location: reader.location(item)))
            }
            items.append(Diagnosis.Item(kind: .situation, code: description, theme: theme, label: description, status: .present, location: reader.location(item)))
        }
        return items
    }
}
