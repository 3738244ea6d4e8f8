import Foundation

/// Finds the package folders to use when no option names them: `$PARCOURS_RULES` (or
/// `$PARCOURS_SCENARIOS`), then `./Rules` (`./Scenarios`), then the package's folder found upward
/// from the executable (e.g. from `.build/debug/parcours`).
enum RulesLocator {
    static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        locate(explicit: explicit, variable: "PARCOURS_RULES", folder: "Rules", marker: "profile.yaml", environment: environment)
    }

    static func locateScenarios(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        locate(explicit: explicit, variable: "PARCOURS_SCENARIOS", folder: "Scenarios", marker: nil, environment: environment)
    }

    private static func locate(explicit: String?, variable: String, folder: String, marker: String?, environment: [String: String]) -> String? {
        if let explicit { return explicit }
        if let path = environment[variable], !path.isEmpty { return path }
        let manager = FileManager.default
        func found(_ path: String) -> Bool {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
            return marker.map { manager.fileExists(atPath: path + "/" + $0) } ?? true
        }
        if found(folder) { return folder }
        // The executable's own path (also when found through PATH), then argv[0].
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? ".")
        var directory = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent(folder).path
            if found(candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }
}
