import YAML

/// Reads a scheme plugin, `Scenarios/<id>/scheme.yaml`, in the rule language of `Rules/`.
struct SchemeLoader {
    /// Reads the scheme's own rules, and owns the diagnostics of the file.
    var rules: RuleFileLoader
    let vocabulary: Vocabulary
    let conditions: ConditionReader
    let catalogue: Catalogue

    init(file: String, conditions: ConditionReader, catalogue: Catalogue, vocabulary: Vocabulary) {
        self.rules = RuleFileLoader(file: file, conditions: conditions, catalogue: catalogue)
        self.vocabulary = vocabulary
        self.conditions = conditions
        self.catalogue = catalogue
    }

    var diagnostics: [Diagnostic] { rules.reader.diagnostics }

    /// The scheme and its rules (namespaced `<id>.<rule>`), or nil when it cannot be used.
    mutating func load(_ root: Node, folder: String, directory: String) -> (Scheme, [Rule])? {
        guard let keys = rules.reader.keys(of: root, Phrase("le dispositif", en: "the scheme"), FileShapes.scheme) else { return nil }
        guard let idNode = keys["id"], let id = rules.reader.identifier(idNode, Phrase("identifiant de dispositif", en: "scheme id")) else { return nil }
        if id != folder {
            rules.reader.report(.unknownValue, idNode, Phrase("l'identifiant du dispositif « \(Limits.quoted(id)) » diffère du nom de son dossier « \(Limits.quoted(folder)) »", en: "scheme id \"\(Limits.quoted(id))\" differs from its folder name \"\(Limits.quoted(folder))\""),
                                hint: Phrase("l'identifiant d'un dispositif est le nom de son dossier : écrivez id: \(folder)", en: "a scheme's id is the name of its folder: write id: \(folder)"))
        }
        let name = keys["name"].flatMap { rules.reader.text($0, .same("name")) } ?? id
        let summary = keys["summary"].flatMap { rules.reader.text($0, .same("summary")) } ?? ""
        let source = keys["source"].flatMap { rules.reader.text($0, .same("source")) } ?? ""
        let duration = keys["duration"].flatMap { rules.reader.text($0, .same("duration")) }
        var criteria = criteriaList(keys["eligibility"], "eligibility")
        if let node = keys["in_force"], let period = inForce(node) { criteria.insert(period, at: 0) }
        let priority = criteriaList(keys["priority_criteria"], "priority_criteria")
        let cautions = criteriaList(keys["cautions"], "cautions")
        if let node = keys["eligibility"], criteria.isEmpty, rules.reader.diagnostics.isEmpty {
            rules.reader.report(.missingKey, node, Phrase("un dispositif demande au moins un critère d'éligibilité", en: "a scheme needs at least one eligibility criterion"))
        }
        let stages = stageList(keys["stages"])
        let partners = partnerList(keys["partners"])
        var scheme = Scheme(id: folder, name: name, summary: summary, source: source, duration: duration, criteria: criteria,
                            priorityCriteria: priority, cautions: cautions, stages: stages, partners: partners,
                            location: rules.reader.location(root), directory: directory)
        scheme.verifyLocally = keys["verify_locally"].flatMap { rules.reader.text($0, .same("verify_locally")) }
        var schemeRules: [Rule] = []
        if let node = keys["rules"], !node.isNull, let items = rules.reader.list(node, .same("rules")) {
            let scope = Self.scope(of: scheme, vocabulary: vocabulary)
            for item in items {
                if let rule = rules.rule(item) { schemeRules.append(rule.scoped(to: folder, scope: scope)) }
            }
        }
        return (scheme, schemeRules)
    }

    /// "Enrolled in the scheme, or chose it and is eligible": what a scheme's own rule implicitly
    /// requires. Being eligible is not enough: a scheme is an option the counsellor and the
    /// person discuss (« comprendre et adhérer », 004), so its rules (its route, its wording)
    /// apply only once it is chosen (`chosen_schemes`) or entered (`enrolled_schemes`).
    static func scope(of scheme: Scheme, vocabulary: Vocabulary) -> Condition {
        func member(_ name: String) -> Condition? {
            guard let field = vocabulary.field(named: name), field.kind.holdsMembers, let element = field.valueIndex(of: scheme.id) else { return nil }
            return .test(Test(key: ValueKey(field: field.index, element: element), allowed: ValueSet(1)))
        }
        let chosen = member(RuleSetFiles.chosenField).map { Condition.all([$0, scheme.eligibility]) }
        let branches = [member(RuleSetFiles.enrolledField), chosen].compactMap { $0 }
        return branches.isEmpty ? .all([.any([]), scheme.eligibility]) : .any(branches)
    }

    /// `in_force: {valid_from, valid_until, reason, source}`: the period the scheme runs in,
    /// read as a first eligibility criterion (`en_vigueur`) that holds only on those dates.
    private mutating func inForce(_ node: Node) -> Criterion? {
        guard let keys = rules.reader.keys(of: node, .quoted("in_force"), FileShapes.inForce),
              let validity = rules.reader.validity(keys, at: node) else { return nil }
        if validity.isAlways {
            rules.reader.report(.missingKey, node, Phrase("« in_force » demande valid_from, valid_until ou les deux", en: "\"in_force\" needs valid_from, valid_until or both"),
                                hint: Phrase("écrivez les dates du dispositif, par ex. valid_until: 2017-12-31", en: "write the dates the scheme ran, e.g. valid_until: 2017-12-31"))
            return nil
        }
        let reason = keys["reason"].flatMap { rules.reader.text($0, .same("reason")) } ?? ""
        let source = keys["source"].flatMap { rules.reader.text($0, .same("source")) }
        return Criterion(id: Self.inForceCriterion, label: "Dispositif en vigueur à cette date (\(validity.phrase.fr))", reason: reason,
                         condition: .any([.dated(.always, validity)]), source: source, location: rules.reader.location(node))
    }

