/// A command line, parsed: which command, with which options.
public enum ParsedCommand: Equatable, Sendable {
    case recommend(profile: String, rules: String?, scenarios: String?, format: OutputFormat, date: String? = nil)
    case check(rules: String?, scenarios: String?, date: String? = nil, strict: Bool = false)
    case replay(ReplayOptions)
    case explain(profile: String, target: ExplainTarget, common: CommonOptions, format: OutputFormat)
    case sample(count: Int, seed: UInt64, rules: String?)
    case diff(DiffOptions)
    case docs(out: String, common: CommonOptions)
    case batch(BatchOptions)
    case help(topic: String?)
    case version
}

/// What `explain` explains.
public enum ExplainTarget: Equatable, Sendable {
    case rule(String), scheme(String)
}

/// The options every rule-set command takes.
public struct CommonOptions: Equatable, Sendable {
    public var rules: String?
    public var scenarios: String?
    public var date: String?

    public init(rules: String? = nil, scenarios: String? = nil, date: String? = nil) {
        self.rules = rules
        self.scenarios = scenarios
        self.date = date
    }
}

/// Options of `parcours diff`.
public struct DiffOptions: Equatable, Sendable {
    public var base: String
    public var baseScenarios: String?
    public var corpus: String
    public var common = CommonOptions()
    public var format: OutputFormat = .text
    public var examples = 3
}

/// Options of `parcours replay`.
public struct ReplayOptions: Equatable, Sendable {
    public var paths: [String] = []
    public var rules: String?
    public var scenarios: String?
    public var filter: String?
    public var junit: String?
    public var coverage = false
    public var date: String?
}

/// The output formats of `recommend`.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json
}

/// A command line that cannot be understood; printed with the usage, exit code 2.
public struct UsageError: Error, Equatable {
    public let message: String
}

/// Parses `parcours` arguments. Options may come before or after the positional argument.
public enum ArgumentParser {
    public static let commands = ["recommend", "check", "replay", "explain", "sample", "diff", "docs", "batch", "help"]

    public static func parse(_ arguments: [String]) throws(UsageError) -> ParsedCommand {
        guard let command = arguments.first else { return .help(topic: nil) }
        var rest = Array(arguments.dropFirst())
        switch command {
        case "-h", "--help", "help":
            return .help(topic: rest.first)
        case "--version", "version":
            return .version
        case "recommend":
            if rest.contains("-h") || rest.contains("--help") { return .help(topic: "recommend") }
            let rules = try option("--rules", in: &rest)
            let scenarios = try option("--scenarios", in: &rest)
            let date = try dateOption(in: &rest)
            let formatText = try option("--format", in: &rest) ?? "text"
            guard let format = OutputFormat(rawValue: formatText) else {
                throw UsageError(message: "unknown format \"\(formatText)\" (expected text or json)")
            }
            let positional = try positionals(rest, command: command)
            guard positional.count == 1, let profile = positional.first else {
                throw UsageError(message: positional.isEmpty ? "recommend needs a profile file (or - for standard input)"
                                                             : "recommend takes one profile, got \(positional.count)")
            }
            return .recommend(profile: profile, rules: rules, scenarios: scenarios, format: format, date: date)
        case "check":
            if rest.contains("-h") || rest.contains("--help") { return .help(topic: "check") }
            let rules = try option("--rules", in: &rest)
            let scenarios = try option("--scenarios", in: &rest)
            let date = try dateOption(in: &rest)
            let strict = flag("--strict", in: &rest)
            let positional = try positionals(rest, command: command)
            guard positional.isEmpty else { throw UsageError(message: "check takes no argument besides its options") }
            return .check(rules: rules, scenarios: scenarios, date: date, strict: strict)
        case "replay":
            if rest.contains("-h") || rest.contains("--help") { return .help(topic: "replay") }
            var options = ReplayOptions()
            options.rules = try option("--rules", in: &rest)
            options.scenarios = try option("--scenarios", in: &rest)
            options.filter = try option("--filter", in: &rest)
            options.junit = try option("--junit", in: &rest)
            options.date = try dateOption(in: &rest)
            options.coverage = flag("--coverage", in: &rest)
            options.paths = try positionals(rest, command: command)
            return .replay(options)
        case "explain":
            if rest.contains("-h") || rest.contains("--help") { return .help(topic: "explain") }
            let common = try commonOptions(in: &rest)
            let format = try formatOption(in: &rest)
            let rule = try option("--rule", in: &rest)
            let scheme = try option("--scheme", in: &rest)
            let positional = try positionals(rest, command: command)
            guard positional.count == 1, let profile = positional.first else {
                throw UsageError(message: "explain needs one profile file (or - for standard input)")
            }
            switch (rule, scheme) {
            case (let rule?, nil): return .explain(profile: profile, target: .rule(rule), common: common, format: format)
            case (nil, let scheme?): return .explain(profile: profile, target: .scheme(scheme), common: common, format: format)
            default: throw UsageError(message: "explain needs --rule ID or --scheme ID (one of them)")
            }
        case "sample":
            if rest.contains("-h") || rest.contains("--help") { return .help(topic: "sample") }
            let rules = try option("--rules", in: &rest)
            let countText = try option("--count", in: &rest) ?? "100"
            let seedText = try option("--seed", in: &rest) ?? "1"
            guard let count = Int(countText), count >= 0 else { throw UsageError(message: "--count expects a whole number, got \"\(countText)\"") }
            guard let seed = UInt64(seedText) else { throw UsageError(message: "--seed expects a whole number, got \"\(seedText)\"") }
            try noPositionals(rest, command: command)
            return .sample(count: count, seed: seed, rules: rules)
        case "diff":
            if rest.contains("-h") || rest.contains("--help") { return .help(topic: "diff") }
            let common = try commonOptions(in: &rest)
            let format = try formatOption(in: &rest)
            let baseScenarios = try option("--base-scenarios", in: &rest)
            let examplesText = try option("--examples", in: &rest) ?? "3"
            guard let base = try option("--base", in: &rest) else { throw UsageError(message: "diff needs --base DIR (the rules before the change)") }
            guard let corpus = try option("--corpus", in: &rest) else { throw UsageError(message: "diff needs --corpus FILE (JSON lines or CSV)") }
            guard let examples = Int(examplesText), examples >= 0 else { throw UsageError(message: "--examples expects a whole number") }
            try noPositionals(rest, command: command)
            return .diff(DiffOptions(base: base, baseScenarios: baseScenarios, corpus: corpus, common: common, format: format, examples: examples))
        case "batch":
            if rest.contains("-h") || rest.contains("--help") { return .help(topic: "batch") }
            let common = try commonOptions(in: &rest)
            guard let corpus = try option("--corpus", in: &rest) else { throw UsageError(message: "batch needs --corpus FILE (JSON lines or CSV)") }
            var options = BatchOptions(corpus: corpus, common: common)
            let formatText = try option("--format", in: &rest) ?? "jsonl"
            guard let format = BatchOutput(rawValue: formatText) else { throw UsageError(message: "unknown format \"\(formatText)\" (expected jsonl or csv)") }
            options.format = format
            options.out = try option("--out", in: &rest)
            options.summary = flag("--summary", in: &rest)
            if let jobsText = try option("--jobs", in: &rest) {
                guard let jobs = Int(jobsText), jobs >= 1 else { throw UsageError(message: "--jobs expects a whole number of at least 1") }
                options.jobs = jobs
            }
            try noPositionals(rest, command: command)
            return .batch(options)
        case "docs":
            if rest.contains("-h") || rest.contains("--help") { return .help(topic: "docs") }
            let common = try commonOptions(in: &rest)
            guard let out = try option("--out", in: &rest) else { throw UsageError(message: "docs needs --out DIR") }
            try noPositionals(rest, command: command)
            return .docs(out: out, common: common)
        default:
            let hint = Suggest.word(command, in: commands).map { " (did you mean \"\($0)\"?)" } ?? ""
            throw UsageError(message: "unknown command \"\(command)\"\(hint)")
        }
    }

