import Foundation
import ParcoursBatch
import ParcoursEngine

/// The command reference in Markdown (`docs/cli.md`), generated from the commands' declarations
/// like the manual page and the help: `parcours --lang fr man --format markdown > docs/cli.md`.
enum MarkdownReference {
    /// The command that writes `docs/cli.md`, as the file and the drift test say it.
    static let regenerate = "swift run parcours --lang fr man --format markdown > docs/cli.md"

    /// Text safe in a Markdown paragraph or list item: the characters that would start emphasis,
    /// code, an HTML tag or an escape are escaped; everything else is left as written.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "\\*`<~".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// A code span holding `text` (the declarations never hold a backtick).
    static func code(_ text: String) -> String { "`" + text + "`" }

    /// A terminal paragraph (hard-wrapped at about 100 columns) as one Markdown paragraph.
    static func paragraph(_ text: String) -> String {
        escape(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " "))
    }

    static func render(commands: [CommandSpec], version: String, language: Language) -> String {
        let fr = language == .fr
        var lines = [
            fr ? "# Référence de la ligne de commande" : "# Command-line reference",
            "",
            fr ? "<!-- Généré à partir des déclarations des commandes ; ne pas modifier à la main. Pour régénérer : \(regenerate) -->"
               : "<!-- Generated from the command declarations; do not edit by hand. To regenerate: \(regenerate) -->",
            "",
            fr ? "parcours \(version). Ce fichier est écrit par `parcours man --format markdown` à partir des mêmes déclarations que l'aide (`parcours help COMMANDE`), la page de manuel et la complétion ; un test échoue quand il n'est plus à jour."
               : "parcours \(version). This file is written by `parcours man --format markdown` from the same declarations as the help (`parcours help COMMAND`), the manual page and the completion; a test fails when it is out of date.",
            "",
            "## " + (fr ? "Commandes" : "Commands"),
            "",
        ]
        lines += commands.map { "- [\($0.name)](#\($0.name)) : " + escape($0.abstract.text(language)) }
        lines += ["", "```text"]
        lines += commands.map(\.synopsis)
        lines += ["parcours help [COMMAND]", "parcours -V | --version", "```", ""]
        lines += ["## " + (fr ? "Options communes" : "Common options"), ""]
        lines.append(fr ? "Elles valent pour toutes les commandes et se placent avant ou après le nom de la commande (jusqu'à `--`)."
                        : "They apply to every command and go before or after the command's name (up to `--`).")
        lines.append("")
        for (name, value, help) in ShellCompletion.global {
            let shown = name + (value == .none ? "" : " " + (value == .words(Language.allCases.map(\.rawValue)) ? "fr|en" : "VALUE"))
            lines.append("- " + code(name == "--quiet" ? "-q, " + shown : shown) + " : " + escape(help.text(language)))
        }
        lines.append("- " + code("-h, --help") + " : " + (fr ? "affiche l'aide (générale, ou de la commande qui précède)" : "show the help (general, or the preceding command's)"))
        lines.append("- " + code("-V, --version") + " : " + (fr ? "affiche la version" : "show the version"))
        lines.append("")
        for command in commands { lines += section(command, language) }
        lines += [
            "## " + (fr ? "Codes de sortie" : "Exit status"), "",
            fr ? "- 0 : succès" : "- 0: success",
            fr ? "- 1 : erreurs dans les règles, le profil ou les cas (affichées) ; une entrée illisible (entrée standard fermée) ; une sortie qui n'a pas pu être écrite (sortie standard fermée ou pleine, tube fermé par le lecteur, --out refusé parce que c'est une entrée)"
               : "- 1: errors in the rules, the profile or the cases (printed); an unreadable input (standard input closed); an output that could not be written (standard output closed or full, a pipe closed by its reader, --out refused because it is an input)",
            fr ? "- 2 : ligne de commande incorrecte" : "- 2: wrong command line",
            fr ? "- 3 : `serve` arrêté en coupant une requête en cours (encore inachevée au bout des 15 s d'attente)"
               : "- 3: `serve` stopped and cut a request in flight (still unfinished after the 15 s wait)",
            "",
            "## " + (fr ? "Environnement" : "Environment"), "",
            "- " + code("PARCOURS_RULES") + ", " + code("PARCOURS_SCENARIOS") + " : " + (fr ? "les dossiers par défaut de --rules et --scenarios" : "the default folders of --rules and --scenarios"),
            "- " + code("LANG") + ", " + code("LC_MESSAGES") + ", " + code("LC_ALL") + " : " + (fr ? "en\\* : messages en anglais ; sinon en français" : "en\\*: messages in English; French otherwise"),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// One command: what it is for, its synopsis, what it does, its arguments and options.
    private static func section(_ command: CommandSpec, _ language: Language) -> [String] {
        let fr = language == .fr
        var lines = ["## \(command.name)", "", escape(command.abstract.text(language)), "", "```text", command.synopsis, "```", ""]
        let discussion = command.discussion.text(language)
        if !discussion.isEmpty { lines += [paragraph(discussion), ""] }
        if let arguments = command.arguments {
            lines += ["**" + (fr ? "Argument" : "Argument") + "**", "", "- " + code(arguments.name) + " : " + escape(arguments.help.text(language)), ""]
        }
        lines += ["**Options**", ""]
        lines += command.options.map { "- " + code($0.synopsis) + " : " + escape($0.help.text(language)) }
        lines += ["- " + code("-h, --help") + " : " + (fr ? "affiche cette aide" : "show this help"), ""]
        return lines
    }
}
