import ParcoursEngine

/// The `parcours` command line: parses arguments, runs a command, returns the exit code.
public enum ParcoursCLI {
    public static let version = "0.1.0"

    public static func run(_ arguments: [String], terminal: Terminal = .standard) -> Int32 {
        let command: ParsedCommand
        do {
            command = try ArgumentParser.parse(arguments)
        } catch {
            terminal.writeError("parcours: \(error.message)\n\n" + Help.usage)
            return ExitCode.usage
        }
        switch command {
        case .help(let topic):
            terminal.write(Help.text(for: topic))
            return ExitCode.success
        case .version:
            terminal.write("parcours \(version)\n")
            return ExitCode.success
        case .check(let rules, let scenarios, let date, let strict):
            return CheckCommand.run(rules: rules, scenarios: scenarios, date: date, strict: strict, terminal: terminal)
        case .recommend(let profile, let rules, let scenarios, let format, let date):
            return RecommendCommand.run(profile: profile, rules: rules, scenarios: scenarios, format: format, date: date, terminal: terminal)
        case .replay(let options):
            return ReplayCommand.run(options, terminal: terminal)
        }
    }

    /// Loads the rule set, printing its diagnostics; nil (with the exit code) when it cannot be used.
    static func loadRules(_ explicit: String?, scenarios: String?, date: String?, terminal: Terminal) -> (RuleSet?, [Diagnostic], Int32) {
        guard let directory = RulesLocator.locate(explicit: explicit) else {
            terminal.writeError("parcours: no rule set found; pass --rules DIR or run from the Parcours folder\n")
            return (nil, [], ExitCode.usage)
        }
        let result = RuleSetLoader.load(directory: directory, scenarios: RulesLocator.locateScenarios(explicit: scenarios), date: date)
        return (result.ruleSet, result.diagnostics, result.ruleSet == nil ? ExitCode.failure : ExitCode.success)
    }
}

/// `parcours check`: validates the rule set and reports every problem.
enum CheckCommand {
    static func run(rules: String?, scenarios: String?, date: String?, strict: Bool, terminal: Terminal) -> Int32 {
        let (ruleSet, loadDiagnostics, code) = ParcoursCLI.loadRules(rules, scenarios: scenarios, date: date, terminal: terminal)
        var diagnostics = loadDiagnostics
        if code == ExitCode.usage { return code }
        var cases = 0
        if let ruleSet {
            // Case files are checked too, against the loaded rule set.
            let loaded = CaseLoader.loadAll(in: ruleSet.schemes.map(\.directory), ruleSet: ruleSet)
            diagnostics = (diagnostics + loaded.diagnostics + DeepAnalysis(ruleSet: ruleSet).run()).sorted()
            cases = loaded.cases.count
        }
        if strict {
            diagnostics = diagnostics.map { var strict = $0; strict.severity = .error; return strict }
        }
        terminal.write(DiagnosticText.render(diagnostics))
        if let ruleSet, !diagnostics.hasErrors {
            terminal.write("ok: \(ruleSet.rules.count) rules, \(ruleSet.facts.count) facts, \(ruleSet.schemes.count) schemes, \(cases) cases, \(ruleSet.catalogue.entries.count) catalogue entries, \(ruleSet.vocabulary.fields.count) fields; \(DiagnosticText.summary(diagnostics))\n")
            terminal.write("fingerprint: \(ruleSet.fingerprint) (rules in force on \(ruleSet.date))\n")
            return ExitCode.success
        }
        terminal.write("\(DiagnosticText.summary(diagnostics))\n")
        return ExitCode.failure
    }
}

/// `parcours recommend PROFILE`: the counsellor's next steps for one profile.
enum RecommendCommand {
    static func run(profile path: String, rules: String?, scenarios: String?, format: OutputFormat, date: String?, terminal: Terminal) -> Int32 {
        let (loaded, diagnostics, code) = ParcoursCLI.loadRules(rules, scenarios: scenarios, date: date, terminal: terminal)
        guard let ruleSet = loaded else {
            if code == ExitCode.failure {
                terminal.writeError(DiagnosticText.render(diagnostics))
                terminal.writeError("parcours: the rule set has errors (\(DiagnosticText.summary(diagnostics))); run parcours check\n")
            }
            return code
        }
        let file: SourceFile
        if path == "-" {
            file = SourceFile(path: "<stdin>", bytes: terminal.readInput())
        } else if let read = SourceFile.read(path) {
            file = read
        } else {
            terminal.writeError("parcours: cannot read profile \(path)\n")
            return ExitCode.failure
        }
        let result = ProfileLoader.load(file, vocabulary: ruleSet.vocabulary)
        guard let profile = result.profile else {
            terminal.writeError(DiagnosticText.render(result.diagnostics))
            terminal.writeError("parcours: the profile has errors (\(DiagnosticText.summary(result.diagnostics))); no recommendation\n")
            return ExitCode.failure
        }
        let recommendation = Evaluator(ruleSet: ruleSet).recommend(profile)
        switch format {
        case .text: terminal.write(RecommendationText.render(recommendation))
        case .json: terminal.write(RecommendationJSON.render(recommendation))
        }
        return ExitCode.success
    }
}
