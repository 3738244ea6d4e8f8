import YAML

/// Reads `catalogue.yaml`: route and stage labels, and the partners, immersions and actions.
struct CatalogueLoader {
    var reader: NodeReader
    let taxonomy: Taxonomy
    let conditions: ConditionReader

    init(file: String, taxonomy: Taxonomy, conditions: ConditionReader) {
        self.reader = NodeReader(file: file)
        self.taxonomy = taxonomy
        self.conditions = conditions
    }

    mutating func load(_ root: Node) -> Catalogue {
        guard let top = reader.keys(of: root, Phrase("le catalogue", en: "the catalogue"), FileShapes.catalogue) else {
            return Catalogue(routes: [], stages: [], entries: [])
        }
        let routes = labelled(top["routes"], Phrase("parcours", en: "route"), plural: Phrase("parcours", en: "routes"), ids: Route.allCases.map(\.rawValue)).compactMap { item in
            Route(rawValue: item.id).map { RouteInfo(route: $0, label: item.label, description: item.description, forPerson: item.forPerson, location: item.location) }
        }
        let stages = labelled(top["stages"], Phrase("étape", en: "stage"), feminine: true, plural: Phrase("étapes", en: "stages"), ids: Stage.allCases.map(\.rawValue)).compactMap { item in
            Stage(rawValue: item.id).map { StageInfo(stage: $0, label: item.label, description: item.description, forPerson: item.forPerson, location: item.location) }
        }
        var entries: [CatalogueEntry] = []
        var seen: [String: SourceLocation] = [:]
        for (section, kind) in [("partners", EntryKind.partner), ("immersions", .immersion), ("actions", .action)] {
            guard let node = top[section], let pairs = mapping(node, .same(section)) else { continue }
            for pair in pairs {
                guard let id = reader.identifier(pair.key, Phrase("l'identifiant de \(kind.withArticle.fr)", en: "\(kind.rawValue) id")) else { continue }
                if let first = seen[id] {
                    reader.report(.duplicateID, pair.key, Phrase("l'identifiant « \(Limits.quoted(id)) » est déjà pris dans le catalogue en \(first)", en: "catalogue id \"\(Limits.quoted(id))\" is already used at \(first)"),
                                  notes: [DiagnosticNote(at: first, Phrase("première définition", en: "first defined here"))])
                    continue
                }
                seen[id] = reader.location(pair.key)
                if let entry = entry(id: id, kind: kind, pair.value) { entries.append(entry) }
            }
        }
        return Catalogue(routes: routes, stages: stages, entries: entries)
    }

    private mutating func mapping(_ node: Node, _ section: Phrase) -> [Pair]? {
        if node.isNull { return [] }
        guard let pairs = node.mapping else {
            reader.report(.typeMismatch, node, Phrase("mapping d'identifiants attendu pour « \(section.fr) », trouvé : \(node.kind.fr)", en: "expected a mapping of ids for \"\(section.en)\", found \(node.kind.en)"))
            return nil
        }
        return pairs
    }

    /// A section keyed by fixed ids, each with a label and description; every id must be there once.
    private mutating func labelled(_ node: Node?, _ what: Phrase, feminine: Bool = false, plural: Phrase, ids: [String]) -> [(id: String, label: String, description: String, forPerson: PersonText?, location: SourceLocation)] {
        guard let node, let pairs = mapping(node, plural) else { return [] }
        var result: [(id: String, label: String, description: String, forPerson: PersonText?, location: SourceLocation)] = []
        for pair in pairs {
            guard let id = pair.key.scalar?.text else { continue }
            guard ids.contains(id) else {
                reader.report(.unknownValue, pair.key, Phrase("\(what.fr) inconnu\(feminine ? "e" : "") « \(Limits.quoted(id)) » (possibles : \(ids.joined(separator: ", ")))", en: "unknown \(what.en) \"\(Limits.quoted(id))\" (the \(plural.en) are: \(ids.joined(separator: ", ")))"),
                              hint: Spelling.hint(for: id, in: ids))
                continue
            }
            let shape = what.en == "route" ? FileShapes.routeLabel : FileShapes.stageLabel
            guard let keys = reader.keys(of: pair.value, Phrase("\(what.fr) « \(Limits.quoted(id)) »", en: "\(what.en) \"\(Limits.quoted(id))\""), shape) else { continue }
            if keys["follow_up"] != nil && keys["source"] == nil {
                reader.report(.missingSource, pair.value, Phrase("le parcours « \(Limits.quoted(id)) » a des étapes follow_up mais pas de « source » pour elles", en: "route \"\(Limits.quoted(id))\" has follow_up steps but no \"source\" for them"),
                              hint: Phrase("citez le passage qui dit que ces étapes accompagnent le parcours", en: "cite the passage that says these steps come with the route"))
            }
            let label = keys["label"].flatMap { reader.text($0, .same("label")) } ?? id
            let description = keys["description"].flatMap { reader.text($0, .same("description")) } ?? ""
            let forPerson = keys["for_person"].flatMap { personText($0, Phrase("\(what.fr) « \(Limits.quoted(id)) »", en: "\(what.en) \"\(Limits.quoted(id))\"")) }
            result.append((id, label, description, forPerson, reader.location(pair.key)))
        }
        for id in ids where !result.contains(where: { $0.id == id }) {
            reader.report(.missingKey, node, Phrase("\(what.fr) « \(Limits.quoted(id)) » : pas de libellé dans le catalogue", en: "\(what.en) \"\(Limits.quoted(id))\" has no label in the catalogue"))
        }
        return result
    }

