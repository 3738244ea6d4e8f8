import ParcoursEngine

/// `parcours sample --count N --seed S`: invented profiles as JSON lines.
struct SampleCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "sample", abstract: Phrase("Écrit des profils inventés, en lignes JSON ou en CSV.", en: "Writes invented profiles as JSON lines or CSV."),
        discussion: Phrase("""
        Les mêmes profils pour la même graine, avec les proportions décrites dans le README. En CSV :
        un en-tête des champs, une cellule vide pour un champ inconnu, les valeurs d'un ensemble
        séparées par | et l'ensemble vide écrit [] ; batch et diff relisent ce CSV à l'identique.
        """, en: """
        The same profiles for the same seed, with the proportions documented in the README. In CSV:
        a header of fields, an empty cell for an unknown field, a set's values separated by | and the
        empty set written []; batch and diff read this CSV back identically.
        """),
        options: [OptionSpec("--count", value: "N", help: Phrase("combien de profils (par défaut : 100)", en: "how many profiles (default: 100)")),
                  OptionSpec("--seed", value: "S", help: Phrase("la graine (par défaut : 1)", en: "the seed (default: 1)")),
                  OptionSpec("--format", choices: ["jsonl", "csv"], help: Phrase("format des profils (par défaut : jsonl)", en: "format of the profiles (default: jsonl)")),
                  CommonSpec.rules])

    let count: Int
    let seed: UInt64
    let rules: String?
    let csv: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        count = try arguments.integer("--count", default: 100)
        let seedText = arguments.value("--seed") ?? "1"
        guard let seed = UInt64(seedText) else { throw UsageError("--seed attend un nombre entier, reçu « \(seedText) »", en: "--seed expects a whole number, got \"\(seedText)\"") }
        self.seed = seed
        rules = arguments.value("--rules")
        csv = arguments.value("--format") == "csv"
    }

    func run(terminal: Terminal) -> Int32 {
        let (loaded, code) = ParcoursCLI.ruleSet(CommonOptions(rules: rules), terminal: terminal)
        guard let ruleSet = loaded else { return code }
        var sampler = ProfileSampler(vocabulary: ruleSet.vocabulary, seed: seed)
        var chunk = csv ? ruleSet.vocabulary.csvHeader + "\n" : ""
        for index in 0..<count {
            let profile = sampler.next()
            chunk += (csv ? profile.csvRow(ruleSet.vocabulary) : profile.jsonLine(ruleSet.vocabulary)) + "\n"
            if index % 1000 == 999 {
                terminal.write(chunk)
                chunk = ""
            }
        }
        terminal.write(chunk)
        return ExitCode.success
    }
}
