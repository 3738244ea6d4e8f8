import ParcoursEngine

/// `parcours recommend PROFILE`: the counsellor's next steps for one profile.
struct RecommendCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "recommend", abstract: "Reads a diagnosed profile and prints the next steps for the person.",
        discussion: """
        With the rule behind each: the route, the référent, the steps by stage, the schemes and the
        questions still to ask. Exit 0 on success, 1 when the rule set or the profile has errors
        (printed as path:line:col), 2 on a wrong command line. Nothing is stored or logged.
        """,
        arguments: ArgumentsSpec("PROFILE", .one(missing: "recommend needs a profile file (or - for standard input)"),
                                 help: "a YAML or JSON profile, or - for standard input"),
        options: CommonSpec.all + [CommonSpec.format])

    let profile: String
    let common: CommonOptions
    let format: OutputFormat

    init(_ arguments: ParsedArguments) throws(UsageError) {
        profile = arguments.argument
        common = try arguments.common()
        format = arguments.outputFormat
    }

    func run(terminal: Terminal) -> Int32 {
        let (loaded, code) = ParcoursCLI.ruleSet(common, terminal: terminal)
        guard let ruleSet = loaded else { return code }
        guard let profile = ParcoursCLI.profile(profile, ruleSet: ruleSet, terminal: terminal) else { return ExitCode.failure }
        let recommendation = Evaluator(ruleSet: ruleSet).recommend(profile)
        switch format {
        case .text: terminal.write(RecommendationText.render(recommendation))
        case .json: terminal.write(String(decoding: recommendation.jsonBytes, as: UTF8.self) + "\n")
        }
        return ExitCode.success
    }
}
