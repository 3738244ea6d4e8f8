import ParcoursEngine

/// `parcours explain` output: each condition in French with its value for the profile
/// (`FrenchCondition` words every node; no field id, no keyword of the rule language).
public enum ExplanationText {
    package static func mark(_ truth: Truth) -> String {
        switch truth {
        case .yes: return "✓"
        case .no: return "✗"
        case .unknown: return "?"
        }
    }

    /// The tree, one node per line, indented: « ✓ Parent isolé : oui — remplie ».
    package static func lines(_ node: ExplanationNode, _ french: FrenchCondition, indent: String = "  ") -> [String] {
        let line = "\(indent)\(mark(node.truth)) \(capitalized(french.sentence(node))) — \(french.value(node))"
        return [line] + node.children.flatMap { lines($0, french, indent: indent + "    ") }
    }

    /// What a rule's verdict is, in words.
    package static func verdict(_ truth: Truth) -> String {
        switch truth {
        case .yes: return "la règle s'applique"
        case .no: return "la règle ne s'applique pas"
        case .unknown: return "on ne sait pas encore : il manque des réponses"
        }
    }

    public static func render(rule: Rule, node: ExplanationNode, ruleSet: RuleSet) -> String {
        let french = FrenchCondition(ruleSet: ruleSet)
        var out = ["Règle \(rule.id) : \(rule.title)", "Source : \(SourceText(ruleSet: ruleSet).sentence(rule.source))", "Priorité : \(rule.priority)", "Résultat : \(verdict(node.truth))", ""]
        out += lines(node, french)
        return TerminalText.escaped(out.joined(separator: "\n") + "\n", lineBreaks: true)
    }

    public static func render(scheme: Scheme, result: SchemeResult, criteria: [(criterion: Criterion, priority: Bool, node: ExplanationNode)], ruleSet: RuleSet) -> String {
        let french = FrenchCondition(ruleSet: ruleSet)
        var out = ["Dispositif \(scheme.id) : \(scheme.name)", "Source : \(SourceText(ruleSet: ruleSet).sentence(scheme.source))", "Statut : \(status(result.status))"]
        if let stage = result.stage { out.append("Étape : \(stage.label)") }
        for item in criteria {
            out.append("")
            out.append("\(item.priority ? "Critère de priorité" : "Critère") \(item.criterion.id) : \(item.criterion.label)")
            out += lines(item.node, french)
        }
        return TerminalText.escaped(out.joined(separator: "\n") + "\n", lineBreaks: true)
    }

    package static func status(_ status: SchemeStatus) -> String {
        switch status {
        case .eligible: return "éligible"
        case .notEligible: return "non éligible"
        case .undetermined: return "indéterminé"
        }
    }

    /// The first letter in capitals (« Toutes ces conditions »).
    package static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
