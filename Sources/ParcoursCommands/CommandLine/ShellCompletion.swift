import ParcoursBatch
import ParcoursEngine
import ParcoursRendering

/// Completion scripts for bash, zsh and fish, generated from the commands' declarations, so
/// that they offer exactly the commands, options and values the parser accepts.
enum ShellCompletion {
    enum Shell: String, CaseIterable {
        case bash, zsh, fish
    }

    /// What an option's or argument's value completes to.
    enum Value: Equatable {
        /// A flag (no value), a folder, a file, one of these words, or any text (`N`, `YYYY-MM-DD`).
        case none, directories, files, words([String]), text

        init(option: OptionSpec) {
            if !option.choices.isEmpty { self = .words(option.choices) } else {
                switch option.value {
                case nil: self = .none
                case "DIR"?: self = .directories
                case "FILE"?: self = .files
                default: self = .text
                }
            }
        }

        init(arguments: ArgumentsSpec?) {
            guard let arguments else { self = .none; return }
            self = arguments.choices.isEmpty ? .files : .words(arguments.choices)
        }
    }

    /// Options every command takes (`ParcoursCLI` reads them before the command).
    static let global: [(name: String, value: Value, help: Phrase)] = [
        ("--lang", .words(Language.allCases.map(\.rawValue)), Phrase("langue des messages", en: "language of the messages")),
        ("--quiet", .none, Phrase("ni progression ni avis", en: "no progress, no notices")),
    ]

    static func script(_ shell: Shell, commands: [CommandSpec], language: Language) -> String {
        switch shell {
        case .bash: return bash(commands)
        case .zsh: return zsh(commands, language)
        case .fish: return fish(commands, language)
        }
    }

    // MARK: bash

    private static func bash(_ commands: [CommandSpec]) -> String {
        func reply(_ value: Value) -> String {
            switch value {
            case .none, .text: return "COMPREPLY=()"
            case .directories: return "COMPREPLY=($(compgen -d -- \"$cur\"))"
            case .files: return "COMPREPLY=($(compgen -f -- \"$cur\"))"
            case .words(let words): return "COMPREPLY=($(compgen -W \"\(words.joined(separator: " "))\" -- \"$cur\"))"
            }
        }
        var lines = [
            "# Complétion bash de parcours, générée par « parcours completions bash ».",
            "# À charger : source <(parcours completions bash), ou copier dans /etc/bash_completion.d/parcours.",
            "_parcours() {",
            "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" command=\"\" word skip=0",
            "  for word in \"${COMP_WORDS[@]:1:COMP_CWORD-1}\"; do",
            "    if [ \"$skip\" = 1 ]; then skip=0; continue; fi",
            "    case \"$word\" in --lang) skip=1 ;; -*) ;; *) command=\"$word\"; break ;; esac",
            "  done",
            "  if [ \"$prev\" = \"--lang\" ]; then \(reply(global[0].value)); return; fi",
            "  if [ -z \"$command\" ]; then",
            "    COMPREPLY=($(compgen -W \"\((commands.map(\.name) + ["help", "--version", "--help"] + global.map(\.name) + ["-q", "-V"]).joined(separator: " "))\" -- \"$cur\"))",
            "    return",
            "  fi",
            "  case \"$command\" in",
            "    help) COMPREPLY=($(compgen -W \"\(commands.map(\.name).joined(separator: " "))\" -- \"$cur\")) ;;",
        ]
        for command in commands {
            lines.append("    \(command.name))")
            let valued = command.options.filter { $0.value != nil }
            if !valued.isEmpty {
                lines.append("      case \"$prev\" in")
                for option in valued { lines.append("        \(option.name)) \(reply(Value(option: option))); return ;;") }
                lines.append("      esac")
            }
            let options = (command.options.map(\.name) + ["--help"] + global.map(\.name)).joined(separator: " ")
            lines.append("      if [[ \"$cur\" == -* ]]; then COMPREPLY=($(compgen -W \"\(options)\" -- \"$cur\")); else \(reply(Value(arguments: command.arguments))); fi ;;")
        }
        lines += ["  esac", "}", "complete -o filenames -F _parcours parcours", ""]
        return lines.joined(separator: "\n")
    }

