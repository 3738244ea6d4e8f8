import ParcoursBatch
import ParcoursEngine
import ParcoursRendering

/// One option of a command, declared once: the parser reads it and the help shows it.
public struct OptionSpec: Sendable, Equatable {
    /// `--name`.
    public let name: String
    /// The value's placeholder (`DIR`, `N`); nil for a flag.
    public let value: String?
    /// One line of help, in French and in English.
    public let help: Phrase
    /// The values allowed (empty: any), checked by the parser.
    public let choices: [String]
    /// Shown in the synopsis as `[--name VALUE]` (false when `CommandSpec.shape` shows it).
    public let inSynopsis: Bool

    public init(_ name: String, value: String? = nil, choices: [String] = [], inSynopsis: Bool = true, help: Phrase) {
        self.name = name
        self.value = value ?? (choices.isEmpty ? nil : choices.joined(separator: "|"))
        self.help = help
        self.choices = choices
        self.inSynopsis = inSynopsis
    }

    /// `--name VALUE` as the synopsis shows it.
    var synopsis: String { value.map { "\(name) \($0)" } ?? name }
}

/// The positional arguments of a command.
public struct ArgumentsSpec: Sendable, Equatable {
    public enum Count: Sendable, Equatable {
        /// Exactly one; the message when it is missing.
        case one(missing: Phrase)
        /// Any number, none included.
        case any
    }

    public let name: String
    public let count: Count
    public let help: Phrase
    /// The words the argument takes (for shell completion); empty: file names.
    public let choices: [String]

    public init(_ name: String, _ count: Count, choices: [String] = [], help: Phrase) {
        self.name = name
        self.count = count
        self.choices = choices
        self.help = help
    }
}

/// What a command declares: its name, what it does, its arguments and options. Parsing and
/// help are both generated from it, so they cannot drift apart.
public struct CommandSpec: Sendable {
    public let name: String
    /// One line: what the command is for, in French and in English.
    public let abstract: Phrase
    /// What it does, exit codes included.
    public let discussion: Phrase
    public let arguments: ArgumentsSpec?
    public let options: [OptionSpec]
    /// Extra synopsis text for constraints the options alone do not show (`(--rule ID | --scheme ID)`).
    public let shape: String?

    public init(name: String, abstract: Phrase, discussion: Phrase, arguments: ArgumentsSpec? = nil, options: [OptionSpec] = [],
                shape: String? = nil) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.arguments = arguments
        self.options = options
        self.shape = shape
    }

    /// `parcours NAME ARG [--option VALUE]...`
    public var synopsis: String {
        var parts = ["parcours", name]
        if let arguments {
            switch arguments.count {
            case .one: parts.append(arguments.name)
            case .any: parts.append("[\(arguments.name)...]")
            }
        }
        if let shape { parts.append(shape) }
        parts += options.filter(\.inSynopsis).map { "[\($0.synopsis)]" }
        return parts.joined(separator: " ")
    }

    /// The full help of the command, in `language`.
    public func help(in language: Language) -> String {
        let fr = language == .fr
        var lines = [(fr ? "Utilisation : " : "Usage: ") + synopsis, "", abstract.text(language)]
        let discussion = discussion.text(language)
        if !discussion.isEmpty { lines += ["", discussion] }
        if let arguments { lines += ["", fr ? "Arguments :" : "Arguments:", Self.row(arguments.name, arguments.help.text(language))] }
        if !options.isEmpty {
            lines += ["", fr ? "Options :" : "Options:"]
            lines += options.map { Self.row($0.synopsis, $0.help.text(language)) }
            lines.append(Self.row("-h, --help", fr ? "affiche cette aide" : "show this help"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func row(_ left: String, _ right: String) -> String {
        let padded = left.count < 24 ? left + String(repeating: " ", count: 24 - left.count) : left + "  "
        return "  " + padded + right
    }
}

/// The options shared by every command that reads a rule set.
enum CommonSpec {
    static let rules = OptionSpec("--rules", value: "DIR", help: Phrase("dossier du jeu de règles (par défaut : $PARCOURS_RULES, ./Rules, ou Rules/ du paquet)", en: "rule set folder (default: $PARCOURS_RULES, ./Rules, or the package's Rules/)"))
    static let scenarios = OptionSpec("--scenarios", value: "DIR", help: Phrase("dossier des dispositifs (par défaut : $PARCOURS_SCENARIOS, ./Scenarios, ou celui du paquet)", en: "scheme plugins folder (default: $PARCOURS_SCENARIOS, ./Scenarios, or the package's)"))
    static let date = OptionSpec("--date", value: "YYYY-MM-DD", help: Phrase("les règles en vigueur ce jour-là (par défaut : aujourd'hui, date locale)", en: "the rules in force that day (default: today, local date)"))
    static let all = [rules, scenarios, date]
    static let format = OptionSpec("--format", choices: OutputFormat.allCases.map(\.rawValue), help: Phrase("format de sortie (par défaut : text)", en: "output format (default: text)"))
    /// `batch` and `diff`: the threads that evaluate (the main one reads and writes beside them).
    static let jobs = OptionSpec("--jobs", value: "N", help: Phrase("fils qui évaluent (par défaut : un par cœur)", en: "evaluating threads (default: one per core)"))
}
