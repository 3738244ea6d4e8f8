import Foundation
import Testing
import ParcoursEngine
import ParcoursRendering

/// Inputs built to be expensive or to mislead the terminal: caps on diagnostics, conflicts and
/// quoted values, and control characters shown rather than obeyed (issue 34). The timings are
/// measured in `bench/costs`, not here: these tests check sizes and counts.
@Suite("costs bounded")
struct CostBoundTests {
    /// A copy of `Rules/` with `count` rules at one priority whose routes alternate: many conflicts.
    static func conflictingRules(_ count: Int) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-conflicts-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Support.rules, toPath: directory)
        let routes = ["work_first", "immersion", "training"]
        var text = "rules:\n"
        for index in 0..<count {
            text += """
              - id: g\(index)
                title: g\(index)
                source: "parcours (invented)"
                priority: 101
                when: age >= \(16 + index % 5)
                route: \(routes[index % routes.count])
                why: "invented"

            """
        }
        try text.write(toFile: directory + "/zz-generated.yaml", atomically: true, encoding: .utf8)
        return directory
    }

    @Test func loadingStopsAtTheFirstConflicts() throws {
        let directory = try Self.conflictingRules(60)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = Support.run(["recommend", Support.golden + "/profil-vide.yaml", "--rules", directory])
        #expect(run.code == 1)
        let conflicts = run.error.components(separatedBy: "error[route-conflict]").count - 1
        #expect(conflicts == Limits.conflictsOnLoad)
        #expect(run.error.contains("warning[too-many]: the search for conflicts stopped at the first \(Limits.conflictsOnLoad)"))
        #expect(run.error.contains("has at least \(Limits.conflictsOnLoad) errors"))
    }

    @Test func checkCountsEveryConflictAndListsTheFirst() throws {
        let directory = try Self.conflictingRules(60)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = Support.run(["check", "--rules", directory])
        #expect(run.code == 1)
        let listed = run.output.components(separatedBy: "error[route-conflict]").count - 1
        #expect(listed == Limits.diagnostics)
        // 60 rules, 3 routes, every pair overlaps (age >= 16..20): 1,200 pairs of different routes.
        #expect(run.output.contains("error[too-many]: … and 1100 more errors"))
        #expect(run.output.contains("1200 errors"))
        // The last line counts every error, the too-many one standing for the rest.
        let json = Support.run(["check", "--rules", directory, "--format", "json"])
        #expect(json.output.contains("\"errors\": 1200"))
    }

    @Test func aProfileOfUnknownKeysGivesAFewHundredLines() {
        let keys = (0..<5_000).map { "unknown_key_\($0): 1\n" }.joined()
        let run = Support.run(["recommend", "-", "--rules", Support.rules], input: keys)
        #expect(run.code == 1)
        #expect(run.error.components(separatedBy: "error[unknown-field]").count - 1 == Limits.diagnostics)
        #expect(run.error.contains("error[too-many]: … and 4900 more errors"))
        #expect(run.error.contains("the profile has 5000 errors"))
        #expect(run.error.utf8.count < 64 << 10)
        // The problem document a script reads is capped the same way.
        let json = Support.run(["recommend", "-", "--rules", Support.rules, "--format", "json"], input: keys)
        #expect(json.output.components(separatedBy: "\"unknown-field\"").count - 1 == Limits.diagnostics)
        #expect(json.output.contains("\"too-many\""))
    }

    @Test func aCSVHeaderOfUnknownColumnsIsCapped() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-header-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try ((0..<3_000).map { "col\($0)" }.joined(separator: ",") + "\n").write(toFile: directory + "/c.csv", atomically: true, encoding: .utf8)
        let run = Support.run(["batch", "--corpus", directory + "/c.csv", "--rules", Support.rules, "--out", directory + "/r.jsonl"])
        #expect(run.code == 1)
        #expect(run.error.components(separatedBy: "error[unknown-field]").count - 1 == Limits.diagnostics)
        #expect(run.error.contains("… and 2900 more errors"))
    }

    @Test func spellingHintsAreKeptPerDistinctName() {
        let vocabulary = Vocabulary(fields: [])
        #expect(vocabulary.suggestion(for: "agee") == nil)
        let memo = SpellingMemo()
        var computed = 0
        for _ in 0..<3 { _ = memo.hint(for: "agee") { computed += 1; return Phrase("x", en: "x") } }
        #expect(computed == 1)
    }

    @Test func aLongConditionIsQuotedCut() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-long-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Support.rules, toPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let condition = "age >= 18 and " + String(repeating: "x", count: 20_000)
        try "rules:\n  - id: long\n    title: t\n    source: \"parcours\"\n    priority: 7\n    when: \"\(condition)\"\n    route: immersion\n    why: \"x\"\n"
            .write(toFile: directory + "/zz.yaml", atomically: true, encoding: .utf8)
        let run = Support.run(["check", "--rules", directory])
        #expect(run.code == 1)
        #expect(run.output.contains("error[condition-syntax]"))
        #expect(run.output.contains(String(condition.prefix(Limits.quotedText)) + "…\""))
        #expect(run.output.utf8.count < 2_000)
    }

    @Test func controlCharactersAreShownNotObeyed() {
        // YAML's escapes: the key holds ESC and BEL once read.
        let profile = "age: 30\n\"\\e]0;title\\a\\e[31mred\": 1\n"
        let run = Support.run(["recommend", "-", "--rules", Support.rules], input: profile)
        #expect(run.code == 1)
        #expect(!run.error.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(run.error.contains("\\u{1B}]0;title\\u{7}\\u{1B}[31mred"))
        #expect(TerminalText.escaped("a\nb\tc\u{9B}d\u{202E}") == "a\\u{A}b\\u{9}c\\u{9B}d\\u{202E}")
        #expect(TerminalText.escaped("a\nb\tc\u{7F}", lineBreaks: true) == "a\nb\tc\\u{7F}")
        #expect(TerminalText.escaped("é « ok »") == "é « ok »")
    }

    @Test func aRowWithTooManyCellsIsReportedAsSuch() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-cells-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "age,driving_licence\n30,true,1\n".write(toFile: directory + "/c.csv", atomically: true, encoding: .utf8)
        let run = Support.run(["batch", "--corpus", directory + "/c.csv", "--rules", Support.rules, "--out", directory + "/r.jsonl"], language: .fr)
        #expect(run.error.contains("c.csv:2:9: erreur[yaml-syntax] : CSV invalide : la ligne a 3 cellules, l'en-tête seulement 2"))
        #expect(!run.error.contains("YAML invalide"))
    }
}
