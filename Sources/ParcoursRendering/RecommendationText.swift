import ParcoursEngine

/// The French text a counsellor reads in an appointment: what is kept off the person's sheet,
/// the next actions, then the route and the référents, the schemes worth discussing, what the
/// plan adds to the next actions (each entry once) and a few questions. `detail` adds what an
/// audit needs (rule ids, the whole plan, every criterion and question, the fingerprint).
public enum RecommendationText {
    /// How many questions the short text shows (the others are counted; all with `detail`).
    public static let questionLimit = 5

    public static func render(_ recommendation: Recommendation, detail: Bool = false) -> String {
        var lines: [String] = []
        lines += keptOffPaper(recommendation)
        lines += nextActions(recommendation)
        lines += route(recommendation, detail: detail)
        lines += referents(recommendation, detail: detail)
        lines += schemes(recommendation.schemes, detail: detail)
        let shown = Set(recommendation.nextActions.map(\.id))
        lines += plan(detail ? recommendation.steps : recommendation.steps.filter { !shown.contains($0.id) }, detail: detail,
                      nothingYet: recommendation.steps.isEmpty)
        lines += questions(recommendation.questions, detail: detail)
        if detail {
            lines.append("Règles en vigueur le \(recommendation.date) : \(recommendation.ruleCount) règles, empreinte \(recommendation.fingerprint)")
        } else {
            lines.append("Règles du \(recommendation.date). Détail (règles, critères, toutes les questions) : --detail")
        }
        return TerminalText.escaped(lines.map(FrenchText.typography).joined(separator: "\n") + "\n", lineBreaks: true)
    }

    /// What the person's sheet leaves out, and why: said first, before anything is printed.
    private static func keptOffPaper(_ recommendation: Recommendation) -> [String] {
        let kept = recommendation.keptOffPaper
        guard !kept.isEmpty else { return [] }
        return ["HORS DE LA FICHE REMISE"] + wrap("\(kept.map(\.label).joined(separator: ", ")) : à dire de vive voix, pas sur papier. "
            + "Une fiche lue par d'autres (au domicile, au travail) peut exposer la personne ou la mettre en danger. Pour les imprimer quand même, avec son accord : --format fiche --include-discreet.", indent: "  ") + [""]
    }