    /// Removes `--name VALUE` or `--name=VALUE` from `arguments` and returns the value.
    static func option(_ name: String, in arguments: inout [String]) throws(UsageError) -> String? {
        var value: String?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == name {
                guard index + 1 < arguments.count else { throw UsageError(message: "\(name) needs a value") }
                if value != nil { throw UsageError(message: "\(name) is given twice") }
                value = arguments[index + 1]
                arguments.removeSubrange(index...(index + 1))
            } else if argument.hasPrefix(name + "=") {
                if value != nil { throw UsageError(message: "\(name) is given twice") }
                value = String(argument.dropFirst(name.count + 1))
                arguments.remove(at: index)
            } else {
                index += 1
            }
        }
        return value
    }

    static func commonOptions(in arguments: inout [String]) throws(UsageError) -> CommonOptions {
        CommonOptions(rules: try option("--rules", in: &arguments), scenarios: try option("--scenarios", in: &arguments),
                      date: try dateOption(in: &arguments))
    }

    static func formatOption(in arguments: inout [String]) throws(UsageError) -> OutputFormat {
        let text = try option("--format", in: &arguments) ?? "text"
        guard let format = OutputFormat(rawValue: text) else { throw UsageError(message: "unknown format \"\(text)\" (expected text or json)") }
        return format
    }

    /// `--date YYYY-MM-DD`, checked.
    static func dateOption(in arguments: inout [String]) throws(UsageError) -> String? {
        guard let date = try option("--date", in: &arguments) else { return nil }
        guard Validity.isDate(date) else { throw UsageError(message: "--date expects a date YYYY-MM-DD, got \"\(date)\"") }
        return date
    }

    /// Removes `name` from `arguments`; true when it was there.
    static func flag(_ name: String, in arguments: inout [String]) -> Bool {
        guard let index = arguments.firstIndex(of: name) else { return false }
        arguments.remove(at: index)
        return true
    }

    private static func noPositionals(_ arguments: [String], command: String) throws(UsageError) {
        if let first = try positionals(arguments, command: command).first {
            throw UsageError(message: "\(command) takes no argument, got \"\(first)\"")
        }
    }

    private static func positionals(_ arguments: [String], command: String) throws(UsageError) -> [String] {
        for argument in arguments where argument.hasPrefix("--") {
            throw UsageError(message: "unknown option \(argument) for \(command)")
        }
        return arguments
    }
}

import ParcoursEngine

/// Spelling suggestions for command names, shared with the engine's.
enum Suggest {
    static func word(_ word: String, in candidates: [String]) -> String? {
        Spelling.closest(to: word, in: candidates)
    }
}
