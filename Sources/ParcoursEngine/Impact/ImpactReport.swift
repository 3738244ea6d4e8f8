import Foundation

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
package struct ImpactAccumulator: Sendable {
    /// One kind of change and its count, with the first profiles concerned.
    private struct Tally: Sendable {
        let category: String
        let key: TransitionKey
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
    /// Every kind of change met, in the order met, and where each is by category and key.
    private var tallies: [Tally] = []
    private var index: [String: [TransitionKey: Int]] = [:]
    /// The changes of an outcome pair already met, by its codes (`OutcomeCodes.signature`).
    private var patterns: [OutcomeSignature: [Int]] = [:]

    /// Changes worked out for outcome signatures, shared by the accumulators of one diff.
    private let shared: ImpactPatterns?

    package init(examplesPerChange: Int) {
        self.examplesPerChange = examplesPerChange
        shared = nil
    }

    /// An accumulator that looks up and leaves the changes of the signatures it meets in
    /// `patterns` (shared by a diff's jobs and blocks).
    package init(examplesPerChange: Int, patterns: ImpactPatterns) {
        self.examplesPerChange = examplesPerChange
        shared = patterns
    }

    package mutating func refuse() { refused += 1 }

    /// Counts a profile whose outcome is known to be the same under both rule sets.
    package mutating func addUnchanged() { profiles += 1 }

    package mutating func add(line: Int, text: String, base: Recommendation, current: Recommendation) {
        add(line: line, text: text, base: OutcomeSummary(base), current: OutcomeSummary(current))
    }

    /// What changes from `base` to `current`: the one home of what a diff counts as a change.
    fileprivate static func transitions(base: OutcomeSummary, current: OutcomeSummary) -> [(category: String, key: TransitionKey)] {
        var changes: [(category: String, key: TransitionKey)] = []
        func note(_ category: String, _ what: String, _ before: String, _ after: String) {
            guard before != after else { return }
            changes.append((category, TransitionKey(what: what, before: before, after: after)))
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
        return changes
    }

    /// The position of a kind of change in `tallies` (added when new).
    private mutating func tally(_ category: String, _ key: TransitionKey) -> Int {
        if let found = index[category]?[key] { return found }
        tallies.append(Tally(category: category, key: key))
        index[category, default: [:]][key] = tallies.count - 1
        return tallies.count - 1
    }

    @discardableResult
    private mutating func count(_ changes: [Int], line: Int, text: () -> String) -> Bool {
        profiles += 1
        for change in changes { tallies[change].note(line: line, text: text, keeping: examplesPerChange) }
        if !changes.isEmpty { changed += 1 }
        return !changes.isEmpty
    }

    /// `text` is read only when the line is kept as an example.
    package mutating func add(line: Int, text: @autoclosure () -> String, base: OutcomeSummary, current: OutcomeSummary) {
        let changes = Self.transitions(base: base, current: current).map { tally($0.category, $0.key) }
        count(changes, line: line, text: text)
    }

    /// `add` for an outcome pair known by its codes (`OutcomeCodes.signature`): its changes are
    /// worked out from `summaries` the first time the signature is met, then reused (equal
    /// codes are equal names, so the changes are the same). True when the profile changed.
    @discardableResult
    package mutating func add(line: Int, text: @autoclosure () -> String, signature: [Int32], summaries: () -> (base: OutcomeSummary, current: OutcomeSummary)) -> Bool {
        let changes: [Int]
        let key = OutcomeSignature(signature)
        if let known = patterns[key] {
            changes = known
        } else {
            func transitions() -> [(category: String, key: TransitionKey)] {
                let (base, current) = summaries()
                return Self.transitions(base: base, current: current)
            }
            changes = (shared.map { $0.changes(key, transitions) } ?? transitions()).map { tally($0.category, $0.key) }
            patterns[key] = changes
        }
        return count(changes, line: line, text: text)
    }

    /// Merges the counts of another accumulator (e.g. from another worker).
    package mutating func merge(_ other: ImpactAccumulator) {
        profiles += other.profiles
        refused += other.refused
        changed += other.changed
        for theirs in other.tallies {
            let position = tally(theirs.category, theirs.key)
            tallies[position].count += theirs.count
            tallies[position].examples = Array((tallies[position].examples + theirs.examples).sorted { $0.line < $1.line }.prefix(examplesPerChange))
        }
    }

    /// The report: changes by count, largest first, then by name (never by hash order).
    package func report(baseFingerprint: String, currentFingerprint: String) -> ImpactReport {
        func changes(_ category: String) -> [ImpactReport.Change] {
            tallies.filter { $0.category == category }.sorted { ($1.count, $0.key) < ($0.count, $1.key) }.map {
                ImpactReport.Change(what: $0.key.what, before: $0.key.before, after: $0.key.after, count: $0.count, examples: $0.examples)
            }
        }
        return ImpactReport(profiles: profiles, refused: refused, changed: changed, routes: changes("route"), referents: changes("referent"),
                            suggestions: changes("suggestion"), schemes: changes("scheme"),
                            baseFingerprint: baseFingerprint, currentFingerprint: currentFingerprint)
    }
}

/// Outcome codes as a dictionary key, hashed once over all its codes (hashing each code
/// through `Hasher` cost more than the rest of the lookup).
struct OutcomeSignature: Hashable, Sendable {
    let codes: [Int32]
    let digest: UInt64

    init(_ codes: [Int32]) {
        self.codes = codes
        var digest: UInt64 = 0xcbf2_9ce4_8422_2325
        for code in codes { digest = (digest ^ UInt64(UInt32(bitPattern: code))) &* 0x100_0000_01b3 }
        self.digest = digest
    }

    func hash(into hasher: inout Hasher) { hasher.combine(digest) }
    static func == (a: OutcomeSignature, b: OutcomeSignature) -> Bool { a.digest == b.digest && a.codes == b.codes }
}

/// One change: what (`route`, an entry id, a scheme id), from what, to what.
struct TransitionKey: Hashable, Comparable, Sendable {
    let what: String, before: String, after: String
    static func < (a: TransitionKey, b: TransitionKey) -> Bool { (a.what, a.before, a.after) < (b.what, b.before, b.after) }
}

/// The changes of outcome signatures already met, shared by a diff's jobs behind a lock: the
/// memo of a pure function (`ImpactAccumulator.transitions`), so sharing it changes the time
/// only. At most `limit` signatures are kept (then the others are worked out each time).
package final class ImpactPatterns: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [OutcomeSignature: [(category: String, key: TransitionKey)]] = [:]
    static let limit = 100_000

    package init() {}

    func changes(_ signature: OutcomeSignature, _ compute: () -> [(category: String, key: TransitionKey)]) -> [(category: String, key: TransitionKey)] {
        if let found = lock.withLock({ known[signature] }) { return found }
        let computed = compute()
        lock.withLock { if known.count < Self.limit { known[signature] = computed } }
        return computed
    }
}

/// What a diff compares of one evaluation: route (`scheme:<id>` for a scheme), référent,
/// suggested entries and scheme statuses.
package struct OutcomeSummary: Sendable, Equatable {
    package var route: String
    package var referent: String
    package var steps: Set<String>
    package var schemes: [(id: String, status: String)]

    package static func == (a: OutcomeSummary, b: OutcomeSummary) -> Bool {
        a.route == b.route && a.referent == b.referent && a.steps == b.steps && a.schemes.map(\.id) == b.schemes.map(\.id)
            && a.schemes.map(\.status) == b.schemes.map(\.status)
    }

    package init(_ recommendation: Recommendation) {
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