    private mutating func entry(id: String, kind: EntryKind, _ node: Node) -> CatalogueEntry? {
        let what = Phrase("\(kind.frenchLabel) « \(Limits.quoted(id)) »", en: "\(kind.rawValue) \"\(Limits.quoted(id))\"")
        guard let keys = reader.keys(of: node, what, FileShapes.entry) else { return nil }
        let name = keys["name"].flatMap { reader.text($0, .same("name")) } ?? id
        let description = keys["description"].flatMap { reader.text($0, .same("description")) } ?? ""
        let thematiques = codes(keys["thematiques"], in: taxonomy.thematiques, Phrase("thématique data·inclusion", en: "data·inclusion thematique"), plural: .same("thematiques"))
        let reseaux = codes(keys["reseaux_porteurs"], in: taxonomy.reseauxPorteurs, Phrase("réseau porteur data·inclusion", en: "data·inclusion réseau porteur"), plural: .same("reseaux_porteurs"))
        var requires = Condition.always
        if let node = keys["requires"] {
            guard let condition = conditions.read(node, into: &reader) else { return nil }
            requires = condition
            if keys["source"] == nil {
                reader.report(.missingSource, node, Phrase("\(what.fr) a des conditions (requires) mais pas de « source » pour elles", en: "\(what.en) has requirements but no \"source\" for them"),
                              hint: Phrase("citez d'où vient la condition, par ex. « reference/immersion_facile_pmsmp.yaml »", en: "cite where the requirement comes from, e.g. \"reference/immersion_facile_pmsmp.yaml\""))
            }
        }
        let source = keys["source"].flatMap { reader.text($0, .same("source")) }
        let severity = keys["severity"].flatMap { self.severity($0, what) }
        let discreet = keys["discreet"].flatMap { reader.boolean($0, Phrase("« discreet » de \(what.fr)", en: "\"discreet\" of \(what.en)")) } ?? false
        var discreetWhen: Condition?
        if let node = keys["discreet_when"] {
            guard let condition = conditions.read(node, into: &reader) else { return nil }
            discreetWhen = condition
        }
        let afterPlan = keys["after_plan"].flatMap { reader.boolean($0, Phrase("« after_plan » de \(what.fr)", en: "\"after_plan\" of \(what.en)")) } ?? false
        let reengagement = keys["reengagement"].flatMap { reader.boolean($0, Phrase("« reengagement » de \(what.fr)", en: "\"reengagement\" of \(what.en)")) } ?? false
        let forPerson = keys["for_person"].flatMap { personText($0, what) }
        guard let validity = reader.validity(keys, at: node) else { return nil }
        let formerNames = keys["former_names"].map { self.formerNames($0, what, validity: validity) } ?? []
        if (!validity.isAlways || !formerNames.isEmpty) && keys["source"] == nil {
            reader.report(.missingSource, node, Phrase("\(what.fr) est daté (valid_from, valid_until ou former_names) mais n'a pas de « source »", en: "\(what.en) is dated (valid_from, valid_until or former_names) but has no \"source\""),
                          hint: Phrase("citez le texte qui crée, supprime ou renomme l'entrée", en: "cite the text that creates, ends or renames the entry"))
        }
        if severity != nil && keys["source"] == nil {
            reader.report(.missingSource, node, Phrase("\(what.fr) a une « severity » mais pas de « source » pour elle", en: "\(what.en) has a \"severity\" but no \"source\" for it"),
                          hint: Phrase("citez le passage qui en fait une urgence", en: "cite the passage that makes it an urgency"))
        }
        return CatalogueEntry(id: id, name: name, kind: kind, description: description, thematiques: thematiques, reseauxPorteurs: reseaux,
                              requires: requires, source: source, location: reader.location(node), severity: severity, discreet: discreet,
                              discreetWhen: discreetWhen, afterPlan: afterPlan, reengagement: reengagement, forPerson: forPerson, validity: validity, formerNames: formerNames)
    }

