import ParcoursBatch
import ParcoursEngine
import ParcoursRendering

/// `parcours recommend PROFILE`: the counsellor's next steps for one profile.
struct RecommendCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "recommend", abstract: Phrase("Lit un profil diagnostiqué et donne les prochaines étapes de la personne.", en: "Reads a diagnosed profile and prints the next steps for the person."),
        discussion: Phrase("""
        Commence par au plus cinq actions (urgentes d'abord), puis le parcours, les référents, les
        dispositifs à proposer, le plan par étape et au plus cinq questions. --detail ajoute la règle
        derrière chaque ligne, chaque critère et chaque question ; --format fiche imprime une fiche d'une
        page à remettre à la personne, sans ce qui est discret (violences, numéros d'aide) sauf avec
        --include-discreet ; --format json porte tout. Sortie 0 en cas de succès, 1 quand le
        jeu de règles ou le profil a des erreurs (affichées en chemin:ligne:col), 2 si la ligne de commande
        est fausse. Rien n'est enregistré ni journalisé.
        """, en: """
        Opens with at most five next actions (urgent first), then the route, the référents, the
        schemes to propose, the plan by stage and at most five questions. --detail adds the rule
        behind each line, every criterion and question; --format fiche prints a one-page sheet to
        hand to the person, without what is discreet (violence, helplines) unless --include-discreet;
        --format json carries everything. Exit 0 on success, 1 when the rule set or the profile has errors
        (printed as path:line:col), 2 on a wrong command line. Nothing is stored or logged.
        """),
        arguments: ArgumentsSpec("PROFILE", .one(missing: Phrase("recommend attend un fichier de profil (ou - pour l'entrée standard)", en: "recommend needs a profile file (or - for standard input)")),
                                 help: Phrase("un profil YAML ou JSON, ou - pour l'entrée standard", en: "a YAML or JSON profile, or - for standard input")),
        options: CommonSpec.all + [OptionSpec("--format", choices: RecommendFormat.allCases.map(\.rawValue), help: Phrase("format de sortie (par défaut : text)", en: "output format (default: text)")),
                                   OptionSpec("--from", choices: DiagnosisFormat.allCases.map(\.rawValue),
                                              help: Phrase("PROFILE est un diagnostic de cette plateforme, importé par Rules/imports/", en: "PROFILE is a diagnosis from this platform, imported through Rules/imports/")),
                                   OptionSpec("--services", value: "FILE",
                                              help: Phrase("un export data·inclusion (structures et services) : jusqu'à 3 services proches par étape", en: "a data·inclusion export (structures and services): up to 3 nearby services per step")),
                                   OptionSpec("--detail", help: Phrase("montre les règles, les critères et toutes les questions derrière le conseil", en: "show the rules, criteria and every question behind the advice")),
                                   OptionSpec("--include-discreet", help: Phrase("avec --format fiche : imprime aussi ce qui est tenu hors de la fiche (violences, numéros d'aide)", en: "with --format fiche: also print what is kept off the sheet (violence, helplines)"))])

    let profile: String
    let common: CommonOptions
    let format: RecommendFormat
    let detail: Bool
    let from: DiagnosisFormat?
    let services: String?
    let includeDiscreet: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        profile = arguments.argument
        common = try arguments.common()
        format = arguments.value("--format").flatMap(RecommendFormat.init(rawValue:)) ?? .text
        detail = arguments.flag("--detail")
        from = arguments.value("--from").flatMap(DiagnosisFormat.init(rawValue:))
        services = arguments.value("--services")
        includeDiscreet = arguments.flag("--include-discreet")
    }

    func run(terminal: Terminal) -> Int32 {
        ParcoursCLI.answering(terminal, json: format == .json) { () throws(ParcoursError) -> Int32 in
            let engine = try ParcoursCLI.engine(common)
            let rules = try engine.rules(on: common.date)
            var directory: ServiceDirectory?
            if let services {
                guard let loaded = ParcoursCLI.serviceDirectory(services, terminal: terminal) else { return ExitCode.failure }
                directory = loaded
            }
            let answer = try rules.recommend(try ParcoursCLI.profileInput(profile, from: from, terminal: terminal), services: directory)
            ParcoursCLI.showWarnings(answer.imported, terminal: terminal)
            if answer.servicesWithoutDepartment {
                terminal.inform("parcours : département de la personne inconnu (department) : seuls les services ouverts à toute la France sont proposés\n",
                                en: "parcours: the person's département is unknown (department): only services open to all of France are listed\n")
            }
            let vocabulary = rules.ruleSet.vocabulary
            let importLines = answer.imported.map { ImportText.render($0.result, vocabulary: vocabulary, language: terminal.language).joined(separator: "\n") + "\n\n" } ?? ""
            switch format {
            case .text: terminal.write(importLines + RecommendationText.render(answer.recommendation, detail: detail))
            case .fiche:
                if !importLines.isEmpty { terminal.writeError(importLines) }
                terminal.write(PersonSheet.render(answer.sheet(includeDiscreet: includeDiscreet)))
            case .json: terminal.write(String(decoding: answer.jsonBytes, as: UTF8.self) + "\n")
            }
            return ExitCode.success
        }
    }
}

/// The output formats of `recommend`: the counsellor's text, the person's sheet, the JSON contract.
enum RecommendFormat: String, CaseIterable {
    case text, fiche, json
}
