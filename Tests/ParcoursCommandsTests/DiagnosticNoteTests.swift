import Foundation
import Testing
@testable import ParcoursCommands

/// A finding that involves another place points to it: a `note` line in text, `notes` in JSON,
/// `relatedLocations` in SARIF, each with its file, line and column.
@Suite("check: notes that point at the other place")
struct DiagnosticNoteTests {
    /// A copy of `Rules/` with `zz.yaml` added: a rule id given twice, and a rule whose route a
    /// higher-priority rule always gives first.
    private func rulesWithProblems() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-notes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let rules = folder + "/rules"
        try FileManager.default.copyItem(atPath: Support.rules, toPath: rules)
        try """
        rules:
          - id: essai_haut
            title: Essai haut
            source: "parcours (essai)"
            priority: 990
            when: autonomy <= 2
            route: immersion
            why: essai
          - id: essai_bas
            title: Essai bas
            source: "parcours (essai)"
            priority: 989
            when: autonomy = 1
            route: work_first
            why: essai
          - id: essai_haut
            title: Essai haut encore
            source: "parcours (essai)"
            when: age >= 18
            route: training
            why: essai
        """.write(toFile: rules + "/zz.yaml", atomically: true, encoding: .utf8)
        return rules
    }

    @Test func aDuplicateIdPointsAtTheFirstDefinition() throws {
        let rules = try rulesWithProblems()
        defer { try? FileManager.default.removeItem(atPath: (rules as NSString).deletingLastPathComponent) }
        let text = Support.run(["check", "--rules", rules], language: .fr)
        #expect(text.code == 1)
        let lines = text.output.split(separator: "\n").map(String.init)
        let error = try #require(lines.firstIndex { $0.hasSuffix("zz.yaml:16:5: erreur[duplicate-id] : l'identifiant de règle « essai_haut » est déjà pris en \(rules)/zz.yaml:2:5") }, "\(text.output)")
        #expect(lines[error + 1] == "\(rules)/zz.yaml:2:5: note : première définition")
        #expect(lines[error + 2].hasPrefix("    conseil : "))

        let json = Support.run(["check", "--rules", rules, "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        let duplicate = try #require(diagnostics.first { $0["code"] as? String == "duplicate-id" })
        let notes = try #require(duplicate["notes"] as? [[String: Any]])
        #expect(notes.count == 1)
        #expect(notes.first?["file"] as? String == rules + "/zz.yaml")
        #expect(notes.first?["line"] as? Int == 2 && notes.first?["column"] as? Int == 5)
        #expect(notes.first?["message"] as? String == "first defined here")
    }

    @Test func aShadowedRuleNamesTheRulesAboveItInSARIF() throws {
        let rules = try rulesWithProblems()
        defer { try? FileManager.default.removeItem(atPath: (rules as NSString).deletingLastPathComponent) }
        // Without the duplicate, the rule set loads and the deep analysis runs: `essai_bas` is
        // shadowed by `essai_haut` alone (no shipped rule is above priority 989).
        let path = rules + "/zz.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let third = try #require(text.range(of: "  - id: essai_haut\n    title: Essai haut encore"))
        try String(text[..<third.lowerBound]).write(toFile: path, atomically: true, encoding: .utf8)
        let run = Support.run(["check", "--rules", rules, "--format", "sarif"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let results = try #require(((document["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let shadowed = try #require(results.first {
            $0["ruleId"] as? String == "shadowed" && (($0["message"] as? [String: Any])?["text"] as? String ?? "").contains("essai_bas")
        }, "\(run.output)")
        let related = try #require(shadowed["relatedLocations"] as? [[String: Any]])
        #expect(related.count == 1)
        let physical = try #require(related.first?["physicalLocation"] as? [String: Any])
        #expect(((physical["artifactLocation"] as? [String: Any])?["uri"] as? String ?? "").hasSuffix("/zz.yaml"))
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 2)
        #expect(((related.first?["message"] as? [String: Any])?["text"] as? String) == "rule \"essai_haut\", priority 990")
    }
}
