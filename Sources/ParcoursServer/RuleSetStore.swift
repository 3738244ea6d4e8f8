import Foundation
import ParcoursEngine
import Platform
import ParcoursRendering
import Synchronization

/// The rule set the server answers with, swapped whole when the files change: a request reads
/// one snapshot and never sees a half-loaded rule set. A broken new rule set is refused and the
/// old one keeps serving; its diagnostics are kept for `/api/v1/ruleset`.
public final class RuleSetStore: Sendable {
    /// One version of the rule set files and when it was loaded. The day is resolved at each
    /// request from the engine's clock: past midnight the next day's rules answer, loaded once.
    public struct Snapshot: Sendable {
        public let engine: Engine
        /// The rules in force on the day the files were loaded (checked before swapping in).
        public let loaded: RulesInForce
        public let loadedAt: Date

        /// The rules in force on `date` (`YYYY-MM-DD`), today when nil.
        public func rules(on date: String? = nil) throws(ParcoursError) -> RulesInForce {
            try engine.rules(on: date)
        }
    }

    /// What the last reload gave.
    public struct ReloadReport: Sendable {
        public let at: Date
        public let accepted: Bool
        public let diagnostics: [Diagnostic]
    }

    public let rules: String
    public let scenarios: String?
    /// Where "today" comes from.
    public let clock: Clock
    private let current: Mutex<Snapshot>
    private let lastReload = Mutex<ReloadReport?>(nil)
    private let signature = Mutex<String>("")
    /// A change seen and not yet loaded: its signature and when it was first seen.
    private let pending = Mutex<(signature: String, since: Date)?>(nil)

    /// Loads the rule set in force today; throws with the diagnostics when it has errors (the
    /// server does not start).
    public init(rules: String, scenarios: String?, clock: Clock = .system) throws(ParcoursError) {
        self.rules = rules
        self.scenarios = scenarios
        self.clock = clock
        let snapshot = try Self.load(rules: rules, scenarios: scenarios, clock: clock)
        current = Mutex(snapshot)
        signature.withLock { $0 = Self.signature(rules: rules, scenarios: scenarios) }
    }

    /// The snapshot to answer one request with.
    public var snapshot: Snapshot { current.withLock { $0 } }

    public var lastReloadReport: ReloadReport? { lastReload.withLock { $0 } }

    /// Loads the files again; swaps when they load without error. Returns the report.
    @discardableResult
    public func reload() -> ReloadReport {
        signature.withLock { $0 = Self.signature(rules: rules, scenarios: scenarios) }
        let report: ReloadReport
        do {
            let snapshot = try Self.load(rules: rules, scenarios: scenarios, clock: clock)
            current.withLock { $0 = snapshot }
            report = ReloadReport(at: Date(), accepted: true, diagnostics: [])
        } catch {
            report = ReloadReport(at: Date(), accepted: false, diagnostics: error.diagnostics)
        }
        lastReload.withLock { $0 = report }
        return report
    }

    /// Reloads when a file under the rules or scenarios folder changed since the last load.
    public func reloadIfChanged() -> ReloadReport? {
        let now = Self.signature(rules: rules, scenarios: scenarios)
        guard signature.withLock({ $0 }) != now else { return nil }
        return reload()
    }

    /// Reloads once the files changed and then stayed the same for `quiet` seconds (a file
    /// being written, a folder being copied, are not loaded half-way). Call it regularly.
    public func reloadIfSettled(quiet: TimeInterval, now: Date = Date()) -> ReloadReport? {
        let seen = Self.signature(rules: rules, scenarios: scenarios)
        guard signature.withLock({ $0 }) != seen else {
            pending.withLock { $0 = nil }
            return nil
        }
        let settled = pending.withLock { pending -> Bool in
            guard let change = pending, change.signature == seen else {
                pending = (seen, now)
                return false
            }
            return now.timeIntervalSince(change.since) >= quiet
        }
        guard settled else { return nil }
        pending.withLock { $0 = nil }
        return reload()
    }

    private static func load(rules: String, scenarios: String?, clock: Clock) throws(ParcoursError) -> Snapshot {
        let engine = Engine(rules: rules, scenarios: scenarios, clock: clock)
        return Snapshot(engine: engine, loaded: try engine.rules(), loadedAt: Date())
    }

    /// Paths, kinds, modes, sizes and change times of every entry under the folders, in path
    /// order, and the folders or files that cannot be read (a folder made unreadable, a file
    /// whose permissions changed, are changes too). Nothing is opened: a named pipe cannot
    /// block it.
    static func signature(rules: String, scenarios: String?) -> String {
        var lines: [String] = []
        for folder in [rules] + (scenarios.map { [$0] } ?? []) {
            let walked = FolderLister.system.walk(folder)
            for problem in walked.unreadable { lines.append("unreadable \(problem.path)") }
            for entry in walked.entries {
                let path = folder + "/" + entry.path
                var info = stat()
                guard stat(path, &info) == 0 else {
                    lines.append("\(path) missing")
                    continue
                }
                let readable = access(path, R_OK) == 0 ? "readable" : "unreadable"
                lines.append("\(path) \(entry.kind.rawValue) \(info.st_mode) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec) \(readable)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
