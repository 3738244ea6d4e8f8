import ParcoursEngine

/// The French text a counsellor reads in an appointment: the next actions first, then the
/// route and the référents, the schemes worth discussing, the plan by stage and a few
/// questions. `detail` adds what an audit needs (rule ids, every criterion and question,
/// the rule set's fingerprint).
public enum RecommendationText {
    /// How many questions the short text shows (the others are counted; all with `detail`).
    public static let questionLimit = 5

    public static func render(_ recommendation: Recommendation, detail: Bool = false) -> String {
        var lines: [String] = []
        lines += nextActions(recommendation)
        lines += route(recommendation, detail: detail)
        lines += referents(recommendation, detail: detail)
        lines += schemes(recommendation.schemes, detail: detail)
        lines += plan(recommendation.steps, detail: detail)
        lines += questions(recommendation.questions, detail: detail)
        if detail {
            lines.append("Règles en vigueur le \(recommendation.date) : \(recommendation.ruleCount) règles, empreinte \(recommendation.fingerprint)")
        } else {
            lines.append("Règles du \(recommendation.date). Détail (règles, critères, toutes les questions) : --detail")
        }
        return TerminalText.escaped(lines.joined(separator: "\n") + "\n", lineBreaks: true)
    }

    private static func nextActions(_ recommendation: Recommendation) -> [String] {
        var lines = ["PROCHAINES ACTIONS"]
        let actions = recommendation.nextActions
        if actions.isEmpty { lines.append("  Aucune pour l'instant : répondez d'abord aux questions ci-dessous.") }
        for (number, action) in actions.enumerated() {
            lines.append("  \(number + 1). \(action.label)\(action.urgent ? " (urgent)" : "")")
            lines += wrap(action.why, indent: "     ")
        }
        return lines + [""]
    }

    private static func route(_ recommendation: Recommendation, detail: Bool) -> [String] {
        guard let route = recommendation.route else {
            return ["PARCOURS", "  Aucun parcours ne se dégage encore : répondez d'abord aux questions ci-dessous.", ""]
        }
        var lines = ["PARCOURS : \(route.label)"] + wrap("Pourquoi : \(route.why)", indent: "  ")
        if detail { lines.append("  (règle \(route.rule))") }
        return lines + [""]
    }

    private static func referents(_ recommendation: Recommendation, detail: Bool) -> [String] {
        var lines = [recommendation.referents.count > 1 ? "RÉFÉRENTS" : "RÉFÉRENT"]
        if recommendation.referents.isEmpty { lines.append("  Non déterminé.") }
        for referent in recommendation.referents {
            let role = (referent.role ?? .insertion).label
            lines.append("  \(role) : \(referent.label)")
            lines += wrap(referent.why, indent: "    ")
            if detail { lines.append("    (règle \(referent.rule))") }
        }
        return lines + [""]
    }

    /// The scheme the person is in or chose; then those to propose, with their fit and what to
    /// discuss; undetermined and ineligible ones only with `detail`.
    private static func schemes(_ schemes: [SchemeResult], detail: Bool) -> [String] {
        var lines: [String] = []
        let current = schemes.filter { $0.enrolled || $0.chosen }
        if !current.isEmpty {
            lines.append("DISPOSITIF")
            for scheme in current {
                let state = scheme.enrolled ? "en cours" : "choisi"
                lines.append("  \(scheme.name) : \(state)" + (scheme.stage.map { " (étape : \($0.label))" } ?? ""))
                if scheme.status == .notEligible, let failed = scheme.criteria.first(where: { $0.status == .failed }) {
                    lines += wrap("! Condition non remplie : \(failed.label)", indent: "    ")
                }
            }
            lines.append("")
        }
        let proposed = schemes.filter { $0.status == .eligible && !$0.enrolled && !$0.chosen }
        if !proposed.isEmpty {
            lines.append("DISPOSITIFS À PROPOSER")
            for scheme in proposed {
                lines.append("  \(scheme.name)")
                let fits = scheme.criteria.filter { $0.status == .passed }.map { lowercasedFirst($0.label) }
                lines += wrap("Conditions remplies : \(fits.joined(separator: ", ")).", indent: "    ")
                for criterion in scheme.priorityCriteria where criterion.status == .passed {
                    lines += wrap("Public prioritaire : \(criterion.reason)", indent: "    ")
                }
                for caution in scheme.cautions {
                    lines += wrap("À discuter : \(caution.reason)", indent: "    ")
                }
            }
            lines.append("")
        }
        if detail {
            let undetermined = schemes.filter { $0.status == .undetermined && !$0.enrolled && !$0.chosen }
            let others = schemes.filter { $0.status == .notEligible && !$0.enrolled && !$0.chosen }
            if !undetermined.isEmpty || !others.isEmpty { lines.append("AUTRES DISPOSITIFS") }
            for scheme in undetermined {
                lines.append("  \(scheme.name) : à vérifier")
                for criterion in scheme.criteria where criterion.status == .undetermined {
                    lines += wrap("? \(criterion.label) (à demander : \(criterion.missingLabels.joined(separator: ", ")))", indent: "    ")
                }
            }
            if !others.isEmpty {
                lines += wrap("Non éligible : " + others.map { scheme in
                    let failed = scheme.criteria.first { $0.status == .failed }.map { " (\(lowercasedFirst($0.label)))" } ?? ""
                    return scheme.name + failed
                }.joined(separator: " ; "), indent: "  ")
            }
            if !undetermined.isEmpty || !others.isEmpty { lines.append("") }
        }
        return lines
    }

