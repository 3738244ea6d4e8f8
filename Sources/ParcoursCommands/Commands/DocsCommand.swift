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
        écrit par parcours docs, seules les pages qu'il a écrites et qui n'existent plus sont
        supprimées (la liste est dans DIR/.parcours-docs) ; un dossier non vide qui ne vient pas de
        parcours docs est refusé.
        """, en: """
        One page per rule, partner, scheme, field and replayable case, a breadcrumb trail and a search
        that works offline; relative links, no external asset. In a folder parcours docs wrote before,
        only the pages it wrote that no longer exist are removed (listed in DIR/.parcours-docs); a
        non-empty folder parcours docs did not write is refused.
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
            try Self.manifest(pages.map(\.path)).write(toFile: out + "/" + Self.manifestName, atomically: true, encoding: .utf8)
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

    /// The list of the files `parcours docs` wrote in its folder, kept beside them: the next run
    /// removes only the files it lists that the new site no longer has.
    static let manifestName = ".parcours-docs"

    /// The manifest's text: a comment line, then one path per line, sorted.
    static func manifest(_ paths: [String]) -> String {
        "# Fichiers écrits par parcours docs : le prochain parcours docs dans ce dossier supprime ceux que le site n'a plus, et rien d'autre.\n"
            + paths.sorted().map { $0 + "\n" }.joined()
    }

    /// The paths a manifest lists: relative paths inside the folder only (no `..`, not
    /// absolute), so that an edited manifest cannot remove anything outside it.
    static func manifestPaths(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { line in
            !line.isEmpty && !line.hasPrefix("#") && !line.hasPrefix("/") && !line.split(separator: "/").contains("..") && line != manifestName
        }
    }

    /// The files of an earlier `parcours docs` in `out` that the new site no longer has: those
    /// its manifest lists, nothing else (a folder written before manifests existed keeps its
    /// files). An absent or empty folder has none; a non-empty folder holding neither a
    /// manifest nor a site's `index.html` is refused.
    static func stalePages(in out: String, keeping pages: Set<String>) -> Result<[String], OutputError> {
        let manager = FileManager.default
        guard let top = try? manager.contentsOfDirectory(atPath: out), !top.isEmpty else { return .success([]) }
        if let listed = try? SystemFile.read(out + "/" + manifestName, limit: Limits.ruleFileBytes) {
            return .success(manifestPaths(String(decoding: listed, as: UTF8.self)).filter { !pages.contains($0) }.sorted())
        }
        let index = (try? SystemFile.read(out + "/index.html", limit: Limits.ruleFileBytes)).map { String(decoding: $0, as: UTF8.self) }
        guard let index, index.contains(HTML.generator) else {
            return .failure(OutputError(message: Phrase("\(out) n'est pas vide et ne contient pas un site écrit par parcours docs", en: "\(out) is not empty and holds no site written by parcours docs"),
                                        hint: Phrase("choisissez un dossier vide ou nouveau, par ex. --out site", en: "choose an empty or new folder, e.g. --out site")))
        }
        return .success([])
    }
}
