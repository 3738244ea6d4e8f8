import Synchronization

/// Parcours's use cases, for every front end: the command line, the server and programs that
/// embed it. A rule set source (a folder, or files in memory), the rule set in force on each day
/// loaded once and kept with its evaluator, and the operations a counsellor's tool needs:
/// recommend, explain, import, check and replay. Front ends read their input, call one operation
/// and render its answer; they construct no evaluator, read no profile and apply no defaults.
///
/// "Today" is resolved at each call from the engine's `clock`, in the local time zone.
///
/// ```swift
/// let engine = Engine(rules: "Rules", scenarios: "Scenarios")
/// let answer = try engine.recommend(.file(SourceFile(path: "p.json", text: #"{"age": 22}"#)), on: "2026-11-23")
/// print(String(decoding: answer.jsonBytes, as: UTF8.self))
/// ```
///
/// Thread-safe: rule sets are immutable values; the cache is guarded.
public final class Engine: Sendable {
    /// Where the rule set is read from.
    public let files: RuleSetFiles
    /// Where "today" comes from.
    public let clock: Clock
    /// The most days kept (one rule set per day asked); the least recently loaded is dropped past it.
    public static let cachedDates = 16

    private struct Entry {
        let result: LoadResult
        var rules: RulesInForce?
    }
    private struct Cache {
        var entries: [String: Entry] = [:]
        var order: [String] = []
    }
    private let cache = Mutex(Cache())

    /// An engine over files already read (or made in memory).
    /// - Parameters:
    ///   - files: the rule set's files; see `RuleSetFiles.read(directory:scenarios:)`.
    ///   - clock: where today's date comes from (the system's by default).
    public init(files: RuleSetFiles, clock: Clock = .system) {
        self.files = files
        self.clock = clock
    }

    /// An engine over a rule set folder and, optionally, a folder of scheme plugins.
    /// - Parameters:
    ///   - rules: a folder laid out as `Rules/` (`profile.yaml`, `catalogue.yaml`, rule files).
    ///   - scenarios: a folder of scheme plugins (`<id>/scheme.yaml`), or nil for none.
    public convenience init(rules: String, scenarios: String? = nil, clock: Clock = .system) {
        self.init(files: RuleSetFiles.read(directory: rules, scenarios: scenarios), clock: clock)
    }

    /// Today's local date, `YYYY-MM-DD`, read from the clock now.
    public func today() -> String { clock.today() }

    /// `date` checked (a real calendar day), or today when nil.
    public func day(_ date: String?) throws(ParcoursError) -> String {
        guard let date else { return today() }
        guard Validity.isDate(date) else { throw .badDate(date) }
        return date
    }

    /// Loads (or returns the loaded) rule set in force on `date`, with every diagnostic.
    /// - Parameter date: `YYYY-MM-DD`; nil for today (local date, read now).
    public func load(on date: String? = nil) -> LoadResult {
        entry(for: date ?? today()).result
    }

    private func entry(for day: String) -> Entry {
        if let hit = cache.withLock({ $0.entries[day] }) { return hit }
        let result = RuleSetLoader.load(files, date: day)
        let entry = Entry(result: result, rules: result.ruleSet.map(RulesInForce.init))
        return cache.withLock { cache in
            if let raced = cache.entries[day] { return raced }
            cache.entries[day] = entry
            cache.order.append(day)
            if cache.order.count > Self.cachedDates { cache.entries[cache.order.removeFirst()] = nil }
            return entry
        }
    }

    /// The rules in force on `date` (today when nil), ready to answer.
    /// - Throws: `bad-date` for a date that is not a day, `rule-set` with the diagnostics when
    ///   the rule set has errors on that day.
    public func rules(on date: String? = nil) throws(ParcoursError) -> RulesInForce {
        let day = try day(date)
        let entry = entry(for: day)
        guard let rules = entry.rules else { throw .ruleSet(entry.result.diagnostics, date: day) }
        return rules
    }

    /// The rule set in force on `date` (today when nil).
    public func ruleSet(on date: String? = nil) throws(ParcoursError) -> RuleSet {
        try rules(on: date).ruleSet
    }

