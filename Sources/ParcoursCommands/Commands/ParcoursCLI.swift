import ParcoursEngine

/// The `parcours` command line: finds the command, parses its arguments from its declaration,
/// runs it, returns the exit code.
public enum ParcoursCLI {
    public static let version = "0.2.0"
    /// The day this version was set (the manual page's date: fixed, so the page is reproducible).
    public static let releaseDate = "2026-12-01"

    /// Every command, in the order the help lists them.
    public static let commands: [any ParcoursCommand.Type] = [
        RecommendCommand.self, CheckCommand.self, ReplayCommand.self, ExplainCommand.self, SampleCommand.self,
        DiffCommand.self, BatchCommand.self, ImportCommand.self, DocsCommand.self, ServeCommand.self, SchemaCommand.self, CompletionsCommand.self, ManCommand.self,
    ]

    public static func run(_ arguments: [String], terminal given: Terminal = .standard) -> Int32 {
        var terminal = given
        do {
            let arguments = try globalOptions(in: arguments, terminal: &terminal)
            return try dispatch(arguments, terminal: terminal)
        } catch {
            terminal.complain(error.message)
            terminal.writeError("\n" + Help.usage(terminal.language))
            return ExitCode.usage
        }
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
                throw UsageError("langue inconnue « \(value) » (possibles : fr, en)", en: "unknown language \"\(value)\" (expected fr or en)")
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
        return UsageError("commande inconnue « \(name) »" + (guess.map { " (vouliez-vous dire « \($0) » ?)" } ?? ""),
                          en: "unknown command \"\(name)\"" + (guess.map { " (did you mean \"\($0)\"?)" } ?? ""))
    }

    /// Loads the rule set, printing its diagnostics; nil (with the exit code) when it cannot be used.
    static func loadRules(_ explicit: String?, scenarios: String?, date: String?, terminal: Terminal) -> (RuleSet?, [Diagnostic], Int32) {
        guard let directory = RulesLocator.locate(explicit: explicit) else {
            terminal.writeError(terminal.say("parcours : aucun jeu de règles trouvé ; passez --rules DOSSIER ou lancez depuis le dossier de Parcours\n",
                                             en: "parcours: no rule set found; pass --rules DIR or run from the Parcours folder\n"))
            return (nil, [], ExitCode.usage)
        }
        let result = RuleSetLoader.load(directory: directory, scenarios: RulesLocator.locateScenarios(explicit: scenarios), date: date)
        return (result.ruleSet, result.diagnostics, result.ruleSet == nil ? ExitCode.failure : ExitCode.success)
    }
}

extension ParcoursCLI {
    /// The folders whose `cases/` hold the shipped cases: each scheme's, then the rule set's own
    /// (`Rules/cases/`, the counsellors' review suite).
    static func caseFolders(_ ruleSet: RuleSet, rules: String?) -> [String] {
        ruleSet.schemes.map(\.directory) + (RulesLocator.locate(explicit: rules).map { [$0] } ?? [])
    }

    /// Replays cases, each with the rule set of its own date (`date:`), `ruleSet` otherwise.
    static func replay(_ cases: [ScenarioCase], ruleSet: RuleSet, rules: String?, scenarios: String?) -> [CaseResult] {
        guard cases.contains(where: { $0.date != nil && $0.date != ruleSet.date }), let directory = RulesLocator.locate(explicit: rules) else {
            let runner = CaseRunner(ruleSet: ruleSet)
            return cases.map(runner.run)
        }
        let files = RuleSetFiles.read(directory: directory, scenarios: RulesLocator.locateScenarios(explicit: scenarios))
        return DatedReplay(ruleSet: ruleSet, files: files).run(cases)
    }

    /// Loads the rule set for a command, printing its errors; nil with the exit code otherwise.
    static func ruleSet(_ common: CommonOptions, terminal: Terminal) -> (RuleSet?, Int32) {
        let (loaded, diagnostics, code) = loadRules(common.rules, scenarios: common.scenarios, date: common.date, terminal: terminal)
        if loaded == nil, code == ExitCode.failure {
            terminal.writeError(DiagnosticText.render(diagnostics, in: terminal.language))
            terminal.writeError(terminal.say("parcours : le jeu de règles a des erreurs (\(DiagnosticText.summary(diagnostics, in: terminal.language))) ; lancez parcours check\n",
                                             en: "parcours: the rule set has errors (\(DiagnosticText.summary(diagnostics, in: terminal.language))); run parcours check\n"))
        }
        return (loaded, code)
    }

