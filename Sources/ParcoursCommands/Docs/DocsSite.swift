import ParcoursEngine

/// The static HTML documentation of a rule set, in French: an index, one page per rule,
/// catalogue entry, scheme and vocabulary field. Plain files, relative links, no external asset.
public struct DocsSite {
    let ruleSet: RuleSet
    /// Which replayed cases fired each rule (rule id to case names), and each scheme's cases.
    let casesByRule: [String: [String]]
    let cases: [ScenarioCase]
    let french: FrenchCondition
    let facts: [String: Condition]

    public init(ruleSet: RuleSet, cases: [ScenarioCase], results: [CaseResult]) {
        self.ruleSet = ruleSet
        self.cases = cases
        var byRule: [String: [String]] = [:]
        for result in results {
            for id in result.fired { byRule[id, default: []].append(result.scenarioCase.name) }
        }
        self.casesByRule = byRule
        self.french = FrenchCondition(ruleSet: ruleSet)
        var facts: [String: Condition] = [:]
        for fact in ruleSet.facts { facts[fact.name] = fact.condition }
        self.facts = facts
    }

    /// Every page, as a relative path and its HTML, in a fixed order.
    public func pages() -> [(path: String, html: String)] {
        var pages = [("index.html", index())]
        pages += ruleSet.rules.map { ("rules/\(Self.slug($0.id)).html", rule($0)) }
        pages += ruleSet.catalogue.entries.map { ("catalogue/\($0.id).html", entry($0)) }
        pages += ruleSet.schemes.map { ("schemes/\($0.id).html", scheme($0)) }
        pages += ruleSet.vocabulary.fields.map { ("fields/\($0.name).html", field($0)) }
        return pages
    }

    static func slug(_ id: String) -> String { id.replacingOccurrences(of: ".", with: "--") }

    private var footer: String {
        "Jeu de règles en vigueur le \(HTML.escape(ruleSet.date)) — empreinte <code>\(HTML.escape(ruleSet.fingerprint))</code> — \(ruleSet.rules.count) règles. Page générée par <code>parcours docs</code>."
    }

    private func page(_ title: String, depth: Int, _ body: String) -> String {
        HTML.page(title: title, depth: depth, body: body, footer: footer)
    }

    private func ruleLink(_ rule: Rule, depth: Int) -> String {
        HTML.link(String(repeating: "../", count: depth) + "rules/\(Self.slug(rule.id)).html", rule.title) + " <span class=\"muted\">(\(HTML.escape(rule.id)))</span>"
    }

    private func entryLink(_ id: String, depth: Int) -> String {
        HTML.link(String(repeating: "../", count: depth) + "catalogue/\(id).html", ruleSet.catalogue.entry(id)?.name ?? id)
    }

    private func schemeLink(_ scheme: Scheme, depth: Int) -> String {
        HTML.link(String(repeating: "../", count: depth) + "schemes/\(scheme.id).html", scheme.name)
    }

    private func fieldLink(_ field: Field, depth: Int) -> String {
        HTML.link(String(repeating: "../", count: depth) + "fields/\(field.name).html", field.label) + " <code>\(HTML.escape(field.name))</code>"
    }

    // MARK: Conditions

    private func conditionHTML(_ condition: Condition) -> String {
        switch condition {
        case .all(let items) where items.count > 1:
            return "Toutes les conditions suivantes :" + HTML.list(items.map(conditionHTML))
        case .any(let items) where items.count > 1:
            return "Au moins une des conditions suivantes :" + HTML.list(items.map(conditionHTML))
        default:
            return HTML.escape(french.text(condition))
        }
    }

    /// A scheme rule's own condition (its scope, "eligible or enrolled", is said in words).
    private func ownCondition(_ rule: Rule) -> Condition {
        if rule.scheme != nil, case .all(let parts) = rule.condition, parts.count == 2 { return parts[1] }
        return rule.condition
    }

    // MARK: Pages

