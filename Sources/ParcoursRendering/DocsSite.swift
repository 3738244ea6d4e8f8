import ParcoursEngine

/// The static HTML documentation of a rule set, in French: an index, one page per rule,
/// catalogue entry, scheme, vocabulary field and replayable case, a breadcrumb trail and a
/// search box on every page. Plain files, relative links, no external asset.
public struct DocsSite {
    package let ruleSet: RuleSet
    /// Which replayed cases fired each rule (rule id to case indices), and each scheme's cases.
    package let casesByRule: [String: [Int]]
    package let cases: [ScenarioCase]
    package let results: [CaseResult]
    /// Each case file's text, shown on its page (path to text; a missing one is not shown).
    package let sources: [String: String]
    package let french: FrenchCondition
    /// Conditions lowered with every dated part kept (a rule set without a date): the fields a
    /// page lists are those its condition names, in force today or not.
    package let everyPeriod: Lowering
    /// Per rule, the fields its condition reads (`CoreCondition.fields`).
    package let fieldsByRule: [[Int]]

    public init(ruleSet: RuleSet, cases: [ScenarioCase], results: [CaseResult], sources: [String: String] = [:]) {
        self.ruleSet = ruleSet
        self.cases = cases
        self.results = results
        self.sources = sources
        var byRule: [String: [Int]] = [:]
        for (index, result) in results.enumerated() {
            for id in result.fired { byRule[id, default: []].append(index) }
        }
        self.casesByRule = byRule
        self.french = FrenchCondition(ruleSet: ruleSet)
        let everyPeriod = Lowering(facts: ruleSet.facts, date: "")
        self.everyPeriod = everyPeriod
        self.fieldsByRule = ruleSet.rules.map { everyPeriod.lower($0.condition).fields }
    }

    /// Every file of the site (pages, then the search's index and script), as a relative path
    /// and its text, in a fixed order.
    public func pages() -> [(path: String, html: String)] {
        var pages = [("index.html", index())]
        pages += ruleSet.rules.map { ("rules/\(Self.slug($0.id)).html", rule($0)) }
        pages += ruleSet.catalogue.entries.map { ("catalogue/\($0.id).html", entry($0)) }
        pages += ruleSet.schemes.map { ("schemes/\($0.id).html", scheme($0)) }
        pages += ruleSet.vocabulary.fields.map { ("fields/\($0.name).html", field($0)) }
        pages += cases.indices.map { (casePath($0), casePage($0)) }
        pages += ruleSet.imports.map { ("imports/\($0.format.rawValue).html", importPage($0)) }
        if !ruleSet.sources.isEmpty { pages.append((Self.sourcesPath, sourcesPage())) }
        pages += [("search-index.js", SearchAssets.index(searchEntries)), ("search.js", SearchAssets.script)]
        return pages
    }

    /// The folders and root files the site is made of: `docs --out` cleans only these.
    package static let folders = ["rules", "catalogue", "schemes", "fields", "cases", "imports", "sources"]

    package static func slug(_ id: String) -> String { id.replacingOccurrences(of: ".", with: "--") }

    /// `cases/<scheme or regles>--<file name>.html`.
    package func casePath(_ index: Int) -> String {
        let scenarioCase = cases[index]
        let name = scenarioCase.file.split(separator: "/").last.map(String.init) ?? "cas"
        let base = name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name
        return "cases/\(scenarioCase.scheme ?? "regles")--\(base).html"
    }

    private var searchEntries: [SearchAssets.Entry] {
        var entries: [SearchAssets.Entry] = []
        entries += ruleSet.rules.map { rule in
            SearchAssets.Entry(title: rule.title, kind: "règle", words: ([rule.id, rule.why ?? "", rule.source, french.text(ownCondition(rule))] + actions(of: rule)).joined(separator: " "),
                               path: "rules/\(Self.slug(rule.id)).html")
        }
        entries += ruleSet.catalogue.entries.map { entry in
            SearchAssets.Entry(title: entry.name, kind: entry.kind.frenchLabel, words: [entry.id, entry.description].joined(separator: " "), path: "catalogue/\(entry.id).html")
        }
        entries += ruleSet.schemes.map { scheme in
            SearchAssets.Entry(title: scheme.name, kind: "dispositif", words: [scheme.id, scheme.summary].joined(separator: " "), path: "schemes/\(scheme.id).html")
        }
        entries += ruleSet.vocabulary.fields.map { field in
            SearchAssets.Entry(title: field.label, kind: "champ", words: ([field.name, field.question] + field.values.flatMap { [$0.id, $0.label] }).joined(separator: " "),
                               path: "fields/\(field.name).html")
        }
        entries += cases.indices.map { index in
            SearchAssets.Entry(title: cases[index].name, kind: "cas", words: cases[index].file, path: casePath(index))
        }
        entries += ruleSet.imports.map { mapping in
            SearchAssets.Entry(title: mapping.label, kind: "import", words: ([mapping.format.rawValue] + mapping.entries.map { $0.label ?? $0.code }).joined(separator: " "),
                               path: "imports/\(mapping.format.rawValue).html")
        }
        return entries
    }

