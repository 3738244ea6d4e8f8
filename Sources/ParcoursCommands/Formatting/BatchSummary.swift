import ParcoursBatch
import ParcoursEngine
import ParcoursRendering

/// The French summary of `parcours batch --summary`: counts per route, référent and scheme
/// status, and the rules that fired most and never.
package enum BatchSummary {
    package static func render(_ tally: BatchTally, compiled: CompiledRuleSet) -> String {
        let ruleSet = compiled.ruleSet
        let total = tally.profiles
        var lines = ["SYNTHÈSE (règles en vigueur le \(ruleSet.date), empreinte \(ruleSet.fingerprint))",
                     "Profils évalués : \(total)" + (tally.refused > 0 ? " ; lignes refusées : \(tally.refused)" : "")
                        + (tally.blank > 0 ? " ; lignes vides ignorées : \(tally.blank)" : "")]
        func counted(_ title: String, _ entries: [(String, Int)], none: (String, Int)) {
            var merged: [String: Int] = [:]
            for (name, count) in entries where count > 0 { merged[name, default: 0] += count }
            if none.1 > 0 { merged[none.0, default: 0] += none.1 }
            lines.append("")
            lines.append(title)
            for (name, count) in merged.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                lines.append("  \(name) : \(count)\(ImpactText.percent(count, of: total))")
            }
        }
        counted("Parcours", ruleSet.rules.indices.map { index in
            let rule = ruleSet.rules[index]
            let name = rule.routeName ?? "?"
            return (name, tally.routes[index])
        }, none: ("aucun", tally.noRoute))
        counted("Référent", ruleSet.rules.indices.map { (ruleSet.rules[$0].referent ?? "?", tally.referents[$0]) }, none: ("aucun", tally.noReferent))
        lines.append("")
        lines.append("Dispositifs (éligible / indéterminé / non éligible)")
        for (index, scheme) in ruleSet.schemes.enumerated() {
            let counts = tally.schemes[(index * 3)..<(index * 3 + 3)].map { $0 }
            lines.append("  \(scheme.id) : \(counts[SchemeStatus.eligible.index]) / \(counts[SchemeStatus.undetermined.index]) / \(counts[SchemeStatus.notEligible.index])")
        }
        let byCount = ruleSet.rules.indices.sorted { (tally.fired[$1], ruleSet.rules[$0].id) < (tally.fired[$0], ruleSet.rules[$1].id) }
        lines.append("")
        lines.append("Règles les plus appliquées")
        for index in byCount.prefix(10) where tally.fired[index] > 0 {
            lines.append("  \(ruleSet.rules[index].id) : \(tally.fired[index])\(ImpactText.percent(tally.fired[index], of: total))")
        }
        let never = ruleSet.rules.indices.filter { tally.fired[$0] == 0 }.map { ruleSet.rules[$0].id }.sorted()
        lines.append("")
        lines.append("Règles jamais appliquées : \(never.isEmpty ? "aucune" : never.joined(separator: ", "))")
        return lines.joined(separator: "\n") + "\n"
    }
}
