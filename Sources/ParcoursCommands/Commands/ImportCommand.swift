import ParcoursBatch
import ParcoursEngine
import ParcoursRendering

/// `parcours import --from FORMAT FILE`: another platform's diagnosis as a Parcours profile.
struct ImportCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "import", abstract: Phrase("Transforme un diagnostic France Travail ou Carnet de bord en profil Parcours.", en: "Turns a France Travail or Carnet de bord diagnosis into a Parcours profile."),
        discussion: Phrase("""
        La correspondance est celle du jeu de règles (Rules/imports/FORMAT.yaml), écrite par les équipes
        métier. Le profil s'écrit sur la sortie standard (YAML commenté, ou une ligne JSON avec --format
        json, lisible par recommend et batch) ; ce qui n'a pas été repris s'écrit sur la sortie d'erreur :
        codes sans correspondance, thèmes non abordés, désaccords, doublons. Un code inconnu n'est ni
        deviné ni perdu. Rien n'est enregistré ni journalisé.
        """, en: """
        The mapping is the rule set's (Rules/imports/FORMAT.yaml), written by policy staff. The
        profile goes to standard output (commented YAML, or one JSON line with --format json, which
        recommend and batch read); what was not used goes to standard error: codes without a
        mapping, themes not discussed, disagreements, duplicates. An unknown code is neither guessed
        nor lost. Nothing is stored or logged.
        """),
        arguments: ArgumentsSpec("FILE", .one(missing: Phrase("import attend un fichier de diagnostic (ou - pour l'entrée standard)", en: "import needs a diagnosis file (or - for standard input)")),
                                 help: Phrase("le diagnostic (JSON ou YAML), ou - pour l'entrée standard", en: "the diagnosis (JSON or YAML), or - for standard input")),
        options: [OptionSpec("--from", choices: DiagnosisFormat.allCases.map(\.rawValue), inSynopsis: false, help: Phrase("la plateforme du diagnostic", en: "the diagnosis's platform")),
                  OptionSpec("--format", choices: ["yaml", "json"], help: Phrase("format du profil (par défaut : yaml)", en: "profile format (default: yaml)"))] + CommonSpec.all,
        shape: "--from FORMAT")

    let file: String
    let from: DiagnosisFormat
    let json: Bool
    let common: CommonOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard let from = arguments.value("--from").flatMap(DiagnosisFormat.init(rawValue:)) else {
            throw UsageError("import attend --from \(DiagnosisFormat.allCases.map(\.rawValue).joined(separator: "|"))",
                             en: "import needs --from \(DiagnosisFormat.allCases.map(\.rawValue).joined(separator: "|"))")
        }
        self.from = from
        file = arguments.argument
        json = arguments.value("--format") == "json"
        common = try arguments.common()
    }

    func run(terminal: Terminal) -> Int32 {
        ParcoursCLI.answering(terminal, json: json) { () throws(ParcoursError) -> Int32 in
            let rules = try ParcoursCLI.engine(common).rules(on: common.date)
            let answer = try rules.importDiagnosis(try ParcoursCLI.input(file, terminal: terminal, outcome: Phrase("pas d'import", en: "nothing imported")), from: from)
            ParcoursCLI.showWarnings(answer, terminal: terminal)
            let result = answer.result
            let vocabulary = rules.ruleSet.vocabulary
            let report = ImportText.render(result, vocabulary: vocabulary, language: terminal.language)
            if !terminal.quiet { terminal.writeError(report.joined(separator: "\n") + "\n") }
            if json {
                terminal.write(result.profile.jsonLine(vocabulary) + "\n")
                return ExitCode.success
            }
            var lines = report.map { "# " + $0.trimmingCharacters(in: .whitespaces) }
            for field in vocabulary.fields {
                guard let value = result.profile[field.index], let text = vocabulary.codecs[field.index].json(value) else { continue }
                lines.append("\(field.name): \(text)")
            }
            terminal.write(lines.joined(separator: "\n") + "\n")
            return ExitCode.success
        }
    }
}
