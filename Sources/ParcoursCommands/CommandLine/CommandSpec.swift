import ParcoursEngine

/// One option of a command, declared once: the parser reads it and the help shows it.
public struct OptionSpec: Sendable, Equatable {
    /// `--name`.
    public let name: String
    /// The value's placeholder (`DIR`, `N`); nil for a flag.
    public let value: String?
    /// One line of help, in the command's language.
    public let help: String
    /// The values allowed (empty: any), checked by the parser.
    public let choices: [String]
    /// Shown in the synopsis as `[--name VALUE]` (false when `CommandSpec.shape` shows it).
    public let inSynopsis: Bool

    public init(_ name: String, value: String? = nil, choices: [String] = [], inSynopsis: Bool = true, help: String) {
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
    public let help: String

    public init(_ name: String, _ count: Count, help: String) {
        self.name = name
        self.count = count
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
    public let discussion: String
    public let arguments: ArgumentsSpec?
    public let options: [OptionSpec]
    /// Extra synopsis text for constraints the options alone do not show (`(--rule ID | --scheme ID)`).
    public let shape: String?

    public init(name: String, abstract: Phrase, discussion: String, arguments: ArgumentsSpec? = nil, options: [OptionSpec] = [],
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

    /// The full help of the command.
    public var help: String {
        var lines = [synopsis, "", abstract.en]
        if !discussion.isEmpty { lines += ["", discussion] }
        if let arguments { lines += ["", "Arguments:", Self.row(arguments.name, arguments.help)] }
        if !options.isEmpty {
            lines += ["", "Options:"]
            lines += options.map { Self.row($0.synopsis, $0.help) }
            lines.append(Self.row("-h, --help", "show this help"))
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
    static let rules = OptionSpec("--rules", value: "DIR", help: "rule set folder (default: $PARCOURS_RULES, ./Rules, or the package's Rules/)")
    static let scenarios = OptionSpec("--scenarios", value: "DIR", help: "scheme plugins folder (default: $PARCOURS_SCENARIOS, ./Scenarios, or the package's)")
    static let date = OptionSpec("--date", value: "YYYY-MM-DD", help: "the rules in force that day (default: today, local date)")
    static let all = [rules, scenarios, date]
    static let format = OptionSpec("--format", choices: OutputFormat.allCases.map(\.rawValue), help: "output format (default: text)")
}
