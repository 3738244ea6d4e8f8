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
        let sections = ["routes", "stages", "partners", "immersions", "actions"]
        guard let top = reader.keys(of: root, "the catalogue", required: sections, optional: ["source"]) else {
            return Catalogue(routes: [], stages: [], entries: [])
        }
        let routes = labelled(top["routes"], "route", ids: Route.allCases.map(\.rawValue)).compactMap { item in
            Route(rawValue: item.id).map { RouteInfo(route: $0, label: item.label, description: item.description) }
        }
        let stages = labelled(top["stages"], "stage", ids: Stage.allCases.map(\.rawValue)).compactMap { item in
            Stage(rawValue: item.id).map { StageInfo(stage: $0, label: item.label, description: item.description) }
        }
        var entries: [CatalogueEntry] = []
        var seen: [String: SourceLocation] = [:]
        for (section, kind) in [("partners", EntryKind.partner), ("immersions", .immersion), ("actions", .action)] {
            guard let node = top[section], let pairs = mapping(node, section) else { continue }
            for pair in pairs {
                guard let id = reader.identifier(pair.key, "\(kind.rawValue) id") else { continue }
                if let first = seen[id] {
                    reader.report(.duplicateID, pair.key, "catalogue id \"\(id)\" is already used at \(first)")
                    continue
                }
                seen[id] = reader.location(pair.key)
                if let entry = entry(id: id, kind: kind, pair.value) { entries.append(entry) }
            }
        }
        return Catalogue(routes: routes, stages: stages, entries: entries)
    }

    private mutating func mapping(_ node: Node, _ section: String) -> [Pair]? {
        if node.isNull { return [] }
        guard let pairs = node.mapping else {
            reader.report(.typeMismatch, node, "expected a mapping of ids for \"\(section)\", found \(node.kindName)")
            return nil
        }
        return pairs
    }

    /// A section keyed by fixed ids, each with a label and description; every id must be there once.
    private mutating func labelled(_ node: Node?, _ what: String, ids: [String]) -> [(id: String, label: String, description: String)] {
        guard let node, let pairs = mapping(node, what + "s") else { return [] }
        var result: [(id: String, label: String, description: String)] = []
        for pair in pairs {
            guard let id = pair.key.scalar?.text else { continue }
            guard ids.contains(id) else {
                reader.report(.unknownValue, pair.key, "unknown \(what) \"\(id)\" (the \(what)s are: \(ids.joined(separator: ", ")))",
                              hint: Spelling.hint(for: id, in: ids))
                continue
            }
            let optional = what == "route" ? ["source", "follow_up"] : ["source"]
            guard let keys = reader.keys(of: pair.value, "\(what) \"\(id)\"", required: ["label", "description"], optional: optional) else { continue }
            if keys["follow_up"] != nil && keys["source"] == nil {
                reader.report(.missingSource, pair.value, "route \"\(id)\" has follow_up steps but no \"source\" for them",
                              hint: "cite the passage that says these steps come with the route")
            }
            let label = keys["label"].flatMap { reader.text($0, "label") } ?? id
            let description = keys["description"].flatMap { reader.text($0, "description") } ?? ""
            result.append((id, label, description))
        }
        for id in ids where !result.contains(where: { $0.id == id }) {
            reader.report(.missingKey, node, "\(what) \"\(id)\" has no label in the catalogue")
        }
        return result
    }

    private mutating func entry(id: String, kind: EntryKind, _ node: Node) -> CatalogueEntry? {
        let what = "\(kind.rawValue) \"\(id)\""
        guard let keys = reader.keys(of: node, what, required: ["name", "description", "thematiques", "reseaux_porteurs"],
                                     optional: ["requires", "source", "urgent"]) else { return nil }
        let name = keys["name"].flatMap { reader.text($0, "name") } ?? id
        let description = keys["description"].flatMap { reader.text($0, "description") } ?? ""
        let thematiques = codes(keys["thematiques"], in: taxonomy.thematiques, "data·inclusion thematique")
        let reseaux = codes(keys["reseaux_porteurs"], in: taxonomy.reseauxPorteurs, "data·inclusion réseau porteur")
        var requires = Condition.always
        if let node = keys["requires"] {
            guard let condition = conditions.read(node, into: &reader) else { return nil }
            requires = condition
            if keys["source"] == nil {
                reader.report(.missingSource, node, "\(what) has requirements but no \"source\" for them",
                              hint: "cite where the requirement comes from, e.g. \"reference/immersion_facile_pmsmp.yaml\"")
            }
        }
        let source = keys["source"].flatMap { reader.text($0, "source") }
        let urgent = keys["urgent"].flatMap { reader.boolean($0, "\"urgent\" of \(what)") } ?? false
        return CatalogueEntry(id: id, name: name, kind: kind, description: description, thematiques: thematiques,
                              reseauxPorteurs: reseaux, requires: requires, source: source, location: reader.location(node), urgent: urgent)
    }

    private mutating func codes(_ node: Node?, in known: [String], _ what: String) -> [String] {
        guard let node else { return [] }
        if node.isNull { return [] }
        guard let items = reader.list(node, "\(what)s") else { return [] }
        var result: [String] = []
        for item in items {
            guard let code = reader.text(item, what) else { continue }
            if known.contains(code) {
                result.append(code)
            } else {
                reader.report(.unknownCode, item, "\"\(code)\" is not a \(what) of the reference lists",
                              hint: Spelling.hint(for: code, in: known))
            }
        }
        return result
    }
}