    private var footer: String {
        "Jeu de règles en vigueur le \(HTML.escape(FrenchText.date(ruleSet.date))) — empreinte <code>\(HTML.escape(ruleSet.fingerprint))</code> — \(ruleSet.rules.count) règles. Page générée par <code>parcours docs</code>."
    }

    /// A page under a section of the index (`section`: its label and anchor).
    func page(_ title: String, section: (label: String, anchor: String)?, _ body: String) -> String {
        var trail: [(label: String, href: String?)] = [("Sommaire", section == nil ? nil : "index.html")]
        if let section { trail += [(section.label, "index.html#" + section.anchor), (title, nil)] }
        return HTML.page(title: title, depth: section == nil ? 0 : 1, trail: trail, body: body, footer: footer)
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
            return "Toutes les conditions suivantes :" + HTML.list(items.map(conditionHTML), empty: "Aucune condition.")
        case .any(let items) where items.count > 1:
            return "Au moins une des conditions suivantes :" + HTML.list(items.map(conditionHTML), empty: "Aucune condition.")
        default:
            return HTML.escape(french.text(condition))
        }
    }

    /// The condition, then links to the pages of the fields it reads.
    private func conditionWithFields(_ condition: Condition, depth: Int) -> String {
        let read = everyPeriod.lower(condition).fields
        let links = read.compactMap { $0 < ruleSet.vocabulary.fields.count ? fieldLink(ruleSet.vocabulary.fields[$0], depth: depth) : nil }
        return "<div>\(conditionHTML(condition))</div>" + (links.isEmpty ? "" : "<p class=\"fields\">Champs lus : \(links.joined(separator: ", "))</p>")
    }

    private func caseLink(_ index: Int, depth: Int) -> String {
        HTML.link(String(repeating: "../", count: depth) + casePath(index), cases[index].name)
    }

    /// A scheme rule's own condition (its scope, "eligible or enrolled", is said in words).
    /// What a rule does, in the words a counsellor searches with (« orienter vers le SMA »,
    /// « proposer l'auto-école sociale »).
    private func actions(of rule: Rule) -> [String] {
        var words: [String] = []
        if let route = rule.route {
            words.append("orienter vers le parcours " + (ruleSet.catalogue.info(for: route)?.label ?? route.rawValue))
            if route == .scheme, let scheme = rule.scheme.flatMap(ruleSet.scheme) { words.append("orienter vers le dispositif " + scheme.name + " " + scheme.id) }
        }
        if let referent = rule.referent { words.append("désigner comme référent " + (ruleSet.catalogue.entry(referent)?.name ?? referent)) }
        words += rule.suggestions.map { "proposer " + (ruleSet.catalogue.entry($0.entry)?.name ?? $0.entry) }
        return words
    }

    /// When a scheme's own rule applies besides its condition: entered in the scheme, or eligible
    /// and having chosen it (`SchemeLoader.scope`), said with the vocabulary's labels.
    private func schemeScope(_ scheme: Scheme) -> String {
        let link = schemeLink(scheme, depth: 1)
        let enrolled = ruleSet.vocabulary.field(named: RuleSetFiles.enrolledField).map { "déjà entrées dans le dispositif \(link) (« \(HTML.escape($0.label)) »)" }
        let chosen = ruleSet.vocabulary.field(named: RuleSetFiles.chosenField).map { "éligibles au dispositif \(link) <strong>et</strong> qui l'ont choisi avec leur conseillère ou leur conseiller (« \(HTML.escape($0.label)) »)" }
        let branches = [enrolled, chosen].compactMap { $0 }
        if branches.isEmpty { return "<p>Jamais : le vocabulaire n'a ni dispositif choisi ni dispositif suivi.</p>" }
        return "<p>Aux personnes " + branches.joined(separator: ", ou ") + ". Être éligible ne suffit pas : un dispositif se discute avec la personne avant d'être proposé.</p>"
    }

    private func ownCondition(_ rule: Rule) -> Condition {
        if rule.scheme != nil, case .all(let parts) = rule.condition, parts.count == 2 { return parts[1] }
        return rule.condition
    }

    // MARK: Pages

    private static let rulesSection = (label: "Règles", anchor: "parcours")
    private static let otherRulesSection = (label: "Autres règles", anchor: "propositions")
    private static let schemesSection = (label: "Dispositifs", anchor: "dispositifs")
    private static let catalogueSection = (label: "Catalogue", anchor: "catalogue")
    private static let fieldsSection = (label: "Champs du profil", anchor: "champs")
    private static let importsSection = (label: "Correspondances d'import", anchor: "imports")

    private func index() -> String {
        var body = "<h1>Le jeu de règles de Parcours</h1>"
        body += "<p>Règles en vigueur le <strong>\(HTML.escape(ruleSet.date))</strong> : \(ruleSet.rules.count) règles, \(ruleSet.schemes.count) dispositifs, \(ruleSet.catalogue.entries.count) entrées du catalogue, \(ruleSet.vocabulary.fields.count) champs de profil, \(cases.count) cas rejouables.</p>"
        body += "<p>Sommaire : <a href=\"#parcours\">règles de parcours</a> · <a href=\"#propositions\">autres règles</a> · <a href=\"#dispositifs\">dispositifs</a> · <a href=\"#catalogue\">catalogue</a> · <a href=\"#faits\">faits dérivés</a> · <a href=\"#champs\">champs du profil</a> · <a href=\"#cas\">cas rejouables</a> · <a href=\"#imports\">correspondances d'import</a>" + (ruleSet.sources.isEmpty ? "" : " · <a href=\"#sources\">sources</a>") + "</p>"
        let routeRules = ruleSet.rules.filter { $0.route != nil || $0.referent != nil }.sorted { ($1.priority, $0.id) < ($0.priority, $1.id) }
        body += "<h2 id=\"parcours\">Règles de parcours et de référent, par priorité</h2>"
        body += HTML.table(["Priorité", "Règle", "Parcours", "Référent"], routeRules.map { rule in
            var route = rule.route.map { ruleSet.catalogue.info(for: $0)?.label ?? $0.rawValue } ?? ""
            if rule.route == .scheme, let scheme = rule.scheme.flatMap(ruleSet.scheme) { route += " : " + scheme.name }
            return ["\(rule.priority)", ruleLink(rule, depth: 0), HTML.escape(route), rule.referent.map { entryLink($0, depth: 0) } ?? ""]
        })
        let others = ruleSet.rules.filter { $0.route == nil && $0.referent == nil }.sorted { $0.id < $1.id }
        body += "<h2 id=\"propositions\">Autres règles (propositions)</h2>" + HTML.list(others.map { ruleLink($0, depth: 0) }, empty: "Aucune autre règle.")
        body += "<h2 id=\"dispositifs\">Dispositifs</h2>" + HTML.list(ruleSet.schemes.map { schemeLink($0, depth: 0) + " — " + HTML.escape($0.summary) }, empty: "Aucun dispositif.")
        body += "<h2 id=\"catalogue\">Catalogue</h2>"
        for kind in EntryKind.allCases {
            let entries = ruleSet.catalogue.entries.filter { $0.kind == kind }
            body += "<h3>\(kind == .partner ? "Partenaires" : kind == .immersion ? "Immersions" : "Actions")</h3>"
            body += HTML.list(entries.map { entryLink($0.id, depth: 0) }, empty: kind == .partner ? "Aucun partenaire." : kind == .immersion ? "Aucune immersion." : "Aucune action.")
        }
        body += "<h2 id=\"faits\">Faits dérivés</h2>" + HTML.list(ruleSet.facts.map { fact in
            "<strong>\(HTML.escape(fact.label))</strong> <code>\(HTML.escape(fact.name))</code> : " + conditionHTML(fact.condition)
        }, empty: "Aucun fait dérivé.")
        body += "<h2 id=\"champs\">Champs du profil</h2>" + HTML.list(ruleSet.vocabulary.fields.map { fieldLink($0, depth: 0) }, empty: "Aucun champ.")
        body += "<h2 id=\"cas\">Cas rejouables</h2>" + HTML.list(cases.indices.map { index in
            caseLink(index, depth: 0) + " <span class=\"muted\">(\(HTML.escape(cases[index].scheme.flatMap(ruleSet.scheme)?.name ?? "revue des conseillers"))\(verdict(index)))</span>"
        }, empty: "Aucun cas.")
        body += "<h2 id=\"imports\">Correspondances d'import</h2>" + HTML.list(ruleSet.imports.map { mapping in
            HTML.link("imports/\(mapping.format.rawValue).html", mapping.label) + " <span class=\"muted\">(\(mapping.entries.count) codes, <code>parcours import --from \(HTML.escape(mapping.format.rawValue))</code>)</span>"
        }, empty: "Aucune correspondance.")
        if !ruleSet.sources.isEmpty {
            body += "<h2 id=\"sources\">Sources</h2><p>" + HTML.link(Self.sourcesPath, "Les \(ruleSet.sources.sources.count) documents et textes publics cités") + "</p>"
        }
        return page("Sommaire", section: nil, body)
    }

    /// One diagnosis mapping: each code of the platform, what it sets in the profile, its source.
    private func importPage(_ mapping: ImportMapping) -> String {
        var body = "<h1>\(HTML.escape(mapping.label))</h1><p><span class=\"tag\">import</span><code>parcours import --from \(HTML.escape(mapping.format.rawValue))</code> — source : \(HTML.escape(mapping.source))</p>"
        body += "<p>Un code présent dans le diagnostic sans ligne ici est signalé à l'import, jamais deviné.</p>"
        for kind in DiagnosisItemKind.allCases {
            let entries = mapping.entries.filter { $0.kind == kind }
            guard !entries.isEmpty else { continue }
            body += "<h2>\(kind == .theme ? "Thèmes" : kind == .situation ? "Situations" : "Objectifs")</h2>"
            body += HTML.table(["Code", "Libellé", "Dans le profil", "Source"], entries.map { entry in
                let values = entry.values.map { item -> String in
                    let field = ruleSet.vocabulary.fields[item.field]
                    var text = FieldValueText.text(item.value, of: field, empty: "connu, rien d'ajouté") ?? ""
                    if case .set(let mask) = item.value, mask != 0 { text = "+ " + text }
                    return fieldLink(field, depth: 1) + " : " + HTML.escape(text)
                }.joined(separator: "<br>")
                return ["<code>\(HTML.escape(entry.code))</code>" + (entry.theme.map { " <span class=\"muted\">(thème \(HTML.escape($0)))</span>" } ?? ""),
                        HTML.escape(entry.label ?? ""), values, HTML.escape(entry.source)]
            })
        }
        return page(mapping.label, section: Self.importsSection, body)
    }

    /// ` ; ÉCHEC` for a case that does not pass today.
    private func verdict(_ index: Int) -> String {
        index < results.count && !results[index].passed ? " ; ÉCHEC" : ""
    }

    private func rule(_ rule: Rule) -> String {
        var body = "<h1>\(HTML.escape(rule.title))</h1>"
        body += "<p><span class=\"tag\">règle</span><code>\(HTML.escape(rule.id))</code> — priorité \(rule.priority)"
        if !rule.validity.isAlways { body += " — \(HTML.escape(french.period(rule.validity)))" }
        body += "</p><p class=\"muted\">Définie dans \(HTML.escape(rule.location.file)), ligne \(rule.location.line).</p>"
        body += "<h2>Source</h2>" + sourceHTML(rule.source, depth: 1)
        body += "<h2>Quand s'applique-t-elle ?</h2>"
        let own = ownCondition(rule)
        if let schemeID = rule.scheme, let scheme = ruleSet.scheme(schemeID) {
            body += schemeScope(scheme)
            if case .always = own { body += "<p>Sans autre condition.</p>" } else { body += "<p>Et si :</p>" + conditionWithFields(own, depth: 1) }
        } else if case .always = own {
            body += "<p>Toujours, pour toute personne.</p>"
        } else {
            body += conditionWithFields(own, depth: 1)
        }
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
        body += HTML.list(outcomes, empty: "Rien.")
        if let why = rule.why { body += "<p class=\"why\">\(HTML.escape(why))</p>" }
        body += "<h2>Cas rejoués qui l'exercent</h2>" + HTML.list((casesByRule[rule.id] ?? []).map { caseLink($0, depth: 1) }, empty: "Aucun cas.")
        let section = rule.route != nil || rule.referent != nil ? Self.rulesSection : Self.otherRulesSection
        return page(rule.title, section: section, body)
    }

    private func entry(_ entry: CatalogueEntry) -> String {
        var body = "<h1>\(HTML.escape(entry.name))</h1><p><span class=\"tag\">\(entry.kind.frenchLabel)</span><code>\(HTML.escape(entry.id))</code>\(entry.urgent ? " <span class=\"tag\">urgent</span>" : "")</p>"
        body += "<p>\(HTML.escape(entry.description))</p>"
        if let person = entry.forPerson {
            // What the person reads on their sheet, as the sheet prints it (acronyms explained there).
            let label = person.label.map { "<strong>\(HTML.escape(FrenchText.typography($0)))</strong> " } ?? ""
            body += "<h2>Sur la fiche de la personne</h2><p>\(label)\(HTML.escape(FrenchText.typography(person.text ?? "")))\(entry.discreet ? " <span class=\"tag\">seulement à sa demande (discret)</span>" : "")</p>"
        }
        body += "<h2>Codes data·inclusion</h2><p>Thématiques : \(entry.thematiques.isEmpty ? "aucune" : entry.thematiques.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: " "))</p>"
        body += "<p>Réseaux porteurs : \(entry.reseauxPorteurs.isEmpty ? "aucun" : entry.reseauxPorteurs.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: " "))</p>"
        if case .always = entry.requires {} else {
            body += "<h2>Conditions</h2>" + conditionWithFields(entry.requires, depth: 1) + "<h2>Source</h2>" + sourceHTML(entry.source ?? "", depth: 1)
        }
        let suggesting = ruleSet.rules.filter { rule in rule.suggestions.contains { $0.entry == entry.id } }
        body += "<h2>Règles qui le proposent</h2>" + HTML.list(suggesting.map { ruleLink($0, depth: 1) }, empty: "Aucune règle.")
        let referring = ruleSet.rules.filter { $0.referent == entry.id }
        if !referring.isEmpty { body += "<h2>Règles qui le désignent comme référent</h2>" + HTML.list(referring.map { ruleLink($0, depth: 1) }, empty: "Aucune règle.") }
        let schemes = ruleSet.schemes.filter { $0.partners.contains { $0.partner == entry.id } }
        if !schemes.isEmpty {
            body += "<h2>Dispositifs</h2>" + HTML.list(schemes.map { scheme in
                schemeLink(scheme, depth: 1) + " : " + HTML.escape(scheme.partners.first { $0.partner == entry.id }?.role ?? "")
            }, empty: "Aucun dispositif.")
        }
        return page(entry.name, section: Self.catalogueSection, body)
    }

    private func scheme(_ scheme: Scheme) -> String {
        var body = "<h1>\(HTML.escape(scheme.name))</h1><p><span class=\"tag\">dispositif</span><code>\(HTML.escape(scheme.id))</code>"
        if let duration = scheme.duration { body += " — durée : \(HTML.escape(duration))" }
        body += "</p><p>\(HTML.escape(scheme.summary))</p>" + sourceHTML(scheme.source, depth: 1)
        body += "<h2>Critères d'éligibilité</h2>"
        body += HTML.table(["Critère", "Condition", "Raison donnée au conseiller"], scheme.criteria.map { criterion in
            [HTML.escape(criterion.label), conditionWithFields(criterion.condition, depth: 1), HTML.escape(criterion.reason)]
        })
        if !scheme.priorityCriteria.isEmpty {
            body += "<h2>Publics prioritaires</h2>" + HTML.list(scheme.priorityCriteria.map { "\(HTML.escape($0.label)) : \(conditionHTML($0.condition))" }, empty: "Aucun.")
        }
        if !scheme.cautions.isEmpty {
            body += "<h2>Points à discuter avant de le proposer</h2>" + HTML.list(scheme.cautions.map { "\(HTML.escape($0.label)) : \(HTML.escape($0.reason))" }, empty: "Aucun.")
        }
        body += "<h2>Étapes</h2><ol>" + scheme.stages.map { stage in
            "<li><strong>\(HTML.escape(stage.label))</strong>\(stage.duration.map { " (\(HTML.escape($0)))" } ?? "")" + HTML.list(stage.milestones.map(HTML.escape), empty: "Aucun jalon.") + "</li>"
        }.joined() + "</ol>"
        body += "<h2>Partenaires</h2>" + HTML.list(scheme.partners.map { entryLink($0.partner, depth: 1) + " : " + HTML.escape($0.role) }, empty: "Aucun partenaire.")
        body += "<h2>Règles propres</h2>" + HTML.list(ruleSet.rules.filter { $0.scheme == scheme.id }.map { ruleLink($0, depth: 1) }, empty: "Aucune règle.")
        let schemeCases = cases.indices.filter { cases[$0].scheme == scheme.id }
        body += "<h2>Cas rejouables (\(schemeCases.count))</h2>" + HTML.list(schemeCases.map { index in
            let scenarioCase = cases[index]
            return caseLink(index, depth: 1) + (scenarioCase.steps.count > 1 ? " <span class=\"muted\">(\(scenarioCase.steps.count) étapes : " + scenarioCase.steps.map { HTML.escape($0.name) }.joined(separator: " → ") + ")</span>" : "")
        }, empty: "Aucun cas.")
        return page(scheme.name, section: Self.schemesSection, body)
    }

    private func field(_ field: Field) -> String {
        var body = "<h1>\(HTML.escape(field.label))</h1><p><span class=\"tag\">champ</span><code>\(HTML.escape(field.name))</code> — type <code>\(field.kind.keyword)</code></p>"
        body += "<p>Question à poser : <em>\(HTML.escape(field.question))</em></p>"
        if let domain = field.kind.frenchDomain { body += "<p>\(HTML.escape(domain))</p>" }
        if !field.values.isEmpty {
            body += "<h2>Valeurs</h2>" + HTML.table(["Valeur", "Libellé", "data·inclusion", "France Travail", "Carnet de bord"], field.values.map { value in
                ["<code>\(HTML.escape(value.id))</code>", HTML.escape(value.label), HTML.escape(value.links.dataInclusion ?? ""),
                 HTML.escape(value.links.franceTravail ?? ""), HTML.escape(value.links.carnetDeBord ?? "")]
            })
        }
        let using = ruleSet.rules.indices.filter { fieldsByRule[$0].contains(field.index) }.map { ruleSet.rules[$0] }
        body += "<h2>Règles qui l'utilisent</h2>" + HTML.list(using.map { ruleLink($0, depth: 1) }, empty: "Aucune règle.")
        return page(field.label, section: Self.fieldsSection, body)
    }

    private func casePage(_ index: Int) -> String {
        let scenarioCase = cases[index]
        var body = "<h1>\(HTML.escape(scenarioCase.name))</h1><p><span class=\"tag\">cas rejouable</span>"
        if let scheme = scenarioCase.scheme.flatMap(ruleSet.scheme) { body += "dispositif \(schemeLink(scheme, depth: 1))" } else { body += "revue des conseillers" }
        if let date = scenarioCase.date { body += " — règles du \(HTML.escape(date))" }
        body += "</p><p class=\"muted\">Fichier : <code>\(HTML.escape(scenarioCase.file))</code></p>"
        if index < results.count {
            let result = results[index]
            body += result.passed ? "<p>Rejoué aujourd'hui : <strong>réussi</strong>.</p>"
                                  : "<p>Rejoué aujourd'hui : <strong>en échec</strong>.</p>" + HTML.list(result.failures.flatMap { $0.mismatches.map { HTML.escape($0.text(.fr)) } }, empty: "")
            let fired = result.fired.compactMap(ruleSet.rule)
            body += "<h2>Règles déclenchées</h2>" + HTML.list(fired.map { ruleLink($0, depth: 1) }, empty: "Aucune règle.")
        }
        body += "<h2>Étapes</h2><ol>" + scenarioCase.steps.map { "<li>\(HTML.escape($0.name))</li>" }.joined() + "</ol>"
        if let source = sources[scenarioCase.file] { body += "<h2>Le fichier</h2><pre><code>\(HTML.escape(source))</code></pre>" }
        return page(scenarioCase.name, section: (label: "Cas rejouables", anchor: "cas"), body)
    }
}
