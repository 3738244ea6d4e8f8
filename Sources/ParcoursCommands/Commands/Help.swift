/// Help texts, generated from the commands' declarations (`CommandSpec`).
enum Help {
    /// Every command's synopsis, and what the options have in common.
    static var usage: String {
        var lines = ["Usage:"]
        lines += ParcoursCLI.commands.map { "  " + $0.spec.synopsis }
        lines += ["  parcours help [COMMAND]", "  parcours --version", ""]
        lines += [
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
    static func text(for topic: String?) -> String {
        if let topic, let command = ParcoursCLI.command(named: topic) { return command.spec.help }
        var lines = ["parcours: next steps for people far from work, from a declarative rule set.", "", "Commands:"]
        lines += ParcoursCLI.commands.map { command in
            let name = command.spec.name
            return "  " + name + String(repeating: " ", count: max(2, 12 - name.count)) + command.spec.abstract
        }
        return lines.joined(separator: "\n") + "\n\n" + usage
    }
}