    private static func nextActions(_ recommendation: Recommendation) -> [String] {
        var lines = ["PROCHAINES ACTIONS"]
        let actions = recommendation.nextActions
        if actions.isEmpty { lines.append("  Aucune pour l'instant : répondez d'abord aux questions ci-dessous.") }
        for (number, action) in actions.enumerated() {
            lines.append("  \(number + 1). \(action.label)\(action.severity.map { " (urgent : \($0.label))" } ?? "")")
            lines += wrap(action.why, indent: "     ")
            if let step = recommendation.steps.first(where: { $0.id == action.id }) { lines += services(step, indent: "     ") }
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
        // No insertion référent the facts ground: say so, with the question that would decide it.
        if recommendation.referent == nil {
            let deciding = recommendation.questions.first { $0.changes.contains(.referent) }
            let role = recommendation.referents.isEmpty ? "" : "\(ReferentRole.insertion.label) : "
            lines += wrap(role + (role.isEmpty ? "À déterminer" : "à déterminer") + (deciding.map { " ; \(RecommendationText.lowercasedFirst($0.question))" } ?? "."), indent: "    ", first: "  ")
        }
        for referent in recommendation.referents {
            let role = (referent.role ?? .insertion).label
            lines.append("  \(role) : \(referent.label)")
            lines += wrap(referent.why, indent: "    ")
            if detail { lines.append("    (règle \(referent.rule))") }
        }
        return lines + [""]
    }

    /// The scheme the person is in or chose; then those to propose (`SchemeAdvice`), and those to
    /// discuss first, with what to discuss; the others only with `detail`.
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
        let others = schemes.filter { !$0.enrolled && !$0.chosen }
        let proposed = others.filter { $0.advice == .proposed }
        if !proposed.isEmpty {
            lines.append("DISPOSITIFS À PROPOSER")
            for scheme in proposed {
                lines.append("  \(scheme.name)")
                let fits = scheme.criteria.filter { $0.status == .passed }.map { lowercasedFirst($0.label) }
                lines += wrap("Conditions remplies : \(fits.joined(separator: ", ")).", indent: "    ")
                if let verify = scheme.verifyLocally { lines += wrap("À vérifier localement : \(verify)", indent: "    ") }
            }
            lines.append("")
        }
        let discussed = others.filter { $0.advice == .toDiscuss || $0.advice == .notAdvised }
        if !discussed.isEmpty {
            lines.append("DISPOSITIFS À DISCUTER")
            for scheme in discussed {
                lines.append("  \(scheme.name) : \(scheme.advice.label)")
                for caution in scheme.cautions { lines += wrap("Attention : \(caution.reason)", indent: "    ") }
                for criterion in scheme.criteria where criterion.status == .undetermined {
                    lines += wrap("? \(criterion.label) (à demander : \(criterion.missingLabels.joined(separator: ", ")))", indent: "    ")
                }
                if let verify = scheme.verifyLocally { lines += wrap("À vérifier localement : \(verify)", indent: "    ") }
            }
            lines.append("")
        }
        if detail {
            let unknown = others.filter { $0.advice == .toCheck }
            let refused = others.filter { $0.advice == .notEligible }
            if !unknown.isEmpty || !refused.isEmpty { lines.append("AUTRES DISPOSITIFS") }
            for scheme in unknown {
                lines.append("  \(scheme.name) : à vérifier")
                for criterion in scheme.criteria where criterion.status == .undetermined {
                    lines += wrap("? \(criterion.label) (à demander : \(criterion.missingLabels.joined(separator: ", ")))", indent: "    ")
                }
            }
            if !refused.isEmpty {
                lines += wrap("Non éligible : " + refused.map { scheme in
                    let failed = scheme.criteria.first { $0.status == .failed }.map { " (\(lowercasedFirst($0.label)))" } ?? ""
                    return scheme.name + failed
                }.joined(separator: " ; "), indent: "  ")
            }
            if !unknown.isEmpty || !refused.isEmpty { lines.append("") }
        }
        return lines
    }

    /// The plan by stage, one entry per partner, immersion or action with all its reasons.
    private static func plan(_ steps: [Step], detail: Bool, nothingYet: Bool) -> [String] {
        var lines = [detail ? "PLAN PAR ÉTAPE" : "ENSUITE, PAR ÉTAPE"]
        if steps.isEmpty { lines.append(nothingYet ? "  Aucune étape proposée pour l'instant." : "  Rien de plus que les prochaines actions.") }
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
                // The short text names what the plan adds; its reasons are under --detail.
                if detail { for reason in entry.reasons { lines += wrap(reason, indent: "       ") } }
                if detail { lines.append("       (règle\(entry.rules.count > 1 ? "s" : "") \(entry.rules.joined(separator: ", ")))") }
                lines += services(entry.step, indent: "       ")
            }
        }
        return lines + [""]
    }

    /// The local services of a step (`--services`), under it.
    private static func services(_ step: Step, indent: String) -> [String] {
        guard let services = step.services else { return [] }
        if services.isEmpty { return [indent + "Près de la personne : aucun service dans l'export."] }
        return services.flatMap { wrap(ServiceText.line($0), indent: indent + "  ", first: indent + "→ ") }
    }

    /// In `QuestionOrder` (emergencies, then what can change the route or a référent); at most `questionLimit` unless `detail`.
    private static func questions(_ questions: [Question], detail: Bool) -> [String] {
        var lines = ["QUESTIONS À POSER"]
        if questions.isEmpty { lines.append("  Aucune : le profil suffit.") }
        let ordered = questions  // already in `QuestionOrder`
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
    /// with `first` when given: a line that already carries its own indent), never at a
    /// non-breaking space of French typography (`FrenchText.typography`, applied first).
    package static func wrap(_ text: String, indent: String, first: String? = nil, width: Int = 96) -> [String] {
        var lines: [String] = []
        var lead = first ?? indent
        var current = lead
        for word in FrenchText.typography(text).split(separator: " ") {
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
