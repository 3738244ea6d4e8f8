import ParcoursEngine
import ParcoursRendering
import Synchronization

/// The documentation site (`parcours docs`) served at `/docs/` by `parcours serve`: built once
/// per rule set and day (cases replayed as the command does), kept until either changes.
final class DocsPages: Sendable {
    private let built = Mutex<(key: String, pages: [String: String])?>(nil)

    /// The page at `path` under `/docs/` (`""` is the index), nil when the site has none.
    func page(_ path: String, snapshot: RuleSetStore.Snapshot) throws(ParcoursError) -> String? {
        let rules = try snapshot.rules()
        let key = rules.ruleSet.fingerprint + rules.ruleSet.date
        if let cached = built.withLock({ $0 }), cached.key == key { return cached.pages[path.isEmpty ? "index.html" : path] }
        let engine = snapshot.engine
        let cases = CaseLoader.loadAll(in: engine.caseFolders(rules.ruleSet), ruleSet: rules.ruleSet).cases
        let results = try engine.replay(cases, on: rules.ruleSet.date)
        var pages: [String: String] = [:]
        for (name, html) in DocsSite(ruleSet: rules.ruleSet, cases: cases, results: results).pages() { pages[name] = html }
        built.withLock { $0 = (key, pages) }
        return pages[path.isEmpty ? "index.html" : path]
    }
}