    /// A person's file (standard input for `-`), read within the profile limit; when it cannot
    /// be read, says why and what does not happen (`outcome`), with `json` also as a problem document.
    private static func input(_ path: String, terminal: Terminal, json: Bool, outcome: Phrase) -> SourceFile? {
        do {
            return path == "-" ? SourceFile(path: "<stdin>", bytes: try terminal.readInput().get())
                               : try SourceFile.load(path, limit: Limits.profileBytes)
        } catch {
            terminal.writeError(terminal.say("parcours : \(error.phrase.fr) ; \(outcome.fr)\n", en: "parcours: \(error.description); \(outcome.en)\n"))
            if json { terminal.write(ProblemJSON.object(code: DiagnosticCode.unreadableFile.rawValue, detail: error.phrase, in: terminal.language).rendered() + "\n") }
            return nil
        }
    }

    /// Reads and types a profile file (or standard input for `-`), printing its errors; with
    /// `json`, also as a problem document on standard output (the API's `invalid-profile`).
    static func profile(_ path: String, ruleSet: RuleSet, terminal: Terminal, json: Bool = false) -> Profile? {
        func problem(_ value: JSONValue) { if json { terminal.write(value.rendered() + "\n") } }
        guard let file = input(path, terminal: terminal, json: json, outcome: Phrase("pas de recommandation", en: "no recommendation")) else { return nil }
        let result = ProfileLoader.load(file, vocabulary: ruleSet.vocabulary)
        guard let profile = result.profile else {
            terminal.writeError(DiagnosticText.render(result.diagnostics, in: terminal.language))
            let summary = DiagnosticText.summary(result.diagnostics, in: terminal.language)
            terminal.writeError(terminal.say("parcours : le profil a des erreurs (\(summary)) ; pas de recommandation\n",
                                             en: "parcours: the profile has errors (\(summary)); no recommendation\n"))
            problem(ProblemJSON.invalidProfile(result.diagnostics, in: terminal.language))
            return nil
        }
        return profile
    }

    /// Reads a diagnosis in `format` from `path` (`-`: standard input) and maps it to a profile
    /// with the rule set's `imports/` mapping; errors are reported (and, with `json`, written as
    /// the API's problem document), the reader's warnings shown.
    static func importDiagnosis(_ path: String, format: DiagnosisFormat, ruleSet: RuleSet, terminal: Terminal, json: Bool = false) -> ImportResult? {
        func problem(_ value: JSONValue) { if json { terminal.write(value.rendered() + "\n") } }
        guard let mapping = ruleSet.importMapping(format) else {
            let message = Phrase("le jeu de règles n'a pas de correspondance pour \(format.rawValue) (imports/\(format.fileName))",
                                 en: "the rule set has no mapping for \(format.rawValue) (imports/\(format.fileName))")
            terminal.complain(message, hint: Phrase("ajoutez imports/\(format.fileName) au dossier de règles (voir le guide des auteurs)", en: "add imports/\(format.fileName) to the rule set folder (see the authors' guide)"))
            problem(ProblemJSON.object(code: DiagnosticCode.missingFile.rawValue, detail: message, in: terminal.language))
            return nil
        }
        guard let file = input(path, terminal: terminal, json: json, outcome: Phrase("pas d'import", en: "nothing imported")) else { return nil }
        let read = DiagnosisReader.read(file, format: format)
        if !read.diagnostics.isEmpty { terminal.writeError(DiagnosticText.render(read.diagnostics, in: terminal.language)) }
        guard let diagnosis = read.diagnosis else {
            let summary = DiagnosticText.summary(read.diagnostics, in: terminal.language)
            terminal.writeError(terminal.say("parcours : le diagnostic a des erreurs (\(summary)) ; pas d'import\n", en: "parcours: the diagnosis has errors (\(summary)); nothing imported\n"))
            problem(ProblemJSON.invalidProfile(read.diagnostics, in: terminal.language))
            return nil
        }
        return DiagnosisImport.apply(diagnosis, mapping: mapping, vocabulary: ruleSet.vocabulary)
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
}
