import Foundation

/// The rules workshop's use cases: a draft rule set (changed files over the rules in force)
/// checked, replayed against the shipped cases, and compared with the rules in force on a
/// reference caseload. Everything happens in memory: nothing is written to the rules folder,
/// nothing about a profile is stored or logged.
public struct Drafts: Sendable {
    /// The rules in force, as the server answers with them.
    public let engine: Engine
    /// The scheme plugins folder the draft's `Scenarios/` paths stand for.
    public let scenarios: String?

    /// The bounds of one evaluation: past them it stops (`draft-too-slow`).
    public enum Bounds {
        /// Seconds one impact may take before it stops.
        public static let seconds = 10.0
        /// Example profiles an impact shows.
        public static let examples = 5
    }

    public init(engine: Engine, scenarios: String?) {
        self.engine = engine
        self.scenarios = scenarios
    }

    /// An engine over the draft's files (same clock as the rules in force).
    public func engine(for draft: Draft) throws(ParcoursError) -> Engine {
        Engine(files: try engine.files.applying(draft, scenarios: scenarios), clock: engine.clock)
    }

    /// A path as a draft names it (`facts.yaml`, `Scenarios/sma/scheme.yaml`).
    public func relative(_ path: String) -> String { engine.files.relative(path, scenarios: scenarios) }

    /// What `parcours check` says of the draft on `date` (today when nil), each diagnostic's
    /// file as the draft names it.
    public func check(_ draft: Draft, on date: String? = nil) throws(ParcoursError) -> CheckAnswer {
        let answer = try engine(for: draft).check(on: date)
        return CheckAnswer(ruleSet: answer.ruleSet, diagnostics: answer.diagnostics.map(relative), cases: answer.cases)
    }

    /// The diagnostic with its file as the draft names it.
    public func relative(_ diagnostic: Diagnostic) -> Diagnostic {
        var moved = diagnostic
        moved.location = SourceLocation(file: relative(diagnostic.location.file), line: diagnostic.location.line, column: diagnostic.location.column)
        return moved
    }

    /// The shipped cases (the schemes' and `cases/`, with the draft's) replayed on the draft.
    /// - Throws: `invalid-draft` with the diagnostics when the draft does not load or a case
    ///   file has errors.
    public func replay(_ draft: Draft, on date: String? = nil) throws(ParcoursError) -> [CaseResult] {
        let drafted = try engine(for: draft)
        let checked = try drafted.check(on: date)
        guard checked.ruleSet != nil, !checked.diagnostics.hasErrors else { throw .draftDoesNotLoad(checked.diagnostics.map(relative)) }
        return try drafted.replay(checked.cases, on: date)
    }

    /// Whom the draft changes on `caseload`, against the rules in force on `date`.
    /// - Throws: `invalid-draft` when the draft does not load; `draft-too-slow` past
    ///   `Bounds.seconds`.
    public func impact(_ draft: Draft, on caseload: Caseload, date: String? = nil, seconds: Double = Bounds.seconds) throws(ParcoursError) -> DraftImpact {
        let base = try engine.rules(on: date)
        let loaded = try engine(for: draft).load(on: base.date)
        guard let current = loaded.ruleSet else { throw .draftDoesNotLoad(loaded.diagnostics.map(relative)) }
        return try DraftImpactRun(base: base, current: RulesInForce(current), caseload: caseload, deadline: Date().addingTimeInterval(seconds)).run()
    }
}

extension ParcoursError {
    /// The draft's rule set has errors: nothing to compare or replay.
    static func draftDoesNotLoad(_ diagnostics: [Diagnostic]) -> ParcoursError {
        let count = diagnostics.reduce(0) { $0 + $1.counted.errors }
        return ParcoursError(.draftConflict, Phrase("le brouillon ne se charge pas : \(count) erreur\(count > 1 ? "s" : "")",
                                                   en: "the draft does not load: \(count) error\(count == 1 ? "" : "s")"),
                             hint: Phrase("corrigez d'abord ce que dit la vérification (POST /api/v1/drafts/check)", en: "first fix what the check says (POST /api/v1/drafts/check)"),
                             diagnostics: diagnostics)
    }
}