    // MARK: zsh

    /// Text safe inside a zsh `_arguments` description, itself inside single quotes.
    private static func zshText(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "'": result += "'\\''"
            case ":", "[", "]", "\\": result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }

    private static func zshAction(_ value: Value, _ name: String) -> String {
        switch value {
        case .none: return ""
        case .text: return ":\(name): "
        case .directories: return ":\(name):_files -/"
        case .files: return ":\(name):_files"
        case .words(let words): return ":\(name):(\(words.joined(separator: " ")))"
        }
    }

    private static func zsh(_ commands: [CommandSpec], _ language: Language) -> String {
        var lines = [
            "#compdef parcours",
            "# Complétion zsh de parcours, générée par « parcours completions zsh ».",
            "# À copier sous le nom _parcours dans un dossier de $fpath.",
            "_parcours() {",
            "  local -a commands",
            "  commands=(",
        ]
        lines += commands.map { "    '\($0.name):\(zshText($0.abstract.text(language)))'" }
        lines += ["  )", "  local -a global",
                  "  global=(" + global.map { "'\($0.name)[\(zshText($0.help.text(language)))]\(zshAction($0.value, "valeur"))'" }.joined(separator: " ") + " '-q[\(zshText(global[1].help.text(language)))]')",
                  "  if (( CURRENT == 2 )); then _describe 'commande' commands; return; fi",
                  "  case $words[2] in",
                  "    help) _describe 'commande' commands ;;"]
        for command in commands {
            var specs = command.options.map { option in
                "'\(option.name)[\(zshText(option.help.text(language)))]\(zshAction(Value(option: option), option.value ?? "valeur"))'"
            }
            if let arguments = command.arguments {
                let repeated = arguments.count == .any ? "*" : "1"
                specs.append("'\(repeated)\(zshAction(Value(arguments: arguments), arguments.name))'")
            }
            lines.append("    \(command.name)) _arguments $global \\")
            lines.append("        " + specs.joined(separator: " \\\n        ") + " ;;")
        }
        lines += ["  esac", "}", "_parcours \"$@\"", ""]
        return lines.joined(separator: "\n")
    }

    // MARK: fish

    private static func fishText(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    private static func fishValue(_ value: Value) -> String {
        switch value {
        case .none: return ""
        case .text: return " -x"
        case .directories: return " -r -a '(__fish_complete_directories)'"
        case .files: return " -r -F"
        case .words(let words): return " -x -a " + fishText(words.joined(separator: " "))
        }
    }

    private static func fish(_ commands: [CommandSpec], _ language: Language) -> String {
        let names = commands.map(\.name).joined(separator: " ") + " help"
        var lines = [
            "# Complétion fish de parcours, générée par « parcours completions fish ».",
            "# À copier dans ~/.config/fish/completions/parcours.fish.",
            "complete -c parcours -f",
        ]
        lines += commands.map { "complete -c parcours -n 'not __fish_seen_subcommand_from \(names)' -a \($0.name) -d \(fishText($0.abstract.text(language)))" }
        lines.append("complete -c parcours -n 'not __fish_seen_subcommand_from \(names)' -a help -d \(fishText(language == .fr ? "aide d'une commande" : "help of a command"))")
        lines.append("complete -c parcours -n '__fish_seen_subcommand_from help' -a " + fishText(commands.map(\.name).joined(separator: " ")))
        for option in global { lines.append("complete -c parcours -l \(option.name.dropFirst(2))\(fishValue(option.value)) -d \(fishText(option.help.text(language)))") }
        for command in commands {
            let when = "-n '__fish_seen_subcommand_from \(command.name)'"
            for option in command.options {
                lines.append("complete -c parcours \(when) -l \(option.name.dropFirst(2))\(fishValue(Value(option: option))) -d \(fishText(option.help.text(language)))")
            }
            switch Value(arguments: command.arguments) {
            case .files: lines.append("complete -c parcours \(when) -F")
            case .words(let words): lines.append("complete -c parcours \(when) -a \(fishText(words.joined(separator: " ")))")
            case .none, .directories, .text: break
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
