import ParcoursBatch
import ParcoursEngine
import ParcoursRendering

/// `parcours explain PROFILE --rule ID | --scheme ID`: each condition with its value.
struct ExplainCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "explain", abstract: Phrase("Montre pourquoi une règle s'applique ou non (ou les critères d'un dispositif) pour un profil.", en: "Shows why a rule applies or not (or a scheme's criteria) for a profile."),
        discussion: Phrase("""
        Chaque condition de la règle, ou chaque critère du dispositif, avec sa valeur pour le profil :
        vrai, faux, ou inconnu avec les champs qui manquent.
        """, en: """
        Every condition of the rule, or every criterion of the scheme, with its value for the
        profile: true, false, or unknown with the fields that are missing.
        """),
        arguments: ArgumentsSpec("PROFILE", .one(missing: Phrase("explain attend un fichier de profil (ou - pour l'entrée standard)", en: "explain needs one profile file (or - for standard input)")),
                                 help: Phrase("un profil YAML ou JSON, ou - pour l'entrée standard", en: "a YAML or JSON profile, or - for standard input")),
        options: [OptionSpec("--rule", value: "ID", inSynopsis: false, help: Phrase("la règle à expliquer", en: "the rule to explain")),
                  OptionSpec("--scheme", value: "ID", inSynopsis: false, help: Phrase("le dispositif dont expliquer les critères", en: "the scheme whose criteria to explain"))]
            + CommonSpec.all + [CommonSpec.format],
        shape: "(--rule ID | --scheme ID)")

    let path: String
    let target: ExplainTarget
    let common: CommonOptions
    let format: OutputFormat

    init(_ arguments: ParsedArguments) throws(UsageError) {
        path = arguments.argument
        common = try arguments.common()
        format = arguments.outputFormat
        switch (arguments.value("--rule"), arguments.value("--scheme")) {
        case (let rule?, nil): target = .rule(rule)
        case (nil, let scheme?): target = .scheme(scheme)
        default: throw UsageError("explain attend --rule ID ou --scheme ID (l'un des deux)", en: "explain needs --rule ID or --scheme ID (one of them)")
        }
    }

    func run(terminal: Terminal) -> Int32 {
        ParcoursCLI.answering(terminal, json: format == .json) { () throws(ParcoursError) -> Int32 in
            let rules = try ParcoursCLI.engine(common).rules(on: common.date)
            let answer = try rules.explain(target, reading: { () throws(ParcoursError) -> ProfileInput in
                try ParcoursCLI.profileInput(path, from: nil, terminal: terminal)
            })
            switch format {
            case .json: terminal.write(ExplanationJSON.json(answer, ruleSet: rules.ruleSet).rendered() + "\n")
            case .text:
                switch answer {
                case .rule(let rule, let node): terminal.write(ExplanationText.render(rule: rule, node: node, ruleSet: rules.ruleSet))
                case .scheme(let scheme, let result, let criteria): terminal.write(ExplanationText.render(scheme: scheme, result: result, criteria: criteria, ruleSet: rules.ruleSet))
                }
            }
            return ExitCode.success
        }
    }
}
