import Foundation
import ParcoursBatch
import ParcoursEngine
import ParcoursRendering
import ParcoursServer

/// `parcours schema [NAME] [--out DIR]`: the JSON Schemas of the files people write and of
/// the JSON Parcours prints, generated from the rule set; with `--openapi FILE`, the API's
/// OpenAPI document too (the one the server serves, over the same schemas).
struct SchemaCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "schema", abstract: Phrase("Écrit le schéma JSON d'un fichier (profil, règles, cas…) ou d'une sortie.", en: "Writes the JSON Schema of a file (profile, rules, case…) or of an output."),
        discussion: Phrase("""
        Schémas JSON 2020-12, tirés du jeu de règles : les champs, valeurs et identifiants du catalogue
        sont ceux que check accepte. Un éditeur YAML les utilise pour compléter et souligner les erreurs
        (voir docs/tour.md). Sans NAME : la liste des schémas. --out DIR les écrit tous dans DIR.
        --openapi FICHIER écrit le document OpenAPI de l'API (celui que sert parcours serve) ; pour les
        règles livrées : parcours schema --out docs/schemas --openapi docs/api/openapi.json.
        """, en: """
        JSON Schemas 2020-12, drawn from the rule set: the fields, values and catalogue ids are the ones
        check accepts. A YAML editor uses them for completion and inline errors (see docs/tour.md).
        Without NAME: the list of schemas. --out DIR writes them all into DIR.
        --openapi FILE writes the API's OpenAPI document (the one parcours serve serves); for the
        shipped rules: parcours schema --out docs/schemas --openapi docs/api/openapi.json.
        """),
        arguments: ArgumentsSpec("NAME", .any, choices: SchemaName.allCases.map(\.rawValue), help: Phrase("le schéma : " + SchemaName.allCases.map(\.rawValue).joined(separator: ", "),
                                                              en: "the schema: " + SchemaName.allCases.map(\.rawValue).joined(separator: ", "))),
        options: [OptionSpec("--out", value: "DIR", help: Phrase("écrit tous les schémas dans DIR (NAME.schema.json)", en: "write every schema into DIR (NAME.schema.json)")),
                  OptionSpec("--openapi", value: "FILE", help: Phrase("écrit aussi le document OpenAPI de l'API dans FILE", en: "also write the API's OpenAPI document to FILE")),
                  CommonSpec.rules, CommonSpec.scenarios, CommonSpec.date])

    let names: [SchemaName]
    let out: String?
    let openAPI: String?
    let common: CommonOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        var names: [SchemaName] = []
        for text in arguments.positionals {
            guard let name = SchemaName(rawValue: text) else {
                let known = SchemaName.allCases.map(\.rawValue)
                let guess = Suggest.word(text, in: known)
                throw UsageError("schéma inconnu « \(Limits.quoted(text)) » (possibles : \(known.joined(separator: ", ")))" + (guess.map { " ; vouliez-vous dire « \(Limits.quoted($0)) » ?" } ?? ""),
                                 en: "unknown schema \"\(Limits.quoted(text))\" (expected: \(known.joined(separator: ", ")))" + (guess.map { "; did you mean \"\(Limits.quoted($0))\"?" } ?? ""))
            }
            names.append(name)
        }
        self.names = names
        out = arguments.value("--out")
        openAPI = arguments.value("--openapi")
        common = try arguments.common()
    }

    func run(terminal: Terminal) -> Int32 {
        if names.isEmpty && out == nil && openAPI == nil {
            let width = SchemaName.allCases.map(\.rawValue.count).max() ?? 0
            terminal.write(SchemaName.allCases.map { $0.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.summary.text(terminal.language) + "\n" }.joined())
            return ExitCode.success
        }
        let (loaded, code) = ParcoursCLI.ruleSet(common, terminal: terminal)
        guard let ruleSet = loaded else { return code }
        let schemas = Schemas(ruleSet: ruleSet)
        if let openAPI {
            let folder = (openAPI as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    terminal.complain(Phrase("impossible de créer \(folder) : \(error.localizedDescription)", en: "cannot create \(folder): \(error.localizedDescription)"))
                    return ExitCode.failure
                }
            }
            guard write(OpenAPIDocument(ruleSet: ruleSet).json.rendered() + "\n", to: openAPI, terminal: terminal) else { return ExitCode.failure }
            terminal.inform("document OpenAPI écrit dans \(openAPI)\n", en: "OpenAPI document written to \(openAPI)\n")
            if names.isEmpty && out == nil { return ExitCode.success }
        }
        guard let out else {
            for name in names { terminal.write(schemas.document(name).rendered() + "\n") }
            return ExitCode.success
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            terminal.complain(Phrase("impossible de créer \(out) : \(error.localizedDescription)", en: "cannot create \(out): \(error.localizedDescription)"))
            return ExitCode.failure
        }
        for name in names.isEmpty ? SchemaName.allCases : names {
            guard write(schemas.document(name).rendered() + "\n", to: out + "/" + name.fileName, terminal: terminal) else { return ExitCode.failure }
        }
        terminal.inform("\((names.isEmpty ? SchemaName.allCases : names).count) schémas écrits dans \(out)/\n", en: "\((names.isEmpty ? SchemaName.allCases : names).count) schemas written to \(out)/\n")
        return ExitCode.success
    }

    /// Writes `text` to `path` whole (or not at all); false after saying why.
    private func write(_ text: String, to path: String, terminal: Terminal) -> Bool {
        switch OutputFile.open(path, inputs: []) {
        case .failure(let error):
            terminal.complain(error.message, hint: error.hint)
            return false
        case .success(let file):
            file.write(text)
            if let error = file.commit() {
                terminal.complain(error.message, hint: error.hint)
                return false
            }
            return true
        }
    }
}
