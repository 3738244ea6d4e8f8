import ParcoursBatch
import ParcoursEngine
import ParcoursRendering

/// `parcours check`: validates the rule set and reports every problem.
struct CheckCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "check", abstract: Phrase("Vérifie tout le jeu de règles et signale chaque problème.", en: "Validates the whole rule set and reports every problem."),
        discussion: Phrase("""
        Chaque problème s'affiche ainsi : chemin:ligne:col: erreur|avertissement[code] : message, avec
        un conseil. Au-delà du chargement : contradictions, conflits, règles masquées, profils sans
        parcours, entrées inutilisées. Le jeu de règles est aussi vérifié à chaque date où ce qui est en
        vigueur change (valid_from, lendemain d'un valid_until) et la veille : un problème de ces
        jours-là seulement nomme ses dates. Sortie 0 sans erreur, 1 s'il y a des erreurs, 2 si la
        ligne de commande est fausse.
        """, en: """
        Problems are printed as path:line:col: error|warning[code]: message, with a hint. Beyond
        loading: contradictions, conflicts, shadowed rules, profiles with no route, unused entries.
        The rule set is also checked on each day what is in force changes (valid_from, the day after
        a valid_until) and the day before: a problem of those days only names its dates.
        Exit 0 when there is no error, 1 when there are errors, 2 on a wrong command line.
        """),
        options: CommonSpec.all + [OptionSpec("--format", choices: CheckFormat.allCases.map(\.rawValue),
                                              help: Phrase("format de sortie : text, json, ou sarif (SARIF 2.1.0, pour les éditeurs et la relecture de code)",
                                                           en: "output format: text, json, or sarif (SARIF 2.1.0, for editors and code review)")),
                                   OptionSpec("--sources", value: "DIR[:DIR...]",
                                              help: Phrase("vérifie aussi chaque passage « … » cité contre les documents sources de ces dossiers",
                                                           en: "also check each quoted « … » passage against the source documents in these folders")),
                                   OptionSpec("--strict", help: Phrase("compte les avertissements comme des erreurs", en: "count warnings as errors"))])

    let common: CommonOptions
    let strict: Bool
    let format: CheckFormat
    /// The folders of source documents (`--sources A:B`).
    let sources: [String]

    init(_ arguments: ParsedArguments) throws(UsageError) {
        common = try arguments.common()
        strict = arguments.flag("--strict")
        format = arguments.value("--format").flatMap(CheckFormat.init(rawValue:)) ?? .text
        sources = (arguments.value("--sources") ?? "").split(separator: ":").map(String.init)
    }

    func run(terminal: Terminal) -> Int32 {
        ParcoursCLI.answering(terminal) { () throws(ParcoursError) -> Int32 in
            let answer = try ParcoursCLI.engine(common).check(on: common.date, sources: sources)
            var diagnostics = answer.diagnostics
            if strict {
                diagnostics = diagnostics.map { var strict = $0; strict.severity = .error; return strict }
            }
            let passed = answer.ruleSet != nil && !diagnostics.hasErrors
            let report = CheckReport(diagnostics: diagnostics, ruleSet: answer.ruleSet.map { ($0, answer.cases.count) })
            switch format {
            case .text: break
            case .json:
                terminal.write(report.json(in: terminal.language).rendered() + "\n")
                return passed ? ExitCode.success : ExitCode.failure
            case .sarif:
                terminal.write(report.sarif(in: terminal.language, version: ParcoursCLI.version).rendered() + "\n")
                return passed ? ExitCode.success : ExitCode.failure
            }
            terminal.write(DiagnosticText.render(diagnostics, in: terminal.language))
            if let ruleSet = answer.ruleSet, passed {
                let summary = DiagnosticText.summary(diagnostics, in: terminal.language)
                let cases = answer.cases.count
                terminal.write(terminal.say(
                    "ok : \(ruleSet.rules.count) règles, \(ruleSet.facts.count) faits, \(ruleSet.schemes.count) dispositifs, \(cases) cas, \(ruleSet.catalogue.entries.count) entrées du catalogue, \(ruleSet.vocabulary.fields.count) champs ; \(summary)\n",
                    en: "ok: \(ruleSet.rules.count) rules, \(ruleSet.facts.count) facts, \(ruleSet.schemes.count) schemes, \(cases) cases, \(ruleSet.catalogue.entries.count) catalogue entries, \(ruleSet.vocabulary.fields.count) fields; \(summary)\n"))
                terminal.write(terminal.say("empreinte : \(ruleSet.fingerprint) (règles en vigueur le \(ruleSet.date))\n",
                                            en: "fingerprint: \(ruleSet.fingerprint) (rules in force on \(ruleSet.date))\n"))
                return ExitCode.success
            }
            terminal.write("\(DiagnosticText.summary(diagnostics, in: terminal.language))\n")
            return ExitCode.failure
        }
    }
}

/// The output formats of `check`: text for people, JSON for scripts, SARIF for editors and code review.
enum CheckFormat: String, CaseIterable {
    case text, json, sarif
}