    private func index() -> String {
        var body = "<h1>Le jeu de règles de Parcours</h1>"
        body += "<p>Règles en vigueur le <strong>\(HTML.escape(ruleSet.date))</strong> : \(ruleSet.rules.count) règles, \(ruleSet.schemes.count) dispositifs, \(ruleSet.catalogue.entries.count) entrées du catalogue, \(ruleSet.vocabulary.fields.count) champs de profil.</p>"
        body += "<p>Sommaire : <a href=\"#parcours\">règles de parcours</a> · <a href=\"#propositions\">autres règles</a> · <a href=\"#dispositifs\">dispositifs</a> · <a href=\"#catalogue\">catalogue</a> · <a href=\"#faits\">faits dérivés</a> · <a href=\"#champs\">champs du profil</a></p>"
        let routeRules = ruleSet.rules.filter { $0.route != nil || $0.referent != nil }.sorted { ($1.priority, $0.id) < ($0.priority, $1.id) }
        body += "<h2 id=\"parcours\">Règles de parcours et de référent, par priorité</h2><table><tr><th>Priorité</th><th>Règle</th><th>Parcours</th><th>Référent</th></tr>"
        for rule in routeRules {
            var route = rule.route.map { ruleSet.catalogue.info(for: $0)?.label ?? $0.rawValue } ?? ""
            if rule.route == .scheme, let scheme = rule.scheme.flatMap(ruleSet.scheme) { route += " : " + scheme.name }
            body += "<tr><td>\(rule.priority)</td><td>\(ruleLink(rule, depth: 0))</td><td>\(HTML.escape(route))</td><td>\(rule.referent.map { entryLink($0, depth: 0) } ?? "")</td></tr>"
        }
        body += "</table>"
        let others = ruleSet.rules.filter { $0.route == nil && $0.referent == nil }.sorted { $0.id < $1.id }
        body += "<h2 id=\"propositions\">Autres règles (propositions)</h2>" + HTML.list(others.map { ruleLink($0, depth: 0) })
        body += "<h2 id=\"dispositifs\">Dispositifs</h2>" + HTML.list(ruleSet.schemes.map { schemeLink($0, depth: 0) + " — " + HTML.escape($0.summary) })
        body += "<h2 id=\"catalogue\">Catalogue</h2>"
        for kind in EntryKind.allCases {
            let entries = ruleSet.catalogue.entries.filter { $0.kind == kind }
            body += "<h3>\(kind == .partner ? "Partenaires" : kind == .immersion ? "Immersions" : "Actions")</h3>"
            body += HTML.list(entries.map { entryLink($0.id, depth: 0) })
        }
        body += "<h2 id=\"faits\">Faits dérivés</h2>" + HTML.list(ruleSet.facts.map { fact in
            "<strong>\(HTML.escape(fact.label))</strong> <code>\(HTML.escape(fact.name))</code> : " + conditionHTML(fact.condition)
        })
        body += "<h2 id=\"champs\">Champs du profil</h2>" + HTML.list(ruleSet.vocabulary.fields.map { fieldLink($0, depth: 0) })
        return page("Sommaire", depth: 0, body)
    }

    private func rule(_ rule: Rule) -> String {
        var body = "<h1>\(HTML.escape(rule.title))</h1>"
        body += "<p><span class=\"tag\">règle</span><code>\(HTML.escape(rule.id))</code> — priorité \(rule.priority)"
        if !rule.validity.isAlways { body += " — \(HTML.escape(french.period(rule.validity)))" }
        body += "</p><p class=\"muted\">Définie dans \(HTML.escape(rule.location.file)), ligne \(rule.location.line).</p>"
        body += "<h2>Source</h2><p>\(HTML.escape(rule.source))</p>"
        body += "<h2>Quand s'applique-t-elle ?</h2>"
        if let schemeID = rule.scheme, let scheme = ruleSet.scheme(schemeID) {
            body += "<p>Aux personnes éligibles au dispositif \(schemeLink(scheme, depth: 1)) ou déjà entrées dans ce dispositif, et si :</p>"
        }
        body += "<div>\(conditionHTML(ownCondition(rule)))</div>"
        body += "<h2>Ce qu'elle propose</h2>"
        var outcomes: [String] = []
        if let route = rule.route {
            var label = ruleSet.catalogue.info(for: route)?.label ?? route.rawValue
            if route == .scheme, let scheme = rule.scheme.flatMap(ruleSet.scheme) { label += " : " + scheme.name }
            outcomes.append("Parcours : <strong>\(HTML.escape(label))</strong>")
        }
        if let referent = rule.referent { outcomes.append("Référent unique : \(entryLink(referent, depth: 1))") }
        outcomes += rule.suggestions.map { suggestion in
            let stage = ruleSet.catalogue.info(for: suggestion.stage)?.label ?? suggestion.stage.rawValue
            return "\(entryLink(suggestion.entry, depth: 1)) <span class=\"tag\">\(HTML.escape(stage))</span><div class=\"why\">\(HTML.escape(suggestion.why))</div>"
        }
        body += HTML.list(outcomes)
        if let why = rule.why { body += "<p class=\"why\">\(HTML.escape(why))</p>" }
        body += "<h2>Cas rejoués qui l'exercent</h2>" + HTML.list((casesByRule[rule.id] ?? []).map(HTML.escape))
        return page(rule.title, depth: 1, body)
    }

