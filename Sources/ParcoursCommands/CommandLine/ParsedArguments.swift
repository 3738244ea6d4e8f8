import ParcoursBatch
import ParcoursEngine
import ParcoursRendering

/// A command line read against a `CommandSpec`: option values, flags and positionals.
public struct ParsedArguments: Sendable, Equatable {
    public private(set) var values: [String: String] = [:]
    public private(set) var flags: Set<String> = []
    public private(set) var positionals: [String] = []
    /// `-h` or `--help` was given.
    public private(set) var wantsHelp = false

    /// Reads `arguments` (after the command name) as `spec` declares them. `--name VALUE` and
    /// `--name=VALUE` both work, options may come before or after the arguments, and `--`
    /// ends the options.
    public init(_ arguments: [String], spec: CommandSpec) throws(UsageError) {
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" { optionsEnded = true; continue }
            if argument == "-h" || argument == "--help" { wantsHelp = true; continue }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            guard let option = spec.options.first(where: { $0.name == name }) else {
                let known = spec.options.map(\.name) + ["--help"]
                let guess = Suggest.word(name, in: known)
                throw UsageError("option inconnue \(name) pour \(spec.name)" + (guess.map { " (vouliez-vous dire \($0) ?)" } ?? ""),
                                 en: "unknown option \(name) for \(spec.name)" + (guess.map { " (did you mean \($0)?)" } ?? ""))
            }
            guard option.value != nil else {
                guard name == argument else { throw UsageError("\(name) ne prend pas de valeur", en: "\(name) takes no value") }
                flags.insert(name)
                continue
            }
            let value: String
            if name != argument {
                value = String(argument.dropFirst(name.count + 1))
            } else {
                guard index < arguments.count else { throw UsageError("\(name) attend une valeur", en: "\(name) needs a value") }
                value = arguments[index]
                index += 1
            }
            if values[name] != nil { throw UsageError("\(name) est donné deux fois", en: "\(name) is given twice") }
            if !option.choices.isEmpty && !option.choices.contains(value) {
                let what = name.dropFirst(2)
                let expected = option.choices.count == 2 ? option.choices.joined(separator: " or ") : option.choices.joined(separator: ", ")
                let attendu = option.choices.count == 2 ? option.choices.joined(separator: " ou ") : option.choices.joined(separator: ", ")
                throw UsageError("valeur inconnue « \(Limits.quoted(value)) » pour --\(what) (possibles : \(attendu))", en: "unknown \(what) \"\(Limits.quoted(value))\" (expected \(expected))")
            }
            values[name] = value
        }
        if wantsHelp { return }
        switch spec.arguments?.count {
        case nil:
            if let first = positionals.first { throw UsageError("\(spec.name) ne prend pas d'argument, reçu « \(first) »", en: "\(spec.name) takes no argument, got \"\(first)\"") }
        case .one(let missing)?:
            if positionals.isEmpty { throw UsageError(message: missing) }
            if positionals.count > 1 { throw UsageError("\(spec.name) prend un seul \(spec.arguments?.name ?? "argument"), reçu \(positionals.count)", en: "\(spec.name) takes one \(spec.arguments?.name ?? "argument"), got \(positionals.count)") }
        case .any?:
            break
        }
    }

    public func value(_ name: String) -> String? { values[name] }

    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// A whole number option of at least `minimum`.
    public func integer(_ name: String, default fallback: Int, minimum: Int = 0, maximum: Int = Int.max) throws(UsageError) -> Int {
        guard let text = values[name] else { return fallback }
        guard let number = Int(text), number >= minimum, number <= maximum else {
            let range = maximum == Int.max ? "of at least \(minimum)" : "from \(minimum) to \(maximum)"
            let bornes = maximum == Int.max ? "d'au moins \(minimum)" : "de \(minimum) à \(maximum)"
            throw UsageError("\(name) attend un nombre entier \(bornes), reçu « \(Limits.quoted(text)) »", en: "\(name) expects a whole number \(range), got \"\(Limits.quoted(text))\"")
        }
        return number
    }

    /// `--date`, checked.
    public func date() throws(UsageError) -> String? {
        guard let date = values["--date"] else { return nil }
        guard Validity.isDate(date) else { throw UsageError("--date attend une date AAAA-MM-JJ, reçu « \(Limits.quoted(date)) »", en: "--date expects a date YYYY-MM-DD, got \"\(Limits.quoted(date))\"") }
        return date
    }

    /// `--rules`, `--scenarios` and `--date`.
    public func common() throws(UsageError) -> CommonOptions {
        CommonOptions(rules: value("--rules"), scenarios: value("--scenarios"), date: try date())
    }

    /// `--format text|json` (default text).
    public var outputFormat: OutputFormat {
        value("--format").flatMap(OutputFormat.init(rawValue:)) ?? .text
    }

    /// The one positional argument (the parser made sure there is one).
    public var argument: String { positionals.first ?? "" }
}

/// A command of `parcours`: declared by its spec, built from parsed arguments, then run.
public protocol ParcoursCommand: Sendable {
    static var spec: CommandSpec { get }
    init(_ arguments: ParsedArguments) throws(UsageError)
    func run(terminal: Terminal) -> Int32
}

extension ParcoursCommand {
    /// Builds the command from `arguments` and runs it; a usage error comes back as `.failure`.
    static func execute(_ arguments: ParsedArguments, terminal: Terminal) -> Result<Int32, UsageError> {
        do {
            let command = try Self(arguments)
            return .success(command.run(terminal: terminal))
        } catch {
            return .failure(error)
        }
    }
}
