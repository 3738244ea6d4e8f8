import Foundation
import Testing
import ParcoursEngine
@testable import ParcoursCommands

/// `parcours apply`: a change file applied to a copy of `Rules/` (diff printed, `check` green
/// after), and refused without writing anything when its base is stale.
@Suite("apply")
struct ApplyTests {
    /// A copy of `Rules/` and a change file raising the long-term unemployment threshold.
    static func setUp() throws -> (folder: String, change: String, original: [UInt8]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-apply-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Support.rules, toPath: folder)
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/facts.yaml")))
        let text = String(decoding: original, as: UTF8.self)
        #expect(text.contains("when: months_unemployed >= 12"))
        let content = text.replacingOccurrences(of: "when: months_unemployed >= 12", with: "when: months_unemployed >= 18")
        let indented = content.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "      " + $0 }.joined(separator: "\n")
        let change = folder + ".change.yaml"
        try """
        summary: Chômage de longue durée à partir de 18 mois
        files:
          - path: facts.yaml
            base: \(ChangePlan.hash(original))
            content: |
        \(indented)
        """.write(toFile: change, atomically: true, encoding: .utf8)
        return (folder, change, original)
    }

    @Test func appliesAChangeAndPrintsTheDiff() throws {
        let (folder, change, _) = try Self.setUp()
        defer { try? FileManager.default.removeItem(atPath: folder); try? FileManager.default.removeItem(atPath: change) }
        let run = Support.run(["apply", change, "--rules", folder])
        #expect(run.code == 0, "\(run.error)")
        #expect(run.output.contains("-    when: months_unemployed >= 12\n") && run.output.contains("+    when: months_unemployed >= 18\n"))
        let applied = try String(contentsOfFile: folder + "/facts.yaml", encoding: .utf8)
        #expect(applied.contains("when: months_unemployed >= 18") && !applied.contains("when: months_unemployed >= 12"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).allSatisfy { !$0.hasSuffix(".tmp") })
        let check = Support.run(["check", "--rules", folder, "--scenarios", Support.scenarios])
        #expect(check.code == 0, "\(check.output)\(check.error)")
    }

    @Test func aStaleBaseIsRefusedAndNothingIsWritten() throws {
        let (folder, change, _) = try Self.setUp()
        defer { try? FileManager.default.removeItem(atPath: folder); try? FileManager.default.removeItem(atPath: change) }
        // Someone edits facts.yaml after the draft was made.
        let edited = try String(contentsOfFile: folder + "/facts.yaml", encoding: .utf8) + "# édité depuis\n"
        try edited.write(toFile: folder + "/facts.yaml", atomically: true, encoding: .utf8)
        let run = Support.run(["apply", change, "--rules", folder], language: .fr)
        #expect(run.code == 1)
        #expect(run.error.contains("ces fichiers ont changé depuis le brouillon : facts.yaml"))
        #expect(try String(contentsOfFile: folder + "/facts.yaml", encoding: .utf8) == edited)
    }
}
