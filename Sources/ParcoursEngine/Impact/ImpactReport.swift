/// What a rule change does to a corpus of profiles: how many change route, référent,
/// suggestions or scheme status, with counts per change and example profiles.
public struct ImpactReport: Sendable {
    /// One kind of change (e.g. the route going from `work_first` to `immersion`).
    public struct Change: Sendable {
        public let what: String
        public let before: String
        public let after: String
        public let count: Int
        /// Line numbers and texts of the first profiles concerned.
        public let examples: [(line: Int, text: String)]
    }

    public let profiles: Int
    public let refused: Int
    public let changed: Int
    public let routes: [Change]
    public let referents: [Change]
    public let suggestions: [Change]
    public let schemes: [Change]
    public let baseFingerprint: String
    public let currentFingerprint: String
}

/// Compares the recommendations of two rule sets profile by profile and counts the changes.
public struct ImpactAccumulator: Sendable {
    private struct Tally {
        var count = 0
        var examples: [(line: Int, text: String)] = []

        /// One more profile with this change; its line kept while fewer than `keeping` are.
        mutating func note(line: Int, text: () -> String, keeping: Int) {
            count += 1
            if examples.count < keeping { examples.append((line, text())) }
        }
    }

    let examplesPerChange: Int
    private var profiles = 0
    private var refused = 0
    private var changed = 0
    private var tallies: [String: [TransitionKey: Tally]] = [:]

    private struct TransitionKey: Hashable, Comparable {
        let what: String, before: String, after: String
        static func < (a: TransitionKey, b: TransitionKey) -> Bool { (a.what, a.before, a.after) < (b.what, b.before, b.after) }
    }

    public init(examplesPerChange: Int) {
        self.examplesPerChange = examplesPerChange
    }

    public mutating func refuse() { refused += 1 }

    /// Counts a profile whose outcome is known to be the same under both rule sets.
    package mutating func addUnchanged() { profiles += 1 }

    public mutating func add(line: Int, text: String, base: Recommendation, current: Recommendation) {
        add(line: line, text: text, base: OutcomeSummary(base), current: OutcomeSummary(current))
    }

    /// `text` is read only when the line is kept as an example.
    public mutating func add(line: Int, text: @autoclosure () -> String, base: OutcomeSummary, current: OutcomeSummary) {
        profiles += 1
        var any = false
        let examples = examplesPerChange
        func note(_ category: String, _ what: String, _ before: String, _ after: String) {
            guard before != after else { return }
            any = true
            let key = TransitionKey(what: what, before: before, after: after)
            // Modified in place: no copy of the tally or of its category's table.
            tallies[category, default: [:]][key, default: Tally()].note(line: line, text: text, keeping: examples)
        }
        note("route", "route", base.route, current.route)
        note("referent", "referent", base.referent, current.referent)
        for id in current.steps.subtracting(base.steps).sorted() { note("suggestion", id, "absent", "suggested") }
        for id in base.steps.subtracting(current.steps).sorted() { note("suggestion", id, "suggested", "absent") }
        for scheme in current.schemes {
            let old = base.schemes.first { $0.id == scheme.id }?.status ?? "absent"
            note("scheme", scheme.id, old, scheme.status)
        }
        for scheme in base.schemes where !current.schemes.contains(where: { $0.id == scheme.id }) {
            note("scheme", scheme.id, scheme.status, "absent")
        }
        if any { changed += 1 }
    }

    /// Merges the counts of another accumulator (e.g. from another worker).
    public mutating func merge(_ other: ImpactAccumulator) {
        profiles += other.profiles
        refused += other.refused
        changed += other.changed
        for (category, entries) in other.tallies {
            for (key, tally) in entries {
                var mine = tallies[category, default: [:]][key, default: Tally()]
                mine.count += tally.count
                mine.examples = Array((mine.examples + tally.examples).sorted { $0.line < $1.line }.prefix(examplesPerChange))
                tallies[category, default: [:]][key] = mine
            }
        }
    }


    /// The report: changes by count, largest first, then by name (never by hash order).
    public func report(baseFingerprint: String, currentFingerprint: String) -> ImpactReport {
        func changes(_ category: String) -> [ImpactReport.Change] {
            (tallies[category] ?? [:]).sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }.map {
                ImpactReport.Change(what: $0.key.what, before: $0.key.before, after: $0.key.after, count: $0.value.count, examples: $0.value.examples)
            }
        }
        return ImpactReport(profiles: profiles, refused: refused, changed: changed, routes: changes("route"), referents: changes("referent"),
                            suggestions: changes("suggestion"), schemes: changes("scheme"),
                            baseFingerprint: baseFingerprint, currentFingerprint: currentFingerprint)
    }
}

/// What a diff compares of one evaluation: route (`scheme:<id>` for a scheme), référent,
/// suggested entries and scheme statuses.
public struct OutcomeSummary: Sendable, Equatable {
    public var route: String
    public var referent: String
    public var steps: Set<String>
    public var schemes: [(id: String, status: String)]

    public static func == (a: OutcomeSummary, b: OutcomeSummary) -> Bool {
        a.route == b.route && a.referent == b.referent && a.steps == b.steps && a.schemes.map(\.id) == b.schemes.map(\.id)
            && a.schemes.map(\.status) == b.schemes.map(\.status)
    }

    public init(_ recommendation: Recommendation) {
        route = recommendation.route?.routeName ?? "none"
        referent = recommendation.referent?.id ?? "none"
        steps = Set(recommendation.steps.map(\.id))
        schemes = recommendation.schemes.map { ($0.id, $0.status.rawValue) }
    }

    package init(_ outcome: CompiledOutcome, _ compiled: CompiledRuleSet) {
        self.init(outcome, OutcomeNames(compiled))
    }

    package init(_ outcome: CompiledOutcome, _ names: OutcomeNames) {
        route = names.route(outcome)
        referent = names.referent(outcome)
        steps = Set(outcome.steps.map { names.steps[$0.rule][$0.suggestion] })
        schemes = outcome.schemes.enumerated().map { (names.schemes[$0.offset], $0.element.status.rawValue) }
    }
}
