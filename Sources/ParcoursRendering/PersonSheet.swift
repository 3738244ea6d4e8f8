import ParcoursEngine

/// The one-page « fiche » handed to the person (`recommend --format fiche`): plain French,
/// addressed to them, without rule ids, codes or the counsellor's questions. A long plan keeps
/// the next actions, the contacts and the first `laterSteps` steps, and says how many more the
/// counsellor has. `PersonSheetPage` prints the same lines as an HTML page.
public enum PersonSheet {
    /// The steps after the next actions that fit on one page.
    package static let laterSteps = 6

    public static func render(_ recommendation: Recommendation, catalogue: Catalogue) -> String {
        var lines = ["VOTRE PARCOURS", "Fiche remise le \(FrenchText.date(recommendation.date))", ""]
        let actions = recommendation.nextActions
        lines.append("CE QUE NOUS FAISONS D'ABORD")
        if actions.isEmpty { lines.append("  Nous faisons le point ensemble au prochain rendez-vous.") }
        for (number, action) in actions.enumerated() {
            lines.append("  \(number + 1). \(action.label)")
            // A reason written for the counsellor (« la personne ne peut pas venir ») is not said to the person.
            if !action.why.contains("la personne") { lines += RecommendationText.wrap(action.why, indent: "     ") }
        }
        lines.append("")
        if let route = recommendation.route {
            let description = Route(rawValue: route.id).flatMap { catalogue.info(for: $0)?.description }
            lines.append("VOTRE CHEMIN : \(route.label)")
            if let description { lines += RecommendationText.wrap(description, indent: "  ") }
            lines.append("")
        }
        if !recommendation.referents.isEmpty {
            lines.append(recommendation.referents.count > 1 ? "VOS INTERLOCUTEURS" : "VOTRE INTERLOCUTEUR")
            for referent in recommendation.referents {
                let role = referent.role == .justice ? "pour votre mesure de justice" : "pour votre parcours vers l'emploi"
                lines.append("  \(referent.label), \(role)")
            }
            lines.append("")
        }
        let later = recommendation.steps.filter { step in !actions.contains { $0.id == step.id } }
        if !later.isEmpty {
            lines.append("ENSUITE")
            var seen: Set<String> = []
            let distinct = later.filter { seen.insert($0.id).inserted }
            var stage: Stage?
            for step in distinct.prefix(laterSteps) {
                if step.stage != stage {
                    stage = step.stage
                    lines.append("  \(step.stageLabel)")
                }
                lines.append("    - \(step.label)")
            }
            if distinct.count > laterSteps {
                let more = distinct.count - laterSteps
                lines.append("  … et \(FrenchText.count(more, "autre étape", "autres étapes")), que votre conseiller·ère a dans votre dossier.")
            }
            lines.append("")
        }
        let schemes = recommendation.schemes.filter { $0.status == .eligible || $0.enrolled || $0.chosen }
        if !schemes.isEmpty {
            lines.append("DISPOSITIFS DONT NOUS AVONS PARLÉ")
            for scheme in schemes { lines.append("  - \(scheme.name)") }
            lines.append("")
        }
        lines.append("Ce document ne contient que ce qui vous a été proposé. Rien n'est enregistré.")
        return lines.joined(separator: "\n") + "\n"
    }
}
