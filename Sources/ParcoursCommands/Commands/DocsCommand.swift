import Foundation
import ParcoursEngine

/// `parcours docs --out DIR`: writes the static documentation site of the rule set.
struct DocsCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "docs", abstract: Phrase("Écrit le jeu de règles en site HTML statique, en français.", en: "Writes the rule set as a static HTML site in French."),
        discussion: Phrase("Une page par règle, partenaire, dispositif et champ, avec des liens relatifs et aucune ressource externe.", en: "One page per rule, partner, scheme and field, with relative links and no external asset."),
        options: [OptionSpec("--out", value: "DIR", inSynopsis: false, help: Phrase("le dossier où écrire le site", en: "the folder to write the site into"))] + CommonSpec.all,
        shape: "--out DIR")

    let out: String
    let common: CommonOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard let out = arguments.value("--out") else { throw UsageError("docs attend --out DOSSIER", en: "docs needs --out DIR") }
        self.out = out
        common = try arguments.common()
    }

    func run(terminal: Terminal) -> Int32 {
        let (loaded, code) = ParcoursCLI.ruleSet(common, terminal: terminal)
        guard let ruleSet = loaded else { return code }
        let cases = CaseLoader.loadAll(in: ParcoursCLI.caseFolders(ruleSet, rules: common.rules), ruleSet: ruleSet).cases
        let results = ParcoursCLI.replay(cases, ruleSet: ruleSet, rules: common.rules, scenarios: common.scenarios)
        let site = DocsSite(ruleSet: ruleSet, cases: cases, results: results)
        let manager = FileManager.default
        do {
            for (path, html) in site.pages() {
                let full = out + "/" + path
                try manager.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try html.write(toFile: full, atomically: true, encoding: .utf8)
            }
        } catch {
            terminal.complain(Phrase("impossible d'écrire le site dans \(out) : \(error.localizedDescription)", en: "cannot write the site in \(out): \(error.localizedDescription)"))
            return ExitCode.failure
        }
        let count = site.pages().count
        if !terminal.quiet {
            terminal.write(terminal.say("\(count) pages écrites dans \(out)/ (ouvrez \(out)/index.html)\n", en: "\(count) pages written to \(out)/ (open \(out)/index.html)\n"))
        }
        return ExitCode.success
    }
}
