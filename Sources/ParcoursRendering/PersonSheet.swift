import ParcoursEngine

/// The one-page « fiche » handed to the person (`recommend --format fiche`): plain French,
/// addressed to them, without rule ids, codes or the counsellor's questions, in French
/// typography (`FrenchText.typography`). What reaches the paper, in the person's words, is
/// `PaperSheet`'s choice (discreet entries only with `includeDiscreet`; a long plan
/// keeps the next actions, the contacts and the first later steps, and says how many more the
/// counsellor has). `PersonSheetPage` prints the same sheet as an HTML page.
public enum PersonSheet {
    public static func render(_ recommendation: Recommendation, catalogue: Catalogue, glossary: Glossary = .empty, includeDiscreet: Bool = false) -> String {
        render(PaperSheet(recommendation, catalogue: catalogue, glossary: glossary, includeDiscreet: includeDiscreet))
    }

    public static func render(_ sheet: PaperSheet) -> String {
        var lines = ["VOTRE PARCOURS", "Fiche remise le \(FrenchText.date(sheet.date))", ""]
        lines.append("CE QUE NOUS FAISONS D'ABORD")
        if sheet.actions.isEmpty { lines.append("  Nous faisons le point ensemble au prochain rendez-vous.") }
        for (number, action) in sheet.actions.enumerated() {
            lines.append("  \(number + 1). \(action.label)")
            if !action.why.isEmpty { lines += RecommendationText.wrap(action.why, indent: "     ") }
        }
        lines.append("")
        if let route = sheet.routeLabel {
            lines.append("VOTRE CHEMIN : \(route)")
            if let description = sheet.routeDescription { lines += RecommendationText.wrap(description, indent: "  ") }
            lines.append("")
        }
        if !sheet.referents.isEmpty {
            lines.append(sheet.referents.count > 1 ? "VOS CONTACTS" : "VOTRE CONTACT")
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
            if sheet.moreLater > 0 {
                lines.append("  … et \(FrenchText.count(sheet.moreLater, "autre étape", "autres étapes")), dont nous parlerons ensemble.")
            }
            lines.append("")
        }
        if !sheet.schemes.isEmpty {
            lines.append("LES PROGRAMMES DONT NOUS AVONS PARLÉ")
            for scheme in sheet.schemes { lines.append("  - \(scheme)") }
            lines.append("")
        }
        lines.append("Ce document ne contient que ce qui vous a été proposé. Rien n'est enregistré.")
        return lines.map(FrenchText.typography).joined(separator: "\n") + "\n"
    }
}
