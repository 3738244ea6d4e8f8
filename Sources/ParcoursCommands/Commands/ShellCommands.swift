import ParcoursBatch
import ParcoursEngine
import ParcoursRendering

/// `parcours completions bash|zsh|fish`: the shell completion script, from the declarations.
struct CompletionsCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "completions", abstract: Phrase("Écrit le script de complétion de bash, zsh ou fish.", en: "Writes the completion script for bash, zsh or fish."),
        discussion: Phrase("""
        bash : source <(parcours completions bash). zsh : parcours completions zsh > ~/.zfunc/_parcours
        (avec ~/.zfunc dans $fpath). fish : parcours completions fish > ~/.config/fish/completions/parcours.fish.
        """, en: """
        bash: source <(parcours completions bash). zsh: parcours completions zsh > ~/.zfunc/_parcours
        (with ~/.zfunc in $fpath). fish: parcours completions fish > ~/.config/fish/completions/parcours.fish.
        """),
        arguments: ArgumentsSpec("SHELL", .one(missing: Phrase("completions attend un shell : bash, zsh ou fish", en: "completions needs a shell: bash, zsh or fish")),
                                 choices: ShellCompletion.Shell.allCases.map(\.rawValue), help: Phrase("bash, zsh ou fish", en: "bash, zsh or fish")))

    let shell: ShellCompletion.Shell

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard let shell = ShellCompletion.Shell(rawValue: arguments.argument) else {
            throw UsageError("shell inconnu « \(Limits.quoted(arguments.argument)) » (possibles : bash, zsh, fish)", en: "unknown shell \"\(Limits.quoted(arguments.argument))\" (expected bash, zsh or fish)")
        }
        self.shell = shell
    }

    func run(terminal: Terminal) -> Int32 {
        terminal.write(ShellCompletion.script(shell, commands: ParcoursCLI.commands.map { $0.spec }, language: terminal.language))
        return ExitCode.success
    }
}

/// `parcours man`: the manual page, in roff, from the declarations.
struct ManCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "man", abstract: Phrase("Écrit la page de manuel (roff).", en: "Writes the manual page (roff)."),
        discussion: Phrase("À lire avec : parcours man | man -l -. --format markdown écrit la même référence en Markdown (docs/cli.md).",
                           en: "Read it with: parcours man | man -l -. --format markdown writes the same reference in Markdown (docs/cli.md)."),
        options: [OptionSpec("--format", choices: ["roff", "markdown"], help: Phrase("roff (par défaut) ou markdown", en: "roff (default) or markdown"))])

    let markdown: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        markdown = arguments.value("--format") == "markdown"
    }

    func run(terminal: Terminal) -> Int32 {
        let commands = ParcoursCLI.commands.map { $0.spec }
        terminal.write(markdown ? MarkdownReference.render(commands: commands, version: ParcoursCLI.version, language: terminal.language)
                                : ManPage.render(commands: commands, version: ParcoursCLI.version, date: ParcoursCLI.releaseDate, language: terminal.language))
        return ExitCode.success
    }
}
