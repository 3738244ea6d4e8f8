import ParcoursEngine

/// `parcours sample --count N --seed S`: invented profiles as JSON lines.
struct SampleCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "sample", abstract: Phrase("Écrit des profils inventés, en lignes JSON.", en: "Writes invented profiles as JSON lines."),
        discussion: Phrase("Les mêmes profils pour la même graine, avec les proportions décrites dans le README.", en: "The same profiles for the same seed, with the proportions documented in the README."),
        options: [OptionSpec("--count", value: "N", help: Phrase("combien de profils (par défaut : 100)", en: "how many profiles (default: 100)")),
                  OptionSpec("--seed", value: "S", help: Phrase("la graine (par défaut : 1)", en: "the seed (default: 1)")), CommonSpec.rules])

    let count: Int
    let seed: UInt64
    let rules: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        count = try arguments.integer("--count", default: 100)
        let seedText = arguments.value("--seed") ?? "1"
        guard let seed = UInt64(seedText) else { throw UsageError("--seed attend un nombre entier, reçu « \(seedText) »", en: "--seed expects a whole number, got \"\(seedText)\"") }
        self.seed = seed
        rules = arguments.value("--rules")
    }

    func run(terminal: Terminal) -> Int32 {
        let (loaded, code) = ParcoursCLI.ruleSet(CommonOptions(rules: rules), terminal: terminal)
        guard let ruleSet = loaded else { return code }
        var sampler = ProfileSampler(vocabulary: ruleSet.vocabulary, seed: seed)
        var chunk = ""
        for index in 0..<count {
            chunk += sampler.next().jsonLine(ruleSet.vocabulary) + "\n"
            if index % 1000 == 999 {
                terminal.write(chunk)
                chunk = ""
            }
        }
        terminal.write(chunk)
        return ExitCode.success
    }
}
