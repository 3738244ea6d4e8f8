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
        case .explain(let profile, let target, let common, let format):
            return ExplainCommand.run(profile: profile, target: target, common: common, format: format, terminal: terminal)
        case .sample(let count, let seed, let rules):
            return SampleCommand.run(count: count, seed: seed, rules: rules, terminal: terminal)
        case .diff(let options):
            return DiffCommand.run(options, terminal: terminal)
        case .docs(let out, let common):
            return DocsCommand.run(out: out, common: common, terminal: terminal)
        case .batch(let options):
            return BatchCommand.run(options, terminal: terminal)
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

extension ParcoursCLI {
    /// Loads the rule set for a command, printing its errors; nil with the exit code otherwise.
    static func ruleSet(_ common: CommonOptions, terminal: Terminal) -> (RuleSet?, Int32) {
        let (loaded, diagnostics, code) = loadRules(common.rules, scenarios: common.scenarios, date: common.date, terminal: terminal)
        if loaded == nil, code == ExitCode.failure {
            terminal.writeError(DiagnosticText.render(diagnostics))
            terminal.writeError("parcours: the rule set has errors (\(DiagnosticText.summary(diagnostics))); run parcours check\n")
        }
        return (loaded, code)
    }

    /// Reads and types a profile file (or standard input for `-`), printing its errors.
    static func profile(_ path: String, ruleSet: RuleSet, terminal: Terminal) -> Profile? {
        let file: SourceFile
        if path == "-" {
            file = SourceFile(path: "<stdin>", bytes: terminal.readInput())
        } else if let read = SourceFile.read(path) {
            file = read
        } else {
            terminal.writeError("parcours: cannot read profile \(path)\n")
            return nil
        }
        let result = ProfileLoader.load(file, vocabulary: ruleSet.vocabulary)
        guard let profile = result.profile else {
            terminal.writeError(DiagnosticText.render(result.diagnostics))
            terminal.writeError("parcours: the profile has errors (\(DiagnosticText.summary(result.diagnostics))); no recommendation\n")
            return nil
        }
        return profile
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
        let (loaded, code) = ParcoursCLI.ruleSet(CommonOptions(rules: rules, scenarios: scenarios, date: date), terminal: terminal)
        guard let ruleSet = loaded else { return code }
        guard let profile = ParcoursCLI.profile(path, ruleSet: ruleSet, terminal: terminal) else { return ExitCode.failure }
        let recommendation = Evaluator(ruleSet: ruleSet).recommend(profile)
        switch format {
        case .text: terminal.write(RecommendationText.render(recommendation))
        case .json: terminal.write(recommendation.json.rendered() + "\n")
        }
        return ExitCode.success
    }
}

/// `parcours explain PROFILE --rule ID | --scheme ID`: each condition with its value.
enum ExplainCommand {
    static func run(profile path: String, target: ExplainTarget, common: CommonOptions, format: OutputFormat, terminal: Terminal) -> Int32 {
        let (loaded, code) = ParcoursCLI.ruleSet(common, terminal: terminal)
        guard let ruleSet = loaded else { return code }
        let explainer = Explainer(ruleSet: ruleSet)
        switch target {
        case .rule(let id):
            guard let rule = ruleSet.rule(id) else {
                let hint = Spelling.hint(for: id, in: ruleSet.rules.map(\.id)).map { " (\($0))" } ?? ""
                terminal.writeError("parcours: no rule \"\(id)\" in force on \(ruleSet.date)\(hint)\n")
                return ExitCode.usage
            }
            guard let profile = ParcoursCLI.profile(path, ruleSet: ruleSet, terminal: terminal) else { return ExitCode.failure }
            let node = explainer.explain(rule, for: profile)
            switch format {
            case .text: terminal.write(ExplanationText.render(rule: rule, node: node))
            case .json:
                terminal.write(explainer.json(rule: rule, node: node).rendered() + "\n")
            }
        case .scheme(let id):
            guard let scheme = ruleSet.scheme(id) else {
                let hint = Spelling.hint(for: id, in: ruleSet.schemes.map(\.id)).map { " (\($0))" } ?? ""
                terminal.writeError("parcours: no scheme \"\(id)\"\(hint)\n")
                return ExitCode.usage
            }
            guard let profile = ParcoursCLI.profile(path, ruleSet: ruleSet, terminal: terminal) else { return ExitCode.failure }
            let criteria = explainer.explain(scheme, for: profile)
            let result = Evaluator(ruleSet: ruleSet).schemeResult(scheme, for: profile.withDefaults(from: ruleSet.vocabulary))
            switch format {
            case .text: terminal.write(ExplanationText.render(scheme: scheme, result: result, criteria: criteria))
            case .json:
                terminal.write(explainer.json(scheme: scheme, result: result, criteria: criteria).rendered() + "\n")
            }
        }
        return ExitCode.success
    }
}
