import Foundation
import ParcoursBatch
import ParcoursEngine
import ParcoursRendering

/// `parcours replay`: runs scheme cases as a regression suite.
struct ReplayCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "replay", abstract: Phrase("Rejoue les cas des dispositifs comme une suite de non-régression.", en: "Replays scheme cases as a regression suite."),
        discussion: Phrase("""
        Joue Scenarios/<dispositif>/cases/*.yaml et Rules/cases/*.yaml (ou les fichiers et dossiers
        donnés) : une ligne par cas, et pour un échec l'étape, ce qui était attendu et ce qui est venu.
        Sortie 0 quand tout passe, 1 en cas d'échec, quand aucun cas n'est trouvé ou quand la sortie
        ne peut être écrite, 2 quand un fichier de cas ne se charge pas.
        """, en: """
        Runs Scenarios/<scheme>/cases/*.yaml and Rules/cases/*.yaml (or the files and folders given): one line per case,
        and for a failure the step, what was expected and what came.
        Exit 0 when all pass, 1 on a failure, when no case is found or when the output cannot be
        written, 2 when a case file does not load.
        """),
        arguments: ArgumentsSpec("PATH", .any, help: Phrase("fichiers ou dossiers de cas (par défaut : les cas de tous les dispositifs)", en: "case files or folders (default: every scheme's cases)")),
        options: [OptionSpec("--filter", value: "TEXT", help: Phrase("garde les cas dont le nom ou le fichier contient TEXT", en: "keep the cases whose name or file contains TEXT")),
                  OptionSpec("--junit", value: "FILE", help: Phrase("écrit aussi les résultats en XML JUnit (- pour la sortie standard, au lieu du texte)", en: "also write the results as JUnit XML (- for standard output, instead of the text)")),
                  OptionSpec("--coverage", help: Phrase("liste les règles et critères qu'aucun cas n'exerce", en: "list the rules and criteria no case exercises"))] + CommonSpec.all)

    let options: ReplayOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        let common = try arguments.common()
        options = ReplayOptions(paths: arguments.positionals, rules: common.rules, scenarios: common.scenarios, filter: arguments.value("--filter"),
                                junit: arguments.value("--junit"), coverage: arguments.flag("--coverage"), date: common.date)
    }

    func run(terminal: Terminal) -> Int32 {
        let engine: Engine, ruleSet: RuleSet
        do {
            engine = try ParcoursCLI.engine(CommonOptions(rules: options.rules, scenarios: options.scenarios, date: options.date))
            ruleSet = try engine.ruleSet(on: options.date)
        } catch {
            return ParcoursCLI.report(error, terminal: terminal)
        }
        let paths = options.paths.isEmpty ? engine.caseFolders(ruleSet) : options.paths
        let loadedCases = options.paths.isEmpty ? CaseLoader.loadAll(in: paths, ruleSet: ruleSet) : CaseLoader.load(paths: paths, ruleSet: ruleSet)
        if loadedCases.diagnostics.hasErrors {
            terminal.writeError(DiagnosticText.render(loadedCases.diagnostics, in: terminal.language))
            terminal.writeError(terminal.say("parcours : des fichiers de cas ne se chargent pas (\(DiagnosticText.summary(loadedCases.diagnostics, in: terminal.language)))\n",
                                             en: "parcours: some case files do not load (\(DiagnosticText.summary(loadedCases.diagnostics, in: terminal.language)))\n"))
            return ExitCode.usage
        }
        var cases = loadedCases.cases
        if cases.isEmpty {
            let places = paths.joined(separator: ", ")
            terminal.complain(Phrase("aucun cas trouvé dans \(places) : rien n'a été rejoué", en: "no case found in \(places): nothing was replayed"),
                              hint: Phrase("donnez un dossier qui contient des fichiers de cas .yaml, ou des fichiers de cas", en: "give a folder holding .yaml case files, or case files"))
            return ExitCode.failure
        }
        if let filter = options.filter?.lowercased() {
            cases = cases.filter { $0.name.lowercased().contains(filter) || $0.file.lowercased().contains(filter) }
            if cases.isEmpty {
                terminal.complain(Phrase("aucun cas ne correspond à --filter « \(options.filter ?? "") » : rien n'a été rejoué", en: "no case matches --filter \"\(options.filter ?? "")\": nothing was replayed"),
                                  hint: Phrase("le filtre cherche dans le nom du cas et le chemin de son fichier", en: "the filter looks in the case's name and its file's path"))
                return ExitCode.failure
            }
        }
        // The JUnit file is opened (refused when it is an input) before anything is replayed.
        var junitFile: OutputFile?
        if let junit = options.junit, junit != "-" {
            let common = CommonOptions(rules: options.rules, scenarios: options.scenarios)
            guard let file = ParcoursCLI.openOutput(junit, inputs: loadedCases.cases.map(\.file) + options.paths, common: common, terminal: terminal) else {
                return ExitCode.failure
            }
            junitFile = file
        }
        let results: [CaseResult]
        do {
            results = try engine.replay(cases, on: options.date)
        } catch {
            junitFile?.discard()
            return ParcoursCLI.report(error, terminal: terminal)
        }
        // With `--junit -` the XML is the standard output; the text goes to standard error.
        let report = options.junit == "-" ? terminal.writeError : terminal.write
        report(ReplayText.render(results, in: terminal.language, quiet: terminal.quiet))
        if options.coverage {
            report(ReplayText.render(Coverage(results: results, ruleSet: ruleSet), in: terminal.language))
        }
        if let junit = options.junit {
            let xml = JUnitXML.render(results, in: terminal.language)
            if junit == "-" {
                terminal.write(xml)
            } else if let file = junitFile {
                file.write(xml)
                if let error = file.commit() {
                    terminal.complain(error.message, hint: error.hint)
                    return ExitCode.failure
                }
            }
        }
        return results.allSatisfy(\.passed) ? ExitCode.success : ExitCode.failure
    }
}
