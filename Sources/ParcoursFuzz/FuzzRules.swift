import Foundation
import ParcoursEngine

/// The shipped rules the harnesses run against: `PARCOURS_RULES`, or the package's `Rules/`.
/// Loaded once, on the harnesses' fixed date (so that a finding replays the same way later).
struct FuzzRules: Sendable {
    static let date = "2026-11-23"
    static let directory = ProcessInfo.processInfo.environment["PARCOURS_RULES"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Rules").path

    let files: RuleSetFiles
    let rules: RulesInForce

    /// The shipped rules, or the reason they do not load (a harness cannot run without them).
    static func load() -> Result<FuzzRules, FuzzSetupError> {
        let files = RuleSetFiles.read(directory: directory)
        do {
            return .success(FuzzRules(files: files, rules: try Engine(files: files).rules(on: date)))
        } catch {
            return .failure(FuzzSetupError(message: "the shipped rule set does not load from \(directory): \(error)"))
        }
    }
}

/// Why a harness cannot start (the rules it runs against do not load).
public struct FuzzSetupError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
