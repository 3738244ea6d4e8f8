import ParcoursEngine

/// The French text a counsellor reads: route, référent, steps by stage, questions to ask.
public enum RecommendationText {
    public static func render(_ recommendation: Recommendation) -> String {
        var lines: [String] = []
        lines.append("PARCOURS PROPOSÉ")
        if let route = recommendation.route {
            lines.append("  \(route.label)")
            lines.append(contentsOf: wrap("Pourquoi : \(route.why)", indent: "    "))
            lines.append("    (règle \(route.rule))")
        } else {
            lines.append("  Aucun parcours ne se dégage encore : répondez d'abord aux questions ci-dessous.")
        }
        lines.append("")
        lines.append("RÉFÉRENT UNIQUE")
        if let referent = recommendation.referent {
            lines.append("  \(referent.label)")
            lines.append(contentsOf: wrap("Pourquoi : \(referent.why)", indent: "    "))
            lines.append("    (règle \(referent.rule))")
        } else {
            lines.append("  Non déterminé.")
        }
        lines.append("")
        lines.append("ÉTAPES")
        if recommendation.steps.isEmpty { lines.append("  Aucune étape proposée pour l'instant.") }
        var number = 0
        var currentStage: Stage?
        for step in recommendation.steps {
            if step.stage != currentStage {
                number += 1
                currentStage = step.stage
                lines.append("  \(number). \(step.stageLabel)")
            }
            lines.append("     - \(step.label) [\(step.kind.frenchLabel)]")
            lines.append(contentsOf: wrap(step.why, indent: "       "))
            let rules = ([step.rule] + step.alsoSuggestedBy).joined(separator: ", ")
            lines.append("       (règle\(step.alsoSuggestedBy.isEmpty ? "" : "s") \(rules))")
        }
        lines.append("")
        lines.append("QUESTIONS À POSER")
        if recommendation.questions.isEmpty { lines.append("  Aucune : le profil suffit pour toutes les règles.") }
        for question in recommendation.questions {
            lines.append("  - \(question.question)")
            lines.append("    (\(question.field) ; décide : \(question.rules.joined(separator: ", ")))")
        }
        lines.append("")
        lines.append("Règles : \(recommendation.ruleCount) règles, empreinte \(recommendation.fingerprint)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Breaks `text` into lines of at most 96 columns, each starting with `indent`.
    static func wrap(_ text: String, indent: String, width: Int = 96) -> [String] {
        var lines: [String] = []
        var current = indent
        for word in text.split(separator: " ") {
            if current.count > indent.count && current.count + 1 + word.count > width {
                lines.append(current)
                current = indent
            }
            current += (current.count > indent.count ? " " : "") + word
        }
        if current.count > indent.count { lines.append(current) }
        return lines
    }
}
