import Synchronization

/// Parcours for programs that embed it: a rule set source (a folder, or files in memory), the
/// rule set loaded once per date and kept, and what a counsellor's tool needs from it.
///
/// ```swift
/// let engine = Engine(rules: "Rules", scenarios: "Scenarios")
/// let ruleSet = try engine.ruleSet(on: "2026-11-23")
/// let profile = try engine.profile(SourceFile(path: "p.json", text: #"{"age": 22}"#), on: "2026-11-23")
/// let answer = try engine.recommend(profile, on: "2026-11-23")
/// print(answer.json.rendered())
/// ```
///
/// Thread-safe: rule sets are immutable values; the cache is guarded.
public final class Engine: Sendable {
    /// Where the rule set is read from.
    public let files: RuleSetFiles
    /// The most rule sets kept (one per date asked); the least recently loaded is dropped past it.
    public static let cachedDates = 16
    private struct Cache {
        var entries: [String: LoadResult] = [:]
        var order: [String] = []
    }
    private let cache = Mutex(Cache())

    /// An engine over files already read (or made in memory).
    /// - Parameter files: the rule set's files; see `RuleSetFiles.read(directory:scenarios:)`.
    public init(files: RuleSetFiles) {
        self.files = files
    }

    /// An engine over a rule set folder and, optionally, a folder of scheme plugins.
    /// - Parameters:
    ///   - rules: a folder laid out as `Rules/` (`profile.yaml`, `catalogue.yaml`, rule files).
    ///   - scenarios: a folder of scheme plugins (`<id>/scheme.yaml`), or nil for none.
    public convenience init(rules: String, scenarios: String? = nil) {
        self.init(files: RuleSetFiles.read(directory: rules, scenarios: scenarios))
    }

    /// Loads (or returns the loaded) rule set in force on `date`, with every diagnostic.
    /// - Parameter date: `YYYY-MM-DD`; nil for today (local date).
    public func load(on date: String? = nil) -> LoadResult {
        let day = date ?? Validity.today()
        if let hit = cache.withLock({ $0.entries[day] }) { return hit }
        let result = RuleSetLoader.load(files, date: day)
        cache.withLock { cache in
            if cache.entries.updateValue(result, forKey: day) == nil { cache.order.append(day) }
            if cache.order.count > Self.cachedDates { cache.entries[cache.order.removeFirst()] = nil }
        }
        return result
    }

    /// The rule set in force on `date`.
    /// - Throws: `EngineError.ruleSet` with the diagnostics when the rule set has errors.
    public func ruleSet(on date: String? = nil) throws(EngineError) -> RuleSet {
        let result = load(on: date)
        guard let ruleSet = result.ruleSet else { throw .ruleSet(result.diagnostics) }
        return ruleSet
    }

    /// Reads a profile (YAML or JSON) against the vocabulary in force on `date`.
    /// - Throws: `EngineError.profile` with positioned diagnostics when it has errors.
    public func profile(_ file: SourceFile, on date: String? = nil) throws(EngineError) -> Profile {
        let result = ProfileLoader.load(file, vocabulary: try ruleSet(on: date).vocabulary)
        guard let profile = result.profile else { throw .profile(result.diagnostics) }
        return profile
    }

    /// The recommendation for `profile` with the rules in force on `date`.
    public func recommend(_ profile: Profile, on date: String? = nil) throws(EngineError) -> Recommendation {
        Evaluator(ruleSet: try ruleSet(on: date)).recommend(profile)
    }

    /// Why a rule does or does not apply to `profile`, condition by condition.
    /// - Throws: `EngineError.notFound` when no rule has this id on that date.
    public func explain(rule id: String, for profile: Profile, on date: String? = nil) throws(EngineError) -> (rule: Rule, node: ExplanationNode) {
        let ruleSet = try ruleSet(on: date)
        guard let rule = ruleSet.rule(id) else { throw .notFound(kind: "rule", id: id, suggestion: Spelling.closest(to: id, in: ruleSet.rules.map(\.id))) }
        return (rule, Explainer(ruleSet: ruleSet).explain(rule, for: profile))
    }

    /// Every finding of `parcours check` (loading, then the deep analysis) for `date`.
    public func check(on date: String? = nil) -> [Diagnostic] {
        let result = load(on: date)
        guard let ruleSet = result.ruleSet else { return result.diagnostics }
        return (result.diagnostics + DeepAnalysis(ruleSet: ruleSet).run()).sorted()
    }
}

/// Why `Engine` could not answer.
public enum EngineError: Error, Sendable, Equatable {
    /// The rule set has errors (all of them).
    case ruleSet([Diagnostic])
    /// The profile has errors (all of them, positioned).
    case profile([Diagnostic])
    /// No rule (or scheme) with this id, and the nearest id when one is close.
    case notFound(kind: String, id: String, suggestion: String?)
}
