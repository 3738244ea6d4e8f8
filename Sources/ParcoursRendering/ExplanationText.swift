import ParcoursEngine

/// `parcours explain` output: each condition with its value for the profile.
public enum ExplanationText {
    package static func mark(_ truth: Truth) -> String {
        switch truth {
        case .yes: return "✓"
        case .no: return "✗"
        case .unknown: return "?"
        }
    }

    package static func word(_ truth: Truth) -> String {
        switch truth {
        case .yes: return "vrai"
        case .no: return "faux"
        case .unknown: return "inconnu"
        }
    }

    package static func connective(_ text: String) -> String {
        switch text {
        case "all": return "toutes ces conditions"
        case "any": return "au moins une de ces conditions"
        case "not": return "non"
        case "always": return "toujours"
        default: return text
        }
    }

    /// The tree, one node per line, indented.
    public static func lines(_ node: ExplanationNode, indent: String = "  ") -> [String] {
        var line = "\(indent)\(mark(node.truth)) \(connective(node.text)) : \(word(node.truth))"
        if node.truth == .unknown && !node.missing.isEmpty { line += " (manque : \(node.missing.joined(separator: ", ")))" }
        return [line] + node.children.flatMap { lines($0, indent: indent + "    ") }
    }

    public static func render(rule: Rule, node: ExplanationNode) -> String {
        let verdict: String
        switch node.truth {
        case .yes: verdict = "la règle s'applique"
        case .no: verdict = "la règle ne s'applique pas"
        case .unknown: verdict = "indéterminée : il manque des réponses"
        }
        var out = ["Règle \(rule.id) : \(rule.title)", "Source : \(rule.source)", "Priorité : \(rule.priority)", "Résultat : \(verdict)", ""]
        out += lines(node)
        return TerminalText.escaped(out.joined(separator: "\n") + "\n", lineBreaks: true)
    }

    public static func render(scheme: Scheme, result: SchemeResult, criteria: [(criterion: Criterion, priority: Bool, node: ExplanationNode)]) -> String {
        let status: String
        switch result.status {
        case .eligible: status = "éligible"
        case .notEligible: status = "non éligible"
        case .undetermined: status = "indéterminé"
        }
        var out = ["Dispositif \(scheme.id) : \(scheme.name)", "Source : \(scheme.source)", "Statut : \(status)"]
        if let stage = result.stage { out.append("Étape : \(stage.label)") }
        for item in criteria {
            out.append("")
            out.append("\(item.priority ? "Critère de priorité" : "Critère") \(item.criterion.id) : \(item.criterion.label)")
            out += lines(item.node)
        }
        return TerminalText.escaped(out.joined(separator: "\n") + "\n", lineBreaks: true)
    }
}
