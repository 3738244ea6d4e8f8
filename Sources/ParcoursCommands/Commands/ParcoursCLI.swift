import ParcoursBatch
import Platform
import ParcoursEngine
import ParcoursRendering

/// The `parcours` command line: finds the command, parses its arguments from its declaration,
/// runs it, returns the exit code.
public enum ParcoursCLI {
    public static let version = "0.2.0"
    /// The day this version was set (the manual page's date: fixed, so the page is reproducible).
    public static let releaseDate = "2026-12-01"

    /// Every command, in the order the help lists them.
    public static let commands: [any ParcoursCommand.Type] = [
        RecommendCommand.self, CheckCommand.self, ReplayCommand.self, ExplainCommand.self, SampleCommand.self,
        DiffCommand.self, ApplyCommand.self, BatchCommand.self, ImportCommand.self, DocsCommand.self, ServeCommand.self, SchemaCommand.self, CompletionsCommand.self, ManCommand.self,
    ]

    /// Runs the command line; a write that failed on standard output or error makes the exit
    /// status 1 (unless the command already failed), said on standard error when it still works.
    public static func run(_ arguments: [String], terminal given: Terminal = .standard) -> Int32 {
        var terminal = given
        let code: Int32
        do {
            let arguments = try globalOptions(in: arguments, terminal: &terminal)
            code = try dispatch(arguments, terminal: terminal)
        } catch {
            terminal.complain(error.message)
            terminal.writeError("\n" + Help.usage(terminal.language))
            code = ExitCode.usage
        }
        guard let failure = terminal.failedWrite() else { return code }
        if failure.stream == .output { terminal.complain(lostOutput(failure), hint: lostOutputHint(failure)) }
        return code == ExitCode.success ? ExitCode.failure : code
    }

    /// What a failed write to standard output means: the output is incomplete or missing.
    static func lostOutput(_ failure: StandardStreams.Failure) -> Phrase {
        if failure.closedAtStart {
            return Phrase("la sortie standard est fermée : rien n'a pu y être écrit", en: "standard output is closed: nothing could be written to it")
        }
        let reason = InputError.reason(failure.reason)
        return Phrase("écriture impossible sur la sortie standard (\(reason.fr)) : la sortie est incomplète",
                      en: "cannot write to standard output (\(reason.en)): the output is incomplete")
    }

    static func lostOutputHint(_ failure: StandardStreams.Failure) -> Phrase {
        failure.closedAtStart || failure.reason == "Bad file descriptor"
            ? Phrase("redirigez la sortie vers un fichier (> FICHIER) ou utilisez --out FICHIER quand la commande l'accepte",
                     en: "redirect the output to a file (> FILE) or use --out FILE where the command has it")
            : Phrase("vérifiez la place sur le disque ou le programme qui lit la sortie, puis relancez",
                     en: "check the disk space or the program reading the output, then run again")
    }

    /// Takes the options every command shares out of the arguments, before `--`: `--lang fr|en`
    /// (or `--lang=en`) sets the terminal's language, `-q`/`--quiet` silences progress and notices.
    private static func globalOptions(in arguments: [String], terminal: inout Terminal) throws(UsageError) -> [String] {
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" { rest += arguments[(index - 1)...]; break }
            if argument == "-q" || argument == "--quiet" { terminal.quiet = true; continue }
            guard argument == "--lang" || argument.hasPrefix("--lang=") else { rest.append(argument); continue }
            var value = String(argument.dropFirst("--lang=".count))
            if argument == "--lang" {
                guard index < arguments.count else { throw UsageError("--lang attend fr ou en", en: "--lang needs fr or en") }
                value = arguments[index]
                index += 1
            }
            guard let language = Language(rawValue: value) else {
                throw UsageError("langue inconnue « \(Limits.quoted(value)) » (possibles : fr, en)", en: "unknown language \"\(Limits.quoted(value))\" (expected fr or en)")
            }
            terminal.language = language
        }
        return rest
    }

    private static func dispatch(_ arguments: [String], terminal: Terminal) throws(UsageError) -> Int32 {
        guard let name = arguments.first else {
            terminal.write(Help.text(for: nil, terminal.language))
            return ExitCode.success
        }
        let rest = Array(arguments.dropFirst())
        switch name {
        case "-h", "--help", "help":
            if let topic = rest.first, command(named: topic) == nil { throw unknownCommand(topic) }
            terminal.write(Help.text(for: rest.first, terminal.language))
            return ExitCode.success
        case "-V", "--version", "version":
            terminal.write("parcours \(version)\n")
            return ExitCode.success
        default:
            guard let type = command(named: name) else { throw unknownCommand(name) }
            let parsed = try ParsedArguments(rest, spec: type.spec)
            if parsed.wantsHelp {
                terminal.write(type.spec.help(in: terminal.language))
                return ExitCode.success
            }
            return try type.execute(parsed, terminal: terminal).get()
        }
    }

    static func command(named name: String) -> (any ParcoursCommand.Type)? {
        commands.first { $0.spec.name == name }
    }

    private static func unknownCommand(_ name: String) -> UsageError {
        let guess = Suggest.word(name, in: commands.map { $0.spec.name } + ["help"])
        return UsageError("commande inconnue « \(Limits.quoted(name)) »" + (guess.map { " (vouliez-vous dire « \(Limits.quoted($0)) » ?)" } ?? ""),
                          en: "unknown command \"\(Limits.quoted(name))\"" + (guess.map { " (did you mean \"\(Limits.quoted($0))\"?)" } ?? ""))
    }
}

