import ParcoursBatch
import ParcoursEngine
import ParcoursRendering

/// Help texts, generated from the commands' declarations (`CommandSpec`).
enum Help {
    /// Every command's synopsis, and what the options have in common.
    static func usage(_ language: Language) -> String {
        var lines = [language == .fr ? "Utilisation :" : "Usage:"]
        lines += ParcoursCLI.commands.map { "  " + $0.spec.synopsis }
        lines += ["  parcours help [COMMAND]", "  parcours -V | --version", ""]
        if language == .fr {
            lines += [
                "Pour toutes les commandes : --lang fr|en (langue des messages ; français par défaut, anglais si",
                "LANG=en*) ; -q, --quiet (ni progression ni avis : seulement les erreurs et les résultats).",
                "PROFILE est un fichier YAML ou JSON, ou - pour lire l'entrée standard.",
                "Les commandes qui lisent des règles prennent --rules DIR, --scenarios DIR et --date AAAA-MM-JJ",
                "(règles en vigueur ce jour-là ; par défaut aujourd'hui). Rien n'est enregistré ni journalisé.",
                "--rules vaut par défaut $PARCOURS_RULES, ./Rules, ou le dossier Rules/ du paquet Parcours ;",
                "--scenarios (dispositifs) $PARCOURS_SCENARIOS, ./Scenarios, ou le dossier Scenarios/ du paquet.",
                "",
            ]
            return lines.joined(separator: "\n") + "\n"
        }
        lines += [
            "For every command: --lang fr|en (language of the messages; French by default, English when",
            "LANG=en*); -q, --quiet (no progress, no notices: only errors and results).",
            "PROFILE is a YAML or JSON file, or - to read standard input.",
            "Commands reading rules take --rules DIR, --scenarios DIR and --date YYYY-MM-DD (rules in force",
            "that day; default today). Nothing is stored or logged.",
            "--rules defaults to $PARCOURS_RULES, ./Rules, or the Rules/ folder of the Parcours package;",
            "--scenarios (scheme plugins) to $PARCOURS_SCENARIOS, ./Scenarios, or the package's Scenarios/.",
            "",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The help of one command, or the general help.
    static func text(for topic: String?, _ language: Language) -> String {
        if let topic, let command = ParcoursCLI.command(named: topic) { return command.spec.help(in: language) }
        var lines = [language == .fr ? "parcours : les prochaines étapes des personnes éloignées de l'emploi, d'après un jeu de règles déclaratif."
                                     : "parcours: next steps for people far from work, from a declarative rule set.",
                     "", language == .fr ? "Commandes :" : "Commands:"]
        lines += ParcoursCLI.commands.map { command in
            let name = command.spec.name
            return "  " + name + String(repeating: " ", count: max(2, 12 - name.count)) + command.spec.abstract.text(language)
        }
        return lines.joined(separator: "\n") + "\n\n" + usage(language)
    }
}
