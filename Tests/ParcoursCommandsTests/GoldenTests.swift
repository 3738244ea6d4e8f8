import Foundation
import Testing
@testable import ParcoursCommands

/// Golden outputs: each profile of `Golden/` has the exact text and JSON `recommend` must print.
/// Set PARCOURS_UPDATE_GOLDEN=1 to rewrite them (then review the diff).
@Suite("recommend: golden outputs")
struct GoldenTests {
    static let profiles: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: Support.golden)) ?? [])
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }
        .filter { !$0.contains(".expected.") }
        .sorted()

    @Test func thereAreGoldenProfiles() { #expect(Self.profiles.count >= 5) }

    @Test(arguments: profiles, OutputFormat.allCases)
    func output(_ name: String, _ format: OutputFormat) throws {
        let run = Support.run(["recommend", Support.golden + "/" + name, "--rules", Support.rules, "--format", format.rawValue,
                               "--date", "2026-11-22"])
        #expect(run.code == 0, "\(run.error)")
        #expect(run.error == "")
        let expectedPath = Support.golden + "/" + name + ".expected." + (format == .json ? "json" : "txt")
        if ProcessInfo.processInfo.environment["PARCOURS_UPDATE_GOLDEN"] == "1" {
            try run.output.write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        #expect(run.output == (try String(contentsOfFile: expectedPath, encoding: .utf8)))
    }
}
