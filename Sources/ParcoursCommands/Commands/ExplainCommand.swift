import ParcoursEngine

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
        let (loaded, code) = ParcoursCLI.ruleSet(common, terminal: terminal)
        guard let ruleSet = loaded else { return code }
        let explainer = Explainer(ruleSet: ruleSet)
        switch target {
        case .rule(let id):
            guard let rule = ruleSet.rule(id) else {
                let hint = Spelling.hint(for: id, in: ruleSet.rules.map(\.id)).map { " (\($0.text(terminal.language)))" } ?? ""
                terminal.writeError(terminal.say("parcours : aucune règle « \(id) » en vigueur le \(ruleSet.date)\(hint)\n", en: "parcours: no rule \"\(id)\" in force on \(ruleSet.date)\(hint)\n"))
                return ExitCode.usage
            }
            guard let profile = ParcoursCLI.profile(path, ruleSet: ruleSet, terminal: terminal, json: format == .json) else { return ExitCode.failure }
            let node = explainer.explain(rule, for: profile)
            switch format {
            case .text: terminal.write(ExplanationText.render(rule: rule, node: node))
            case .json:
                terminal.write(explainer.json(rule: rule, node: node).rendered() + "\n")
            }
        case .scheme(let id):
            guard let scheme = ruleSet.scheme(id) else {
                let hint = Spelling.hint(for: id, in: ruleSet.schemes.map(\.id)).map { " (\($0.text(terminal.language)))" } ?? ""
                terminal.writeError(terminal.say("parcours : aucun dispositif « \(id) »\(hint)\n", en: "parcours: no scheme \"\(id)\"\(hint)\n"))
                return ExitCode.usage
            }
            guard let profile = ParcoursCLI.profile(path, ruleSet: ruleSet, terminal: terminal, json: format == .json) else { return ExitCode.failure }
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