    /// Reads a profile (YAML or JSON) against the vocabulary in force on `date`.
    /// - Throws: `invalid-profile` with positioned diagnostics when it has errors.
    public func profile(_ file: SourceFile, on date: String? = nil) throws(ParcoursError) -> Profile {
        try rules(on: date).profile(.file(file)).profile
    }

    /// The recommendation for a profile, a profile file, or another platform's diagnosis, with
    /// the rules in force on `date`; with `services`, each step's local services.
    public func recommend(_ input: ProfileInput, on date: String? = nil, services: ServiceDirectory? = nil) throws(ParcoursError) -> RecommendAnswer {
        try rules(on: date).recommend(input, services: services)
    }

    /// Why a rule applies or not, or a scheme's criteria, condition by condition.
    public func explain(_ target: ExplainTarget, for input: ProfileInput, on date: String? = nil) throws(ParcoursError) -> ExplainAnswer {
        try rules(on: date).explain(target, for: input)
    }

    /// Another platform's diagnosis as a profile, through the rule set's `imports/` mapping.
    public func importDiagnosis(_ file: SourceFile, from format: DiagnosisFormat, on date: String? = nil) throws(ParcoursError) -> ImportAnswer {
        try rules(on: date).importDiagnosis(file, from: format)
    }

    /// Every finding of `parcours check` for `date`: loading, the case files of the schemes and
    /// of the rule set (`cases/`), then the deep analysis and the texts for the person
    /// (`PersonTextCheck`), sorted; then what is wrong only on another day what is in force
    /// changes on (`BoundaryCheck`), each finding naming its days. The quotes of the `source:`
    /// texts are checked against the rule set's `reference/` files and the documents found
    /// directly in `sources` (folders, `check --sources`).
    public func check(on date: String? = nil, sources: [String] = []) throws(ParcoursError) -> CheckAnswer {
        let day = try day(date)
        let entry = entry(for: day)
        guard let rules = entry.rules else {
            // Loading stops at the first conflicts; check lists them all (capped, the rest counted).
            let result = entry.result.conflictsCut ? RuleSetLoader.load(files, date: day, allConflicts: true) : entry.result
            let dated = BoundaryCheck(files: files, day: day, boundaries: entry.result.boundaries).findings(besides: result.diagnostics)
            return CheckAnswer(ruleSet: nil, diagnostics: (result.diagnostics + dated + quotes(entry.result, sources)).sorted(), cases: [])
        }
        let loaded = CaseLoader.loadAll(in: caseFolders(rules.ruleSet), ruleSet: rules.ruleSet, held: files.heldCases)
        let personTexts = PersonTextCheck(ruleSet: rules.ruleSet, files: [files.catalogue].compactMap { $0 } + files.schemes).run()
        let found = entry.result.diagnostics + loaded.diagnostics + DeepAnalysis(ruleSet: rules.ruleSet).run() + personTexts
        // The other days what is in force changes on: what is wrong only then, naming the days.
        let dated = BoundaryCheck(files: files, day: day, boundaries: entry.result.boundaries).findings(besides: found)
        let diagnostics = (found + dated + quotes(entry.result, sources)).sorted()
        return CheckAnswer(ruleSet: rules.ruleSet, diagnostics: diagnostics, cases: loaded.cases)
    }

    /// The quotes of the rule set's `source:` texts not found in their documents.
    private func quotes(_ loaded: LoadResult, _ folders: [String]) -> [Diagnostic] {
        guard !loaded.sources.isEmpty else { return [] }
        let (documents, unreadable) = QuoteCheck.documents(references: files.references, folders: folders)
        return unreadable + QuoteCheck(register: loaded.sources, documents: documents, seedsGiven: !folders.isEmpty).run(loaded.citations)
    }

    /// The folders whose `cases/` hold the shipped cases: each scheme's, then the rule set's
    /// own (`Rules/cases/`, the counsellors' review suite).
    public func caseFolders(_ ruleSet: RuleSet) -> [String] {
        ruleSet.schemes.map(\.directory) + [files.directory]
    }

    /// Replays cases, each with the rules in force on its own date (`date:`), those of `date`
    /// otherwise (today when nil).
    public func replay(_ cases: [ScenarioCase], on date: String? = nil) throws(ParcoursError) -> [CaseResult] {
        return DatedReplay(rules: try rules(on: date), load: { day in self.entry(for: day).rules }).run(cases)
    }
}
