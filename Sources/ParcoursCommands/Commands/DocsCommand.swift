import Foundation
import ParcoursBatch
import ParcoursEngine
import Platform
import ParcoursRendering

/// `parcours docs --out DIR`: writes the static documentation site of the rule set.
struct DocsCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "docs", abstract: Phrase("Écrit le jeu de règles en site HTML statique, en français.", en: "Writes the rule set as a static HTML site in French."),
        discussion: Phrase("""
        Une page par règle, partenaire, dispositif, champ et cas rejouable, un fil d'Ariane et une
        recherche qui marche hors ligne ; liens relatifs, aucune ressource externe. Dans un dossier déjà
        écrit par parcours docs, les pages qui n'existent plus sont supprimées ; un dossier non vide
        qui ne vient pas de parcours docs est refusé.
        """, en: """
        One page per rule, partner, scheme, field and replayable case, a breadcrumb trail and a search
        that works offline; relative links, no external asset. In a folder parcours docs wrote before,
        pages that no longer exist are removed; a non-empty folder parcours docs did not write is refused.
        """),
        options: [OptionSpec("--out", value: "DIR", inSynopsis: false, help: Phrase("le dossier où écrire le site", en: "the folder to write the site into"))] + CommonSpec.all,
        shape: "--out DIR")

    let out: String
    let common: CommonOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard let out = arguments.value("--out") else { throw UsageError("docs attend --out DOSSIER", en: "docs needs --out DIR") }
        guard out != "-" else { throw UsageError("docs écrit un site de plusieurs pages : --out attend un dossier, pas - (la sortie standard)", en: "docs writes a site of many pages: --out needs a folder, not - (standard output)") }
        self.out = out
        common = try arguments.common()
    }

    func run(terminal: Terminal) -> Int32 {
        let engine: Engine, ruleSet: RuleSet, cases: [ScenarioCase], results: [CaseResult]
        do {
            engine = try ParcoursCLI.engine(common)
            ruleSet = try engine.ruleSet(on: common.date)
            cases = CaseLoader.loadAll(in: engine.caseFolders(ruleSet), ruleSet: ruleSet).cases
            results = try engine.replay(cases, on: common.date)
        } catch {
            return ParcoursCLI.report(error, terminal: terminal)
        }
        var sources: [String: String] = [:]
        for scenarioCase in cases {
            if let bytes = try? SystemFile.read(scenarioCase.file, limit: Limits.ruleFileBytes) { sources[scenarioCase.file] = String(decoding: bytes, as: UTF8.self) }
        }
        let site = DocsSite(ruleSet: ruleSet, cases: cases, results: results, sources: sources)
        let pages = site.pages()
        let manager = FileManager.default
        switch Self.stalePages(in: out, keeping: Set(pages.map(\.path))) {
        case .failure(let refusal):
            terminal.complain(refusal.message, hint: refusal.hint)
            return ExitCode.failure
        case .success(let stale):
            for path in stale { try? manager.removeItem(atPath: out + "/" + path) }
        }
        do {
            for (path, html) in pages {
                let full = out + "/" + path
                try manager.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try html.write(toFile: full, atomically: true, encoding: .utf8)
            }
        } catch {
            terminal.complain(Phrase("impossible d'écrire le site dans \(out) : \(error.localizedDescription)", en: "cannot write the site in \(out): \(error.localizedDescription)"))
            return ExitCode.failure
        }
        let count = pages.filter { $0.path.hasSuffix(".html") }.count
        if !terminal.quiet {
            terminal.write(terminal.say("\(count) pages écrites dans \(out)/ (ouvrez \(out)/index.html)\n", en: "\(count) pages written to \(out)/ (open \(out)/index.html)\n"))
        }
        return ExitCode.success
    }

    /// The pages of an earlier `parcours docs` in `out` that the new site no longer has. An
    /// absent or empty folder has none; a non-empty folder without a site's `index.html` is
    /// refused, so that nothing but the site's own pages is ever removed.
    static func stalePages(in out: String, keeping pages: Set<String>) -> Result<[String], OutputError> {
        let manager = FileManager.default
        guard let top = try? manager.contentsOfDirectory(atPath: out), !top.isEmpty else { return .success([]) }
        let index = (try? SystemFile.read(out + "/index.html", limit: Limits.ruleFileBytes)).map { String(decoding: $0, as: UTF8.self) }
        guard let index, index.contains(HTML.generator) else {
            return .failure(OutputError(message: Phrase("\(out) n'est pas vide et ne contient pas un site écrit par parcours docs", en: "\(out) is not empty and holds no site written by parcours docs"),
                                        hint: Phrase("choisissez un dossier vide ou nouveau, par ex. --out site", en: "choose an empty or new folder, e.g. --out site")))
        }
        var stale: [String] = []
        for name in top.sorted() where (name.hasSuffix(".html") || name.hasPrefix("search")) && !pages.contains(name) { stale.append(name) }
        for folder in DocsSite.folders {
            for name in ((try? manager.contentsOfDirectory(atPath: out + "/" + folder)) ?? []).sorted() where name.hasSuffix(".html") {
                if !pages.contains(folder + "/" + name) { stale.append(folder + "/" + name) }
            }
        }
        return .success(stale)
    }
}