    /// The plan by stage, one entry per partner, immersion or action with all its reasons.
    private static func plan(_ steps: [Step], detail: Bool) -> [String] {
        var lines = ["PLAN PAR ÉTAPE"]
        if steps.isEmpty { lines.append("  Aucune étape proposée pour l'instant.") }
        var stages: [(stage: Stage, label: String, entries: [(step: Step, reasons: [String], rules: [String])])] = []
        for step in steps {
            if stages.last?.stage != step.stage { stages.append((step.stage, step.stageLabel, [])) }
            let last = stages.count - 1
            if let index = stages[last].entries.firstIndex(where: { $0.step.id == step.id }) {
                if !stages[last].entries[index].reasons.contains(step.why) { stages[last].entries[index].reasons.append(step.why) }
                stages[last].entries[index].rules += [step.rule] + step.alsoSuggestedBy
            } else {
                stages[last].entries.append((step, [step.why], [step.rule] + step.alsoSuggestedBy))
            }
        }
        for (number, stage) in stages.enumerated() {
            lines.append("  \(number + 1). \(stage.label)")
            for entry in stage.entries {
                lines.append("     - \(entry.step.label)")
                for reason in entry.reasons { lines += wrap(reason, indent: "       ") }
                if detail { lines.append("       (règle\(entry.rules.count > 1 ? "s" : "") \(entry.rules.joined(separator: ", ")))") }
                if let services = entry.step.services {
                    if services.isEmpty { lines.append("       Près de la personne : aucun service dans l'export.") }
                    for service in services { lines += wrap(ServiceText.line(service), indent: "         ", first: "       → ") }
                }
            }
        }
        return lines + [""]
    }

    /// Those that can change the route or a référent first; at most `questionLimit` unless `detail`.
    private static func questions(_ questions: [Question], detail: Bool) -> [String] {
        var lines = ["QUESTIONS À POSER"]
        if questions.isEmpty { lines.append("  Aucune : le profil suffit.") }
        let ordered = questions.filter { $0.changes.contains(.route) } + questions.filter { $0.changes == [.referent] }
            + questions.filter { $0.changes.isEmpty }
        let shown = detail ? ordered : Array(ordered.prefix(questionLimit))
        for question in shown {
            var line = question.question
            if !question.changes.isEmpty {
                let what = question.changes.map { $0 == .route ? "le parcours" : "le référent" }.joined(separator: " et ")
                line += " [peut changer \(what)]"
            }
            lines += wrap(line, indent: "    ", first: "  - ")
            if detail { lines.append("    (\(question.field) ; décide : \(question.rules.joined(separator: ", ")))") }
        }
        let hidden = ordered.count - shown.count
        if hidden > 0 { lines.append("  … et \(hidden) autre\(hidden > 1 ? "s" : "") question\(hidden > 1 ? "s" : "") (--detail pour toutes)") }
        return lines + [""]
    }

    package static func lowercasedFirst(_ text: String) -> String { text.prefix(1).lowercased() + text.dropFirst() }

    /// Breaks `text` into lines of at most 96 columns, each starting with `indent` (the first
    /// with `first` when given: a line that already carries its own indent).
    package static func wrap(_ text: String, indent: String, first: String? = nil, width: Int = 96) -> [String] {
        var lines: [String] = []
        var lead = first ?? indent
        var current = lead
        for word in text.split(separator: " ") {
            if current.count > lead.count && current.count + 1 + word.count > width {
                lines.append(current)
                lead = indent
                current = indent
            }
            current += (current.count > lead.count ? " " : "") + word
        }
        if current.count > lead.count { lines.append(current) }
        return lines
    }
}
