import YAML

/// Reads the `facts` and `rules` of one rule file.
struct RuleFileLoader: Sendable {
    /// How many rules one core reads at a time in a long rule list.
    static let rulesPerSlice = 200

    var reader: NodeReader
    let conditions: ConditionReader
    let catalogue: Catalogue

    init(file: String, conditions: ConditionReader, catalogue: Catalogue) {
        self.reader = NodeReader(file: file)
        self.conditions = conditions
        self.catalogue = catalogue
    }

    /// The names of the facts a rule file defines, read before any condition is parsed.
    static func factNames(in root: Node) -> [(name: String, key: Node)] {
        root["facts"]?.mapping?.compactMap { pair in pair.key.scalar.map { ($0.text, pair.key) } } ?? []
    }

    mutating func load(_ root: Node) -> (facts: [Fact], rules: [Rule]) {
        guard let top = reader.keys(of: root, Phrase("un fichier de règles", en: "a rule file"), FileShapes.ruleFile) else { return ([], []) }
        var facts: [Fact] = []
        if let node = top["facts"], !node.isNull {
            if let pairs = node.mapping {
                for pair in pairs {
                    guard let name = reader.identifier(pair.key, Phrase("nom de fait", en: "fact name")) else { continue }
                    if let fact = fact(name, pair.value) { facts.append(fact) }
                }
            } else {
                reader.report(.typeMismatch, node, Phrase("mapping de noms de faits attendu pour « facts », trouvé : \(node.kind.fr)", en: "expected a mapping of fact names for \"facts\", found \(node.kind.en)"))
            }
        }
        var rules: [Rule] = []
        if let node = top["rules"], !node.isNull, let items = reader.list(node, .same("rules")) {
            // Rules are read independently: a long list is read in slices on all cores, merged in order.
            let slices = stride(from: 0, to: items.count, by: Self.rulesPerSlice).map { Array(items[$0..<min($0 + Self.rulesPerSlice, items.count)]) }
            let start = self
            let parts = OrderedParallelMap.map(slices) { slice in
                var loader = start
                loader.reader.diagnostics = []
                return (slice.compactMap { loader.rule($0) }, loader.reader.diagnostics)
            }
            for (sliceRules, diagnostics) in parts {
                rules += sliceRules
                reader.diagnostics += diagnostics
            }
        }
        return (facts, rules)
    }

    private mutating func fact(_ name: String, _ node: Node) -> Fact? {
        let what = Phrase("le fait « \(Limits.quoted(name)) »", en: "fact \"\(Limits.quoted(name))\"")
        guard let keys = reader.keys(of: node, what, FileShapes.fact) else { return nil }
        let label = keys["label"].flatMap { reader.text($0, .same("label")) } ?? name
        guard let whenNode = keys["when"], let condition = conditions.read(whenNode, into: &reader) else { return nil }
        let source = keys["source"].flatMap { reader.text($0, .same("source")) }
        return Fact(name: name, label: label, condition: condition, source: source, location: reader.location(node))
    }

    mutating func rule(_ node: Node) -> Rule? {
        let idText = node["id"]?.scalar?.text
        let what = idText.map { Phrase("la règle « \(Limits.quoted($0)) »", en: "rule \"\(Limits.quoted($0))\"") } ?? Phrase("une règle", en: "a rule")
        guard let keys = reader.keys(of: node, what, FileShapes.rule) else { return nil }
        var valid = true
        let validity = reader.validity(keys, at: node)
        if validity == nil { valid = false }
        let id = keys["id"].flatMap { reader.identifier($0, Phrase("identifiant de règle", en: "rule id")) }
        let title = keys["title"].flatMap { reader.text($0, .same("title")) }
        let source = keys["source"].flatMap { reader.text($0, .same("source")) }
        var priority = 0
        if let node = keys["priority"] {
            if let value = reader.integer(node, .same("priority")) {
                if (0...1000).contains(value) { priority = value } else {
                    reader.report(.outOfRange, node, Phrase("la priorité \(value) est hors de 0 à 1000", en: "priority \(value) is outside 0 to 1000"))
                    valid = false
                }
            } else { valid = false }
        }
        var condition = Condition.always
        if let node = keys["when"] {
            if let read = conditions.read(node, into: &reader) { condition = read } else { valid = false }
        }
        var route: Route?
        if let node = keys["route"], let text = reader.text(node, .same("route")) {
            route = Route(rawValue: text)
            if route == nil {
                let ids = Route.allCases.map(\.rawValue)
                reader.report(.unknownValue, node, Phrase("parcours inconnu « \(Limits.quoted(text)) » (possibles : \(ids.joined(separator: ", ")))", en: "unknown route \"\(Limits.quoted(text))\" (expected one of: \(ids.joined(separator: ", ")))"),
                              hint: Spelling.hint(for: text, in: ids))
                valid = false
            }
        }
        var referent: String?
        if let node = keys["referent"], let text = reader.text(node, .same("referent")) {
            if reference(text, kind: .partner, node, asReferent: true) { referent = text } else { valid = false }
        }
        var referentRole = ReferentRole.insertion
        if let node = keys["referent_role"], let text = reader.text(node, .same("referent_role")) {
            if let role = ReferentRole(rawValue: text) { referentRole = role } else {
                let ids = ReferentRole.allCases.map(\.rawValue)
                reader.report(.unknownValue, node, Phrase("rôle de référent inconnu « \(Limits.quoted(text)) » (possibles : \(ids.joined(separator: ", ")))", en: "unknown referent role \"\(Limits.quoted(text))\" (expected one of: \(ids.joined(separator: ", ")))"),
                              hint: Spelling.hint(for: text, in: ids))
                valid = false
            }
            if keys["referent"] == nil {
                reader.report(.missingKey, node, Phrase("\(what.fr) donne un referent_role mais pas de referent", en: "\(what.en) gives a referent_role but no referent"),
                              hint: Phrase("ajoutez referent: <partenaire>", en: "add referent: <partner>"))
                valid = false
            }
        }
        let why = keys["why"].flatMap { reader.text($0, .same("why")) }
        if (route != nil || referent != nil) && keys["why"] == nil {
            reader.report(.missingWhy, node, Phrase("\(what.fr) donne un parcours ou un référent sans « why » pour la conseillère ou le conseiller", en: "\(what.en) gives a route or a referent but no \"why\" for the counsellor"))
        }
        var suggestions: [Suggestion] = []
        if let node = keys["suggest"], let items = reader.list(node, .same("suggest")) {
            for item in items {
                if let suggestion = suggestion(item) { suggestions.append(suggestion) } else { valid = false }
            }
        }
        if route == nil && referent == nil && suggestions.isEmpty && valid {
            reader.warn(.missingKey, node, Phrase("\(what.fr) ne produit rien (ni route, ni referent, ni suggest)", en: "\(what.en) has no outcome (route, referent or suggest)"))
        }
        guard valid, let id, let title, let source, let validity else { return nil }
        return Rule(id: id, title: title, source: source, priority: priority, condition: condition, route: route,
                    referent: referent, referentRole: referentRole, why: why, suggestions: suggestions, location: reader.location(node), validity: validity)
    }

