import Bytes
import ParcoursBatch
import ParcoursEngine
import ParcoursRendering

/// `parcours sample --count N --seed S`: invented profiles as JSON lines.
struct SampleCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "sample", abstract: Phrase("Écrit des profils inventés, en lignes JSON ou en CSV.", en: "Writes invented profiles as JSON lines or CSV."),
        discussion: Phrase("""
        Les mêmes profils pour la même graine, avec les proportions décrites dans docs/tour.md. En CSV :
        un en-tête des champs, une cellule vide pour un champ inconnu, les valeurs d'un ensemble
        séparées par | et l'ensemble vide écrit [] ; batch et diff relisent ce CSV à l'identique.
        """, en: """
        The same profiles for the same seed, with the proportions documented in docs/tour.md. In CSV:
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
        guard let seed = UInt64(seedText) else { throw UsageError("--seed attend un nombre entier, reçu « \(Limits.quoted(seedText)) »", en: "--seed expects a whole number, got \"\(Limits.quoted(seedText))\"") }
        self.seed = seed
        rules = arguments.value("--rules")
        csv = arguments.value("--format") == "csv"
    }

    func run(terminal: Terminal) -> Int32 {
        let (loaded, code) = ParcoursCLI.ruleSet(CommonOptions(rules: rules), terminal: terminal)
        guard let ruleSet = loaded else { return code }
        let vocabulary = ruleSet.vocabulary
        var sampler = ProfileSampler(vocabulary: vocabulary, seed: seed)
        let format: ProfileEncoder.Format = csv ? .csv : .jsonl
        let encoder = ProfileEncoder(vocabulary: vocabulary, format: format)
        // Profiles are made into one buffer while the one before is written (a file or a
        // pipe: kernel time), in order.
        let writer = OverlappedWriter(capacity: 1 << 21, write: terminal.writeBytes)
        var chunk = ByteBuffer(capacity: 1 << 21)
        ProfileEncoder.header(vocabulary, format: format).withUnsafeBufferPointer { chunk.append($0) }
        var slots = Array(repeating: CompiledProfile.unknown, count: vocabulary.fields.count)
        slots.withMutableView { slots in
            for _ in 0..<count {
                for i in slots.indices { slots[i] = CompiledProfile.unknown }
                sampler.next(into: slots)
                encoder.write(slots.view, into: chunk)
                if chunk.count >= 1 << 20 {
                    chunk = writer.handOver(chunk)
                    if terminal.outputLost { break }
                }
            }
        }
        writer.finish(chunk)
        return ExitCode.success
    }
}