    /// A `for_person:` block: the person's `label` and `text`, both optional here (`check`
    /// says which one is missing, `PersonTextCheck`).
    private mutating func personText(_ node: Node, _ what: Phrase) -> PersonText? {
        guard let keys = reader.keys(of: node, Phrase("« for_person » de \(what.fr)", en: "\"for_person\" of \(what.en)"), FileShapes.personText) else { return nil }
        let label = keys["label"].flatMap { reader.text($0, .same("label")) }
        let text = keys["text"].flatMap { reader.text($0, .same("text")) }
        return PersonText(label: label, text: text, labelLocation: keys["label"].map { reader.location($0) },
                          textLocation: keys["text"].map { reader.location($0) })
    }

    /// `former_names: [{name, valid_until}]`, oldest first; each must end before the next one
    /// and inside the entry's own period.
    private mutating func formerNames(_ node: Node, _ what: Phrase, validity: Validity) -> [FormerName] {
        guard let items = reader.list(node, Phrase("« former_names » de \(what.fr)", en: "\"former_names\" of \(what.en)")) else { return [] }
        var result: [FormerName] = []
        for item in items {
            guard let keys = reader.keys(of: item, Phrase("un ancien nom de \(what.fr)", en: "a former name of \(what.en)"), FileShapes.formerName),
                  let nameNode = keys["name"], let untilNode = keys["valid_until"],
                  let name = reader.text(nameNode, .same("name")), let until = reader.date(untilNode, .same("valid_until")) else { continue }
            if let previous = result.last, until <= previous.until {
                reader.report(.outOfRange, untilNode, Phrase("les anciens noms vont du plus ancien au plus récent : \(until) n'est pas après \(previous.until)", en: "former names go oldest first: \(until) is not after \(previous.until)"))
                continue
            }
            if (validity.until.map { until >= $0 } ?? false) || (validity.from.map { until < $0 } ?? false) {
                reader.report(.outOfRange, untilNode, Phrase("l'ancien nom finit le \(until), hors de la période de l'entrée (\(validity.phrase.fr))", en: "the former name ends on \(until), outside the entry's period (\(validity.phrase.en))"))
                continue
            }
            result.append(FormerName(name: name, until: until))
        }
        return result
    }

    /// A `severity:` word of the one scale (`Urgency`).
    private mutating func severity(_ node: Node, _ what: Phrase) -> Urgency? {
        guard let word = reader.text(node, Phrase("« severity » de \(what.fr)", en: "\"severity\" of \(what.en)")) else { return nil }
        if let severity = Urgency(rawValue: word) { return severity }
        let words = Urgency.allCases.map(\.rawValue).joined(separator: ", ")
        reader.report(.unknownValue, node, Phrase("« severity » inconnue « \(Limits.quoted(word)) » (valeurs : \(words))", en: "unknown \"severity\" \"\(Limits.quoted(word))\" (expected one of: \(words))"))
        return nil
    }

    private mutating func codes(_ node: Node?, in known: [String], _ what: Phrase, plural: Phrase) -> [String] {
        guard let node else { return [] }
        if node.isNull { return [] }
        guard let items = reader.list(node, plural) else { return [] }
        var result: [String] = []
        for item in items {
            guard let code = reader.text(item, what) else { continue }
            if known.contains(code) {
                result.append(code)
            } else {
                reader.report(.unknownCode, item, Phrase("« \(Limits.quoted(code)) » n'est pas dans les listes de référence (\(what.fr))", en: "\"\(Limits.quoted(code))\" is not a \(what.en) of the reference lists"),
                              hint: Spelling.hint(for: code, in: known))
            }
        }
        return result
    }
}
