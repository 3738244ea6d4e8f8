import Foundation
import Testing
@testable import ParcoursCommands

/// Golden outputs: each profile of `Golden/` has the exact text and JSON `recommend` must print,
/// and a few of them the exact « fiche » handed to the person.
/// Set PARCOURS_UPDATE_GOLDEN=1 to rewrite them (then review the diff).
@Suite("recommend: golden outputs")
struct GoldenTests {
    static let profiles: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: Support.golden)) ?? [])
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }
        .filter { !$0.contains(".expected.") }
        .sorted()

    /// The profiles whose fiche is kept: several barriers, two referents and a chosen scheme
    /// (every part of the sheet); three barriers and one referent; nothing known at all.
    static let sheets = ["jeune-incarcere-r2s.yaml", "sortant-detention.yaml", "profil-vide.yaml"]

    @Test func thereAreGoldenProfiles() {
        #expect(Self.profiles.count >= 5)
        #expect(Set(Self.sheets).isSubset(of: Self.profiles))
    }

    @Test(arguments: profiles, OutputFormat.allCases)
    func output(_ name: String, _ format: OutputFormat) throws {
        try Self.compare(name, format: format.rawValue, expected: name + ".expected." + (format == .json ? "json" : "txt"))
    }

    @Test(arguments: sheets)
    func sheet(_ name: String) throws {
        try Self.compare(name, format: RecommendFormat.fiche.rawValue, expected: name + ".expected.fiche.txt")
    }

    /// Runs `recommend` on the golden profile at a fixed date and compares what it prints with
    /// the expected file (rewritten first when PARCOURS_UPDATE_GOLDEN=1).
    static func compare(_ name: String, format: String, expected: String) throws {
        let run = Support.run(["recommend", Support.golden + "/" + name, "--rules", Support.rules, "--format", format,
                               "--date", "2026-11-22"])
        #expect(run.code == 0, "\(run.error)")
        #expect(run.error == "")
        let expectedPath = Support.golden + "/" + expected
        if ProcessInfo.processInfo.environment["PARCOURS_UPDATE_GOLDEN"] == "1" {
            try run.output.write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        let expectedText = try String(contentsOfFile: expectedPath, encoding: .utf8)
        // Compared apart, so that a failure prints the first differing line, not both whole outputs.
        let matches = run.output == expectedText
        #expect(matches, "\(expected): \(Self.firstDifference(run.output, expectedText))")
    }

    /// Where two outputs part, in one short line: the line number and both versions of that line.
    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let wanted = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let common = min(got.count, wanted.count)
        guard let index = (0..<common).first(where: { got[$0] != wanted[$0] })
                ?? (got.count == wanted.count ? nil : common) else { return "no difference" }
        func line(_ lines: [Substring]) -> String { index < lines.count ? "« \(lines[index]) »" : "the end" }
        return "line \(index + 1) differs: expected \(line(wanted)), got \(line(got)) (PARCOURS_UPDATE_GOLDEN=1 rewrites the goldens)"
    }
}