    private func entry(_ entry: CatalogueEntry) -> String {
        var body = "<h1>\(HTML.escape(entry.name))</h1><p><span class=\"tag\">\(entry.kind.frenchLabel)</span><code>\(HTML.escape(entry.id))</code></p>"
        body += "<p>\(HTML.escape(entry.description))</p>"
        body += "<h2>Codes data·inclusion</h2><p>Thématiques : \(entry.thematiques.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: " ")) </p>"
        body += "<p>Réseaux porteurs : \(entry.reseauxPorteurs.isEmpty ? "aucun" : entry.reseauxPorteurs.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: " "))</p>"
        if case .always = entry.requires {} else {
            body += "<h2>Conditions</h2><p>\(conditionHTML(entry.requires))</p><p class=\"muted\">Source : \(HTML.escape(entry.source ?? ""))</p>"
        }
        let suggesting = ruleSet.rules.filter { rule in rule.suggestions.contains { $0.entry == entry.id } }
        body += "<h2>Règles qui le proposent</h2>" + HTML.list(suggesting.map { ruleLink($0, depth: 1) })
        let referring = ruleSet.rules.filter { $0.referent == entry.id }
        if !referring.isEmpty { body += "<h2>Règles qui le désignent comme référent</h2>" + HTML.list(referring.map { ruleLink($0, depth: 1) }) }
        let schemes = ruleSet.schemes.filter { $0.partners.contains { $0.partner == entry.id } }
        if !schemes.isEmpty {
            body += "<h2>Dispositifs</h2>" + HTML.list(schemes.map { scheme in
                schemeLink(scheme, depth: 1) + " : " + HTML.escape(scheme.partners.first { $0.partner == entry.id }?.role ?? "")
            })
        }
        return page(entry.name, depth: 1, body)
    }

    private func scheme(_ scheme: Scheme) -> String {
        var body = "<h1>\(HTML.escape(scheme.name))</h1><p><span class=\"tag\">dispositif</span><code>\(HTML.escape(scheme.id))</code>"
        if let duration = scheme.duration { body += " — durée : \(HTML.escape(duration))" }
        body += "</p><p>\(HTML.escape(scheme.summary))</p><p class=\"muted\">Source : \(HTML.escape(scheme.source))</p>"
        body += "<h2>Critères d'éligibilité</h2><table><tr><th>Critère</th><th>Condition</th><th>Raison donnée au conseiller</th></tr>"
        for criterion in scheme.criteria {
            body += "<tr><td>\(HTML.escape(criterion.label))</td><td>\(conditionHTML(criterion.condition))</td><td>\(HTML.escape(criterion.reason))</td></tr>"
        }
        body += "</table>"
        if !scheme.priorityCriteria.isEmpty {
            body += "<h2>Publics prioritaires</h2>" + HTML.list(scheme.priorityCriteria.map { "\(HTML.escape($0.label)) : \(conditionHTML($0.condition))" })
        }
        body += "<h2>Étapes</h2><ol>" + scheme.stages.map { stage in
            "<li><strong>\(HTML.escape(stage.label))</strong>\(stage.duration.map { " (\(HTML.escape($0)))" } ?? "")" + HTML.list(stage.milestones.map(HTML.escape)) + "</li>"
        }.joined() + "</ol>"
        body += "<h2>Partenaires</h2>" + HTML.list(scheme.partners.map { entryLink($0.partner, depth: 1) + " : " + HTML.escape($0.role) })
        body += "<h2>Règles propres</h2>" + HTML.list(ruleSet.rules.filter { $0.scheme == scheme.id }.map { ruleLink($0, depth: 1) })
        let schemeCases = cases.filter { $0.scheme == scheme.id }
        body += "<h2>Cas rejouables (\(schemeCases.count))</h2>" + HTML.list(schemeCases.map { scenarioCase in
            HTML.escape(scenarioCase.name) + (scenarioCase.steps.count > 1 ? " <span class=\"muted\">(\(scenarioCase.steps.count) étapes : " + scenarioCase.steps.map { HTML.escape($0.name) }.joined(separator: " → ") + ")</span>" : "")
        })
        return page(scheme.name, depth: 1, body)
    }

    private func field(_ field: Field) -> String {
        var body = "<h1>\(HTML.escape(field.label))</h1><p><span class=\"tag\">champ</span><code>\(HTML.escape(field.name))</code> — type <code>\(field.type.keyword)</code></p>"
        body += "<p>Question à poser : <em>\(HTML.escape(field.question))</em></p>"
        if case .integer(let min, let max) = field.type { body += "<p>Valeurs de \(min) à \(max).</p>" }
        if !field.values.isEmpty {
            body += "<h2>Valeurs</h2><table><tr><th>Valeur</th><th>Libellé</th><th>data·inclusion</th><th>France Travail</th><th>Carnet de bord</th></tr>"
            for value in field.values {
                body += "<tr><td><code>\(HTML.escape(value.id))</code></td><td>\(HTML.escape(value.label))</td><td>\(HTML.escape(value.links.dataInclusion ?? ""))</td><td>\(HTML.escape(value.links.franceTravail ?? ""))</td><td>\(HTML.escape(value.links.carnetDeBord ?? ""))</td></tr>"
            }
            body += "</table>"
        }
        let using = ruleSet.rules.filter { $0.condition.fieldsRead(facts: facts).contains(field.index) }
        body += "<h2>Règles qui l'utilisent</h2>" + HTML.list(using.map { ruleLink($0, depth: 1) })
        return page(field.label, depth: 1, body)
    }

}
