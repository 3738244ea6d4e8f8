import Foundation

/// Where the harnesses find the shipped rules: `PARCOURS_RULES`, or `Rules/` beside `Fuzz/`.
enum FuzzRules {
    static let directory = ProcessInfo.processInfo.environment["PARCOURS_RULES"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Rules").path
}