    /// The id of the criterion `in_force` becomes.
    static let inForceCriterion = "en_vigueur"

    private mutating func criteriaList(_ node: Node?, _ what: String) -> [Criterion] {
        guard let node, !node.isNull, let items = rules.reader.list(node, .quoted(what)) else { return [] }
        var result: [Criterion] = []
        for item in items {
            guard let keys = rules.reader.keys(of: item, Phrase("un critère", en: "a criterion"), FileShapes.criterion),
                  let id = keys["id"].flatMap({ rules.reader.identifier($0, Phrase("identifiant de critère", en: "criterion id")) }),
                  let validity = rules.reader.validity(keys, at: item) else { continue }
            if let other = result.first(where: { $0.id == id && $0.validity.overlaps(validity) }) {
                rules.reader.report(.validityOverlap, item, Phrase("le critère « \(Limits.quoted(id)) » est déjà défini dans \(what) pour une période qui chevauche (\(other.validity.phrase.fr))", en: "criterion \"\(Limits.quoted(id))\" is already defined in \(what) for an overlapping period (\(other.validity))"),
                                    hint: Phrase("donnez à chaque version du critère ses propres valid_from / valid_until", en: "give each version of the criterion its own valid_from / valid_until"))
                continue
            }
            let label = keys["label"].flatMap { rules.reader.text($0, .same("label")) } ?? id
            let reason = keys["reason"].flatMap { rules.reader.text($0, .same("reason")) } ?? ""
            let source = keys["source"].flatMap { rules.reader.text($0, .same("source")) }
            guard let whenNode = keys["when"], let condition = conditions.read(whenNode, into: &rules.reader) else { continue }
            var criterion = Criterion(id: id, label: label, reason: reason, condition: condition, source: source,
                                      location: rules.reader.location(item), validity: validity)
            criterion.sensitive = keys["sensitive"].flatMap { rules.reader.boolean($0, Phrase("« sensitive » d'un critère", en: "\"sensitive\" of a criterion")) } ?? false
            result.append(criterion)
        }
        return result
    }

    private mutating func stageList(_ node: Node?) -> [SchemeStage] {
        guard let node, let items = rules.reader.list(node, .same("stages")) else { return [] }
        var result: [SchemeStage] = []
        for item in items {
            guard let keys = rules.reader.keys(of: item, Phrase("une étape", en: "a stage"), FileShapes.schemeStage),
                  let id = keys["id"].flatMap({ rules.reader.identifier($0, Phrase("identifiant d'étape", en: "stage id")) }) else { continue }
            if result.contains(where: { $0.id == id }) {
                rules.reader.report(.duplicateID, item, Phrase("l'identifiant d'étape « \(Limits.quoted(id)) » est pris deux fois", en: "stage id \"\(Limits.quoted(id))\" is used twice"))
                continue
            }
            let label = keys["label"].flatMap { rules.reader.text($0, .same("label")) } ?? id
            let duration = keys["duration"].flatMap { rules.reader.text($0, .same("duration")) }
            let milestones = keys["milestones"].flatMap { rules.reader.texts($0, .same("milestones")) } ?? []
            var when: Condition?
            if let whenNode = keys["when"] {
                guard let condition = conditions.read(whenNode, into: &rules.reader) else { continue }
                when = condition
            }
            result.append(SchemeStage(id: id, label: label, duration: duration, milestones: milestones, when: when, location: rules.reader.location(item)))
        }
        return result
    }

    private mutating func partnerList(_ node: Node?) -> [SchemePartner] {
        guard let node, let items = rules.reader.list(node, .same("partners")) else { return [] }
        var result: [SchemePartner] = []
        for item in items {
            guard let keys = rules.reader.keys(of: item, Phrase("un partenaire du dispositif", en: "a scheme partner"), FileShapes.schemePartner),
                  let partnerNode = keys["partner"], let id = rules.reader.text(partnerNode, .same("partner")) else { continue }
            guard let entry = catalogue.entry(id) else {
                rules.reader.report(.danglingReference, partnerNode, .notInCatalogue(id, kind: .partner),
                                    hint: Spelling.hint(for: id, in: catalogue.entries.filter { $0.kind == .partner }.map(\.id)))
                continue
            }
            guard entry.kind == .partner else {
                rules.reader.report(.wrongKind, partnerNode, Phrase("« \(Limits.quoted(id)) » est \(entry.kind.withArticle.fr) du catalogue, pas un partenaire", en: "\"\(Limits.quoted(id))\" is \(entry.kind.withArticle.en) in the catalogue, not a partner"))
                continue
            }
            let role = keys["role"].flatMap { rules.reader.text($0, .same("role")) } ?? ""
            result.append(SchemePartner(partner: id, role: role, location: rules.reader.location(item)))
        }
        return result
    }
}
