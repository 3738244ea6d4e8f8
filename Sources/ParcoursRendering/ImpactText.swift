import ParcoursEngine

/// The impact report of `parcours diff`, in French for policy staff, or as JSON.
public enum ImpactText {
    public static func render(_ report: ImpactReport, date: String) -> String {
        var lines = [
            "IMPACT DU CHANGEMENT DE RÈGLES (règles en vigueur le \(date))",
            "  avant : \(report.baseFingerprint)",
            "  après : \(report.currentFingerprint)",
            "",
            "Profils évalués : \(report.profiles)" + (report.refused > 0 ? " (\(report.refused) lignes refusées, voir les erreurs)" : ""),
            "Profils dont la recommandation change : \(report.changed)\(percent(report.changed, of: report.profiles))",
        ]
        for (title, changes) in [("Parcours", report.routes), ("Référent", report.referents),
                                 ("Propositions", report.suggestions), ("Dispositifs", report.schemes)] {
            lines.append("")
            let total = changes.reduce(0) { $0 + $1.count }
            lines.append("\(title) : \(total == 0 ? "aucun changement" : "\(total) changement\(total > 1 ? "s" : "")")")
            for change in changes {
                let label = change.what == title.lowercased() || ["route", "referent"].contains(change.what) ? "" : "\(change.what) : "
                lines.append("  \(label)\(french(change.before)) → \(french(change.after)) : \(change.count)\(percent(change.count, of: report.profiles))")
                for example in change.examples {
                    lines.append("      ligne \(example.line) : \(example.text)")
                }
            }
        }
        // The examples are corpus lines as read.
        return TerminalText.escaped(lines.joined(separator: "\n") + "\n", lineBreaks: true)
    }

    /// The report's state words in French; ids are kept as they are.
    package static func french(_ state: String) -> String {
        switch state {
        case "none": return "aucun"
        case "absent": return "absente"
        case "suggested": return "proposée"
        case "eligible": return "éligible"
        case "not_eligible": return "non éligible"
        case "undetermined": return "indéterminé"
        default: return state
        }
    }

    package static func percent(_ count: Int, of total: Int) -> String {
        guard total > 0 else { return "" }
        let tenths = (count * 1000 + total / 2) / total
        return " (\(tenths / 10),\(tenths % 10) %)"
    }
}
