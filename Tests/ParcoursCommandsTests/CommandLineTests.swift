import Foundation
import Testing
@testable import ParcoursCommands

@Suite("Command line")
struct CommandLineTests {
    @Test func parsesCommands() throws {
        #expect(try ArgumentParser.parse(["recommend", "p.yaml", "--format", "json"]) == .recommend(profile: "p.yaml", rules: nil, scenarios: nil, format: .json))
        #expect(try ArgumentParser.parse(["recommend", "--rules=R", "-"]) == .recommend(profile: "-", rules: "R", scenarios: nil, format: .text))
        #expect(try ArgumentParser.parse(["check", "--rules", "R"]) == .check(rules: "R", scenarios: nil))
        var replay = ReplayOptions()
        replay.paths = ["Scenarios/sma"]
        replay.filter = "18"
        replay.junit = "out.xml"
        replay.coverage = true
        #expect(try ArgumentParser.parse(["replay", "Scenarios/sma", "--filter", "18", "--coverage", "--junit", "out.xml"]) == .replay(replay))
        #expect(try ArgumentParser.parse([]) == .help(topic: nil))
    }

    @Test(arguments: [
        (["recomend", "p.yaml"], "unknown command \"recomend\" (did you mean \"recommend\"?)"),
        (["recommend"], "recommend needs a profile file (or - for standard input)"),
        (["recommend", "p.yaml", "--format", "xml"], "unknown format \"xml\" (expected text or json)"),
        (["recommend", "p.yaml", "--rules"], "--rules needs a value"),
        (["check", "--verbose"], "unknown option --verbose for check"),
    ])
    func usageErrorsExitWith2(arguments: [String], message: String) {
        let run = Support.run(arguments)
        #expect(run.code == 2)
        #expect(run.error.hasPrefix("parcours: \(message)\n"))
        #expect(run.output == "")
    }

    @Test func checkReportsEveryErrorOfABrokenRuleSet() throws {
        let directory = NSTemporaryDirectory() + "parcours-check-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Support.rules, toPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let broken = """
        rules:
          - id: essai
            title: Essai
            source: "essai"
            when: barriers includes chilcare
            referent: mision_locale
            why: "essai"
        """
        try broken.write(toFile: directory + "/zz-broken.yaml", atomically: true, encoding: .utf8)
        let run = Support.run(["check", "--rules", directory])
        #expect(run.code == 1)
        #expect(run.output.contains("\(directory)/zz-broken.yaml:5:29: error[unknown-value]"))
        #expect(run.output.contains("\(directory)/zz-broken.yaml:6:15: error[dangling-reference]: no partner \"mision_locale\" in the catalogue\n    hint: did you mean \"mission_locale\"?"))
        #expect(run.output.hasSuffix("2 errors, 0 warnings\n"))
        let recommend = Support.run(["recommend", Support.golden + "/profil-vide.yaml", "--rules", directory])
        #expect(recommend.code == 1)
        #expect(recommend.error.contains("the rule set has errors"))
    }

    @Test func missingRuleSetIsReported() {
        let run = Support.run(["check", "--rules", "/nonexistent/rules"])
        #expect(run.code == 1)
        #expect(run.output.contains("/nonexistent/rules/profile.yaml:1:1: error[missing-file]"))
    }
}
