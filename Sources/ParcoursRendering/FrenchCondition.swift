import ParcoursEngine

/// Conditions in readable French ("Âge entre 18 et 25", "Freins à l'emploi : comprend « Garde
/// d'enfants »"): the one renderer of conditions for people, read by the documentation site,
/// `explain` (text and JSON), the page's « pourquoi ? » (through the API) and the fiche.
package struct FrenchCondition {
    package let ruleSet: RuleSet

    package init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
    }

    /// One line for simple conditions; nested lists come from `items`. A part made only of
    /// comparisons is said in its core normal form (`CoreCondition.normalForm`: negation pushed
    /// down once, by the core, as every analysis reads it); a part naming a fact keeps the
    /// fact's name, and a negation of it is said as such.
    package func text(_ condition: Condition) -> String {
        switch condition {
        case .always: return "toujours"
        case .fact(let name, _): return "« \(ruleSet.fact(named: name)?.label ?? "condition définie par ailleurs") »"
        case .dated(.always, let validity): return period(validity)
        case .dated(let inner, let validity): return "\(text(inner)) (\(period(validity)))"
        case .all(let items): return items.map(text).joined(separator: " et ")
        case .any(let items): return items.map(text).joined(separator: " ou ")
        case .comparison, .test, .not:
            if Self.readsOnlyFields(condition) { return text(ruleSet.lowered.lowering.lower(condition).normalForm(ruleSet.vocabulary)) }
            if case .comparison(let comparison) = condition { return text(comparison.meaning) }
            if case .not(let inner) = condition { return "il est faux que : \(text(inner))" }
            return "?"
        }
    }

    /// A core condition in French; in normal form, `not` is already folded into the tests.
    private func text(_ condition: CoreCondition) -> String {
        switch condition {
        case .always: return "toujours"
        case .never: return "jamais"
        case .test(let test): return self.test(test)
        case .all(let items): return items.map(text).joined(separator: " et ")
        case .any(let items): return items.map(text).joined(separator: " ou ")
        case .not(let inner): return "il est faux que : \(text(inner))"
        }
    }

    /// Whether `condition` is made of tests only (no fact, no dated part): what its normal form
    /// says in full, with nothing named lost.
    private static func readsOnlyFields(_ condition: Condition) -> Bool {
        switch condition {
        case .always, .test: return true
        case .fact, .dated: return false
        case .comparison(let comparison): return readsOnlyFields(comparison.meaning)
        case .not(let inner): return readsOnlyFields(inner)
        case .all(let items), .any(let items): return items.allSatisfy(readsOnlyFields)
        }
    }

    package func period(_ validity: Validity) -> String {
        switch (validity.from, validity.until) {
        case (nil, nil): return "toujours en vigueur"
        case (let from?, nil): return "en vigueur depuis le \(FrenchText.date(from))"
        case (nil, let until?): return "en vigueur jusqu'au \(FrenchText.date(until))"
        case (let from?, let until?): return "en vigueur du \(FrenchText.date(from)) au \(FrenchText.date(until))"
        }
    }

    /// What one node of an explanation says, without its value: a connective (« toutes ces
    /// conditions »), a fact by its label, a period, or a comparison in French.
    package func sentence(_ node: ExplanationNode) -> String {
        switch node.condition {
        case .always: return "toujours"
        case .all(let items): return items.isEmpty ? "toujours" : "toutes ces conditions"
        case .any(let items): return items.isEmpty ? "aucune condition en vigueur ce jour-là" : "au moins une de ces conditions"
        case .not: return "le contraire de"
        case .dated(_, let validity): return period(validity)
        case .fact(let name, _): return "« \(ruleSet.fact(named: name)?.label ?? "condition définie par ailleurs") »"
        case .comparison, .test: return text(node.condition)
        }
    }

    /// A node's value for the person, in words (« remplie », « non remplie », « à vérifier : il
    /// manque l'âge »), with the missing fields by their labels.
    package func value(_ node: ExplanationNode) -> String {
        switch node.truth {
        case .yes: return "remplie"
        case .no: return "non remplie"
        case .unknown:
            let labels = missingLabels(node)
            return labels.isEmpty ? "à vérifier" : "à vérifier, il manque : \(labels.joined(separator: ", "))"
        }
    }

    /// The labels of the fields a node misses, in the vocabulary's order.
    package func missingLabels(_ node: ExplanationNode) -> [String] {
        node.missingFields.compactMap { $0 < ruleSet.vocabulary.fields.count ? ruleSet.vocabulary.fields[$0].label : nil }
    }

    private func test(_ test: Test) -> String {
        guard test.key.field < ruleSet.vocabulary.fields.count else { return "?" }
        let field = ruleSet.vocabulary.fields[test.key.field]
        let allowed = test.allowed
        if let element = test.key.element, element < field.values.count {
            return "\(field.label) : \(allowed.contains(1) ? "comprend" : "ne comprend pas") « \(field.values[element].label) »"
        }
        return field.kind.french(field.label, allowed: allowed)
    }
}