extension ParcoursCLI {
    /// The engine over the rule set folders the options name, or the ones found (`RulesLocator`).
    static func engine(_ common: CommonOptions) throws(ParcoursError) -> Engine {
        guard let directory = RulesLocator.locate(explicit: common.rules) else {
            throw ParcoursError(.noRuleSet, Phrase("aucun jeu de règles trouvé", en: "no rule set found"),
                                hint: Phrase("passez --rules DOSSIER ou lancez depuis le dossier de Parcours", en: "pass --rules DIR or run from the Parcours folder"))
        }
        return Engine(rules: directory, scenarios: RulesLocator.locateScenarios(explicit: common.scenarios))
    }

    /// Runs a command's use case; an error is printed (its diagnostics, then the message and
    /// the hint; with `json`, also as the API's problem document on standard output) and gives
    /// its exit status.
    static func answering(_ terminal: Terminal, json: Bool = false, _ body: () throws(ParcoursError) -> Int32) -> Int32 {
        do {
            return try body()
        } catch {
            return report(error, terminal: terminal, json: json)
        }
    }

    /// Prints `error` and returns its exit status.
    static func report(_ error: ParcoursError, terminal: Terminal, json: Bool = false) -> Int32 {
        if !error.diagnostics.isEmpty { terminal.writeError(DiagnosticText.render(error.diagnostics, in: terminal.language)) }
        terminal.complain(error.message, hint: error.hint)
        if json { terminal.write(error.problem(in: terminal.language).rendered() + "\n") }
        return error.code.exitStatus
    }

    /// The rule set in force for a command (`--date`, today otherwise); nil with the exit code,
    /// the error printed, when it cannot be used.
    static func ruleSet(_ common: CommonOptions, terminal: Terminal) -> (RuleSet?, Int32) {
        do {
            return (try engine(common).ruleSet(on: common.date), ExitCode.success)
        } catch {
            return (nil, report(error, terminal: terminal))
        }
    }

    /// A person's file (standard input for `-`), read within the profile limit, or why it
    /// cannot be and what does not happen (`outcome`).
    static func input(_ path: String, terminal: Terminal, outcome: Phrase) throws(ParcoursError) -> SourceFile {
        do {
            return path == "-" ? SourceFile(path: "<stdin>", bytes: try terminal.readInput().get())
                               : try SourceFile.load(path, limit: Limits.profileBytes)
        } catch {
            throw .unreadable(error, outcome: outcome)
        }
    }

    /// The profile of `path`: a profile file, or with `from` another platform's diagnosis.
    static func profileInput(_ path: String, from: DiagnosisFormat?, terminal: Terminal) throws(ParcoursError) -> ProfileInput {
        guard let from else { return .file(try input(path, terminal: terminal, outcome: Phrase("pas de recommandation", en: "no recommendation"))) }
        return .diagnosis(try input(path, terminal: terminal, outcome: Phrase("pas d'import", en: "nothing imported")), from)
    }

    /// Shows the diagnosis reader's warnings (the import went on).
    static func showWarnings(_ imported: ImportAnswer?, terminal: Terminal) {
        guard let warnings = imported?.warnings, !warnings.isEmpty else { return }
        terminal.writeError(DiagnosticText.render(warnings, in: terminal.language))
    }

    /// A data·inclusion export, its problems reported (records skipped, never silently); nil
    /// when it cannot be read at all.
    static func serviceDirectory(_ path: String, terminal: Terminal) -> ServiceDirectory? {
        let (directory, diagnostics) = ServiceDirectoryReader.load(path: path)
        if !diagnostics.isEmpty { terminal.writeError(DiagnosticText.render(diagnostics, in: terminal.language)) }
        guard let directory else { return nil }
        if !diagnostics.isEmpty {
            terminal.writeError(terminal.say("parcours : \(path) : des enregistrements ont été ignorés (voir plus haut) ; \(directory.count) services lus\n",
                                             en: "parcours: \(path): some records were skipped (see above); \(directory.count) services read\n"))
        }
        return directory
    }

    /// Opens the corpus at `path` (`-`: standard input), or says why it cannot and gives nil.
    static func openCorpus(_ path: String, terminal: Terminal) -> LineReader? {
        do {
            return try LineReader(path: path)
        } catch {
            terminal.complain(error.phrase)
            return nil
        }
    }

    /// The blocks of a corpus, its CSV header read; nil when the header has errors (reported).
    static func blocks(_ lines: LineReader, path: String, decoder: inout CorpusDecoder, terminal: Terminal) -> BlockSource? {
        var errors: [Diagnostic] = []
        if let source = BlockSource.open(lines, path: path, decoder: &decoder, headerErrors: &errors) { return source }
        terminal.writeError(DiagnosticText.render(errors, in: terminal.language))
        terminal.writeError(terminal.say("parcours : l'en-tête CSV a des erreurs ; aucune ligne n'a été lue\n", en: "parcours: the CSV header has errors; no row was read\n"))
        return nil
    }
}