    /// A list of suggestions (a rule's `suggest`, a route's `follow_up`).
    mutating func suggestions(_ node: Node, _ what: String) -> [Suggestion] {
        guard let items = reader.list(node, .quoted(what)) else { return [] }
        return items.compactMap { suggestion($0) }
    }

    private mutating func suggestion(_ node: Node) -> Suggestion? {
        let kinds = EntryKind.allCases.map(\.rawValue)
        guard let keys = reader.keys(of: node, Phrase("une suggestion", en: "a suggestion"), FileShapes.suggestion) else { return nil }
        let given = kinds.filter { keys[$0] != nil }
        guard given.count == 1, let kindName = given.first, let kind = EntryKind(rawValue: kindName), let entryNode = keys[kindName] else {
            reader.report(.missingKey, node, Phrase("une suggestion nomme exactement un partner, une immersion ou une action", en: "a suggestion names exactly one of partner, immersion or action"))
            return nil
        }
        guard let entry = reader.text(entryNode, .same(kindName)), reference(entry, kind: kind, entryNode) else { return nil }
        guard let stageNode = keys["stage"], let stageText = reader.text(stageNode, .same("stage")) else { return nil }
        guard let stage = Stage(rawValue: stageText) else {
            let ids = Stage.allCases.map(\.rawValue)
            reader.report(.unknownValue, stageNode, Phrase("étape inconnue « \(Limits.quoted(stageText)) » (possibles : \(ids.joined(separator: ", ")))", en: "unknown stage \"\(Limits.quoted(stageText))\" (expected one of: \(ids.joined(separator: ", ")))"),
                          hint: Spelling.hint(for: stageText, in: ids))
            return nil
        }
        guard let why = keys["why"].flatMap({ reader.text($0, .same("why")) }) else { return nil }
        var suggestion = Suggestion(entry: entry, kind: kind, stage: stage, why: why, location: reader.location(node))
        suggestion.discreetReason = keys["discreet"].flatMap { reader.boolean($0, Phrase("« discreet » d'une suggestion", en: "\"discreet\" of a suggestion")) } ?? false
        return suggestion
    }

    /// Checks that `id` is a catalogue entry of `kind`.
    private mutating func reference(_ id: String, kind: EntryKind, _ node: Node, asReferent: Bool = false) -> Bool {
        guard let entry = catalogue.entry(id) else {
            let candidates = catalogue.entries.filter { $0.kind == kind }.map(\.id)
            reader.report(.danglingReference, node, .notInCatalogue(id, kind: kind),
                          hint: Spelling.hint(for: id, in: candidates) ?? Spelling.hint(for: id, in: catalogue.entries.map(\.id)))
            return false
        }
        guard entry.kind == kind else {
            reader.report(.wrongKind, node, Phrase("« \(Limits.quoted(id)) » est \(entry.kind.withArticle.fr) du catalogue, pas \(kind.withArticle.fr)", en: "\"\(Limits.quoted(id))\" is \(entry.kind.withArticle.en) in the catalogue, not \(kind.withArticle.en)"),
                          hint: asReferent ? Phrase("un référent doit être un partenaire du catalogue", en: "a referent must be a partner of the catalogue")
                                           : Phrase("écrivez \(entry.kind.rawValue): \(id)", en: "write \(entry.kind.rawValue): \(id)"))
            return false
        }
        return true
    }
}
