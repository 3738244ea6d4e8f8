import ParcoursEngine

/// The French text a counsellor reads: route, référent, steps by stage, questions to ask.
public enum RecommendationText {
    public static func render(_ recommendation: Recommendation) -> String {
        var lines: [String] = []
        lines += section("PARCOURS PROPOSÉ", recommendation.route,
                         none: "Aucun parcours ne se dégage encore : répondez d'abord aux questions ci-dessous.")
        lines += section("RÉFÉRENT UNIQUE", recommendation.referent, none: "Non déterminé.")
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
        lines += schemes(recommendation.schemes)
        lines.append("QUESTIONS À POSER")
        if recommendation.questions.isEmpty { lines.append("  Aucune : le profil suffit pour toutes les règles.") }
        // Questions whose answer could change the route or the référent come first.
        let decisive = recommendation.questions.filter { !$0.changes.isEmpty }
        for question in decisive + recommendation.questions.filter({ $0.changes.isEmpty }) {
            var line = "  - \(question.question)"
            if !question.changes.isEmpty {
                let what = question.changes.map { $0 == .route ? "le parcours" : "le référent" }.joined(separator: " et ")
                line += " [peut changer \(what)]"
            }
            lines.append(line)
            lines.append("    (\(question.field) ; décide : \(question.rules.joined(separator: ", ")))")
        }
        lines.append("")
        lines.append("Règles en vigueur le \(recommendation.date) : \(recommendation.ruleCount) règles, empreinte \(recommendation.fingerprint)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Eligible schemes first, then undetermined ones with what to ask, then the others briefly.
    private static func schemes(_ schemes: [SchemeResult]) -> [String] {
        guard !schemes.isEmpty else { return [] }
        var lines = ["DISPOSITIFS"]
        for scheme in schemes where scheme.status == .eligible || scheme.enrolled {
            let state = scheme.enrolled ? "en cours" : "éligible"
            lines.append("  \(scheme.name) : \(state)" + (scheme.stage.map { " (étape : \($0.label))" } ?? ""))
            for criterion in scheme.criteria where criterion.status == .passed {
                lines.append(contentsOf: wrap("✓ \(criterion.reason)", indent: "    "))
            }
            for criterion in scheme.priorityCriteria where criterion.status == .passed {
                lines.append(contentsOf: wrap("★ Public prioritaire : \(criterion.reason)", indent: "    "))
            }
        }
        for scheme in schemes where scheme.status == .undetermined && !scheme.enrolled {
            lines.append("  \(scheme.name) : à vérifier")
            for criterion in scheme.criteria where criterion.status == .undetermined {
                lines.append(contentsOf: wrap("? \(criterion.label) (à demander : \(criterion.missingLabels.joined(separator: ", ")))", indent: "    "))
            }
        }
        let others = schemes.filter { $0.status == .notEligible && !$0.enrolled }
        if !others.isEmpty {
            lines.append("  Non éligible : " + others.map { scheme in
                let failed = scheme.criteria.first { $0.status == .failed }.map { " (\($0.label.prefix(1).lowercased() + $0.label.dropFirst()))" } ?? ""
                return scheme.name + failed
            }.joined(separator: " ; "))
        }
        return lines + [""]
    }

    /// A title, then the decision with its reason and rule, or `none`; then a blank line.
    private static func section(_ title: String, _ decision: Decision?, none: String) -> [String] {
        guard let decision else { return [title, "  " + none, ""] }
        return [title, "  \(decision.label)"] + wrap("Pourquoi : \(decision.why)", indent: "    ") + ["    (règle \(decision.rule))", ""]
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
