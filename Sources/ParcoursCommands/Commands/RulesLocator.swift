import Foundation

/// Finds the rule set to use when `--rules` is not given: `$PARCOURS_RULES`, then `./Rules`,
/// then the package's `Rules/` found upward from the executable (e.g. `.build/debug/parcours`).
enum RulesLocator {
    static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit { return explicit }
        if let path = environment["PARCOURS_RULES"], !path.isEmpty { return path }
        let manager = FileManager.default
        if manager.fileExists(atPath: "Rules/profile.yaml") { return "Rules" }
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent("Rules")
            if manager.fileExists(atPath: candidate.appendingPathComponent("profile.yaml").path) { return candidate.path }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }
}
