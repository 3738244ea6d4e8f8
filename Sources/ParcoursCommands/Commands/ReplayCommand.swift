import Foundation
import ParcoursEngine

/// `parcours replay`: runs scheme cases as a regression suite.
enum ReplayCommand {
    static func run(_ options: ReplayOptions, terminal: Terminal) -> Int32 {
        let (loaded, diagnostics, code) = ParcoursCLI.loadRules(options.rules, scenarios: options.scenarios, date: options.date, terminal: terminal)
        guard let ruleSet = loaded else {
            if code == ExitCode.failure {
                terminal.writeError(DiagnosticText.render(diagnostics))
                terminal.writeError("parcours: the rule set has errors (\(DiagnosticText.summary(diagnostics))); run parcours check\n")
            }
            return code
        }
        let paths = options.paths.isEmpty ? ruleSet.schemes.map(\.directory) : options.paths
        let loadedCases = options.paths.isEmpty ? CaseLoader.loadAll(in: paths, ruleSet: ruleSet) : CaseLoader.load(paths: paths, ruleSet: ruleSet)
        if loadedCases.diagnostics.hasErrors {
            terminal.writeError(DiagnosticText.render(loadedCases.diagnostics))
            terminal.writeError("parcours: some case files do not load (\(DiagnosticText.summary(loadedCases.diagnostics)))\n")
            return ExitCode.usage
        }
        var cases = loadedCases.cases
        if let filter = options.filter?.lowercased() {
            cases = cases.filter { $0.name.lowercased().contains(filter) || $0.file.lowercased().contains(filter) }
        }
        let runner = CaseRunner(ruleSet: ruleSet)
        let results = cases.map(runner.run)
        terminal.write(ReplayText.render(results))
        if options.coverage {
            terminal.write(ReplayText.render(Coverage(results: results, ruleSet: ruleSet)))
        }
        if let junit = options.junit {
            do {
                try JUnitXML.render(results).write(toFile: junit, atomically: true, encoding: .utf8)
            } catch {
                terminal.writeError("parcours: cannot write \(junit): \(error.localizedDescription)\n")
                return ExitCode.failure
            }
        }
        return results.allSatisfy(\.passed) ? ExitCode.success : ExitCode.failure
    }
}
