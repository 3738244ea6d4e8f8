import Foundation
import YAML
import Testing
@testable import ParcoursEngine

@Suite("Scheme plugins and replay")
struct SchemeTests {
    static let scenarios = TestSupport.packageRoot + "/Scenarios"

    static func load(scenarios: String = scenarios) throws -> RuleSet {
        let result = RuleSetLoader.load(directory: TestSupport.rulesDirectory, scenarios: scenarios)
        return try #require(result.ruleSet, "\(TestSupport.render(result.diagnostics))")
    }

    @Test func shippedSchemesLoadCleanly() throws {
        let result = RuleSetLoader.load(directory: TestSupport.rulesDirectory, scenarios: Self.scenarios)
        #expect(TestSupport.render(result.diagnostics) == "")
        let ruleSet = try #require(result.ruleSet)
        #expect(ruleSet.schemes.map(\.id) == ["adema", "clca", "prefhacces", "r2s", "sma"])
        #expect(ruleSet.rules.contains { $0.id == "r2s.parcours" && $0.scheme == "r2s" })
    }

    /// `swift test` replays every shipped case.
    @Test func everyShippedCasePasses() throws {
        let ruleSet = try Self.load()
        let loaded = CaseLoader.loadAll(in: ruleSet.schemes.map(\.directory), ruleSet: ruleSet)
        #expect(TestSupport.render(loaded.diagnostics) == "")
        // Each case on its own date (the CLCA's cases are dated 2014).
        let files = RuleSetFiles.read(directory: TestSupport.rulesDirectory, scenarios: Self.scenarios)
        let results = DatedReplay(ruleSet: ruleSet, files: files).run(loaded.cases)
        for (scenarioCase, result) in zip(loaded.cases, results) {
            let details = result.failures.flatMap { $0.mismatches.map { $0.text(.en) } }
            #expect(result.passed, "\(scenarioCase.file): \(details)")
        }
        for scheme in ruleSet.schemes {
            let cases = loaded.cases.filter { $0.scheme == scheme.id }
            #expect(cases.count >= 8, "\(scheme.id) has \(cases.count) cases")
            #expect(cases.contains { $0.steps.count > 1 }, "\(scheme.id) has no multi-step timeline")
            #expect(cases.contains { $0.steps.contains { $0.expectations.schemes.contains { $0.status == .undetermined } } },
                    "\(scheme.id) has no undetermined case")
        }
        // Every criterion is seen passing and failing somewhere: boundaries on both sides.
        let coverage = Coverage(results: results, ruleSet: ruleSet)
        #expect(coverage.criteriaNeverPassed == [])
        #expect(coverage.criteriaNeverFailed == [])
    }

    @Test func eligibilityIsExplainedCriterionByCriterion() throws {
        let ruleSet = try Self.load()
        let profile = try TestSupport.profile("age: 26\nterritory: outre_mer\nemployment: unemployed\n", in: ruleSet)
        let sma = try #require(Evaluator(ruleSet: ruleSet).recommend(profile).schemes.first { $0.id == "sma" })
        #expect(sma.status == .notEligible)
        #expect(sma.criteria.map(\.status) == [.failed, .passed, .undetermined, .passed])
        #expect(sma.criteria.first?.reason == "Le SMA accueille des volontaires de 18 à 25 ans.")
        #expect(sma.criteria[2].missing == ["qualification"])
    }

    @Test func undeterminedSchemeAsksItsQuestions() throws {
        // On a date the CLCA ran (it ended in 2017: `in_force`), in Brittany.
        let result0 = RuleSetLoader.load(directory: TestSupport.rulesDirectory, scenarios: Self.scenarios, date: "2014-06-01")
        let ruleSet = try #require(result0.ruleSet)
        let profile = try TestSupport.profile("children_under_6: 1\nparental_leave: clca\nparental_leave_final_year: true\ndepartment: 35\n", in: ruleSet)
        let result = Evaluator(ruleSet: ruleSet).recommend(profile)
        #expect(result.schemes.first { $0.id == "clca" }?.status == .undetermined)
        #expect(result.questions.first { $0.field == "family_quotient" }?.rules.contains("clca.quotient_familial") == true)
        // In 2026 the CLCA is out of its period: not eligible, with the reason, and nothing asked for it.
        let today = try Self.load()
        let now = Evaluator(ruleSet: today).recommend(try TestSupport.profile("parental_leave: clca\nparental_leave_final_year: true\n", in: today))
        let clca = try #require(now.schemes.first { $0.id == "clca" })
        #expect(clca.status == .notEligible)
        #expect(clca.criteria.first?.id == "en_vigueur" && clca.criteria.first?.status == .failed)
        #expect(clca.criteria.first?.reason.contains("PreParE") == true)
    }

    /// Eligible is not enough: a scheme's rules (its route, its wording) apply once chosen or entered.
    @Test func aSchemeTakesTheRouteOnlyWhenChosenOrEntered() throws {
        let ruleSet = try Self.load()
        let base = "age: 20\nterritory: outre_mer\nqualification: none\nemployment: unemployed\nautonomy: 2\nproject: none\nhousing_emergency: false\n"
        let evaluator = Evaluator(ruleSet: ruleSet)
        let eligible = evaluator.recommend(try TestSupport.profile(base, in: ruleSet))
        #expect(eligible.schemes.first { $0.id == "sma" }?.status == .eligible)
        #expect(eligible.route?.id == "immersion")
        #expect(!eligible.steps.contains { $0.id == "rsma" })
        for field in ["chosen_schemes", "enrolled_schemes"] {
            let inside = evaluator.recommend(try TestSupport.profile(base + "\(field): [sma]\n", in: ruleSet))
            #expect(inside.route?.scheme == "sma", "\(field)")
        }
        // Chosen but not eligible: the scheme's rules stay out.
        let notEligible = evaluator.recommend(try TestSupport.profile(base.replacingOccurrences(of: "age: 20", with: "age: 30") + "chosen_schemes: [sma]\n", in: ruleSet))
        #expect(notEligible.route?.scheme == nil)
        // A caution is shown for an eligible parent of a young child (the SMA is residential).
        let parent = evaluator.recommend(try TestSupport.profile(base + "children_under_6: 1\n", in: ruleSet))
        #expect(parent.schemes.first { $0.id == "sma" }?.cautions.map(\.id) == ["jeunes_enfants"])
    }

    /// A scheme is a folder: a copy under a new id loads, evaluates and replays with no Swift change.
    @Test func aCopiedSchemeFolderIsANewScheme() throws {
        let manager = FileManager.default
        let directory = NSTemporaryDirectory() + "parcours-plugin-" + UUID().uuidString
        defer { try? manager.removeItem(atPath: directory) }
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try manager.copyItem(atPath: Self.scenarios + "/clca", toPath: directory + "/retour_emploi")
        let schemeFile = directory + "/retour_emploi/scheme.yaml"
        let text = try String(contentsOfFile: schemeFile, encoding: .utf8)
        #expect(text.hasPrefix("id: clca\n"))
        try ("id: retour_emploi\n" + text.dropFirst("id: clca\n".count)).write(toFile: schemeFile, atomically: true, encoding: .utf8)

        let ruleSet = try Self.load(scenarios: directory)
        #expect(ruleSet.schemes.map(\.id) == ["retour_emploi"])
        #expect(ruleSet.rule("retour_emploi.accompagnement") != nil)
        // The copy keeps the CLCA's period: it ran until 2017, so it is not eligible today.
        let profile = try TestSupport.profile("parental_leave: clca\nparental_leave_final_year: true\nfamily_quotient: 500\nautonomy: 3\nhousing_emergency: false\ndepartment: 35\nchosen_schemes: [retour_emploi]\n", in: ruleSet)
        let result = Evaluator(ruleSet: ruleSet).recommend(profile)
        #expect(result.schemes.first?.status == .notEligible)
        let then = try #require(RuleSetLoader.load(directory: TestSupport.rulesDirectory, scenarios: directory, date: "2014-06-01").ruleSet)
        let before = Evaluator(ruleSet: then).recommend(try TestSupport.profile("children_under_6: 1\nparental_leave: clca\nparental_leave_final_year: true\nfamily_quotient: 500\nautonomy: 3\nhousing_emergency: false\ndepartment: 35\nchosen_schemes: [retour_emploi]\n", in: then))
        #expect(before.schemes.first?.status == .eligible)
        #expect(before.route?.id == "scheme" && before.route?.scheme == "retour_emploi")

        let loaded = CaseLoader.loadAll(in: ruleSet.schemes.map(\.directory), ruleSet: ruleSet)
        #expect(TestSupport.render(loaded.diagnostics) == "")
        #expect(loaded.cases.count == 8)
        let copied = RuleSetFiles.read(directory: TestSupport.rulesDirectory, scenarios: directory)
        let replayed = DatedReplay(ruleSet: ruleSet, files: copied).run(loaded.cases)
        #expect(replayed.allSatisfy { $0.passed })
    }

    @Test func schemeIDMustMatchItsFolder() throws {
        var files = RuleSetFiles.read(directory: TestSupport.rulesDirectory, scenarios: Self.scenarios)
        let index = try #require(files.schemes.firstIndex { $0.path.hasSuffix("/sma/scheme.yaml") })
        let text = String(decoding: files.schemes[index].bytes, as: UTF8.self).replacingOccurrences(of: "id: sma\n", with: "id: sma2\n")
        files.schemes[index] = SourceFile(path: "Scenarios/sma/scheme.yaml", text: text)
        let rendered = TestSupport.render(RuleSetLoader.load(files).diagnostics)
        #expect(rendered == "Scenarios/sma/scheme.yaml:1:5: error[unknown-value]: scheme id \"sma2\" differs from its folder name \"sma\" | hint: a scheme's id is the name of its folder: write id: sma")
    }

    @Test func failingExpectationsAreReported() throws {
        let ruleSet = try Self.load()
        let yaml = """
        name: Cas faux exprès
        profile: {age: 20, territory: outre_mer, qualification: none, employment: unemployed, autonomy: 2, project: none, housing_emergency: false, chosen_schemes: [this]}
        expect:
          route: training
          scheme: not_eligible
          why: {not_fired: [orientation]}
        """
        var reader = CaseReader(file: "Scenarios/sma/cases/faux.yaml", ruleSet: ruleSet, scheme: "sma")
        let root = try #require(try YAML.YAMLParser.parse(yaml))
        let read = reader.read(root)
        let scenarioCase = try #require(read)
        let result = CaseRunner(ruleSet: ruleSet).run(scenarioCase)
        #expect(result.failures.first?.mismatches.map { $0.text(.en) } == [
            "route: expected training, got scheme",
            "scheme sma: expected not_eligible, got eligible",
            "fired rule: expected no sma.orientation, got sma.orientation present",
        ])
        #expect(result.failures.first?.mismatches.map { $0.text(.fr) } == [
            "parcours : attendu training, obtenu scheme",
            "dispositif sma : attendu not_eligible, obtenu eligible",
            "règle déclenchée : attendu pas de sma.orientation, obtenu sma.orientation présente",
        ])
    }
}
