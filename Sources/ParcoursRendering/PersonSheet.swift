import ParcoursEngine

/// The one-page « fiche » handed to the person (`recommend --format fiche`): plain French,
/// addressed to them, without rule ids, codes or the counsellor's questions. What reaches the
/// paper is `PaperSheet`'s choice: discreet entries only with `includeDiscreet`.
public enum PersonSheet {
    public static func render(_ recommendation: Recommendation, catalogue: Catalogue, includeDiscreet: Bool = false) -> String {
        render(PaperSheet(recommendation, catalogue: catalogue, includeDiscreet: includeDiscreet))
    }

    public static func render(_ sheet: PaperSheet) -> String {
        var lines = ["VOTRE PARCOURS", "Fiche remise le \(frenchDate(sheet.date))", ""]
        lines.append("CE QUE NOUS FAISONS D'ABORD")
        if sheet.actions.isEmpty { lines.append("  Nous faisons le point ensemble au prochain rendez-vous.") }
        for (number, action) in sheet.actions.enumerated() {
            lines.append("  \(number + 1). \(action.label)")
            lines += RecommendationText.wrap(action.why, indent: "     ")
        }
        lines.append("")
        if let route = sheet.routeLabel {
            lines.append("VOTRE CHEMIN : \(route)")
            if let description = sheet.routeDescription { lines += RecommendationText.wrap(description, indent: "  ") }
            lines.append("")
        }
        if !sheet.referents.isEmpty {
            lines.append(sheet.referents.count > 1 ? "VOS INTERLOCUTEURS" : "VOTRE INTERLOCUTEUR")
            for referent in sheet.referents {
                lines.append("  \(referent.label), \(referent.justice ? "pour votre mesure de justice" : "pour votre parcours vers l'emploi")")
            }
            lines.append("")
        }
        if !sheet.later.isEmpty {
            lines.append("ENSUITE")
            var stage: Stage?
            for step in sheet.later {
                if step.stage != stage {
                    stage = step.stage
                    lines.append("  \(step.stageLabel)")
                }
                lines.append("    - \(step.label)")
            }
            lines.append("")
        }
        if !sheet.schemes.isEmpty {
            lines.append("DISPOSITIFS DONT NOUS AVONS PARLÉ")
            for scheme in sheet.schemes { lines.append("  - \(scheme)") }
            lines.append("")
        }
        lines.append("Ce document ne contient que ce qui vous a été proposé. Rien n'est enregistré.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `2026-11-23` → `23/11/2026`.
    package static func frenchDate(_ date: String) -> String {
        let parts = date.split(separator: "-")
        guard parts.count == 3 else { return date }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }
}
