import Testing
@testable import ParcoursEngine

@Suite("Deep checks and rules in time")
struct DeepAnalysisTests {
    /// The shipped vocabulary and catalogue with `rules` as the only rule file.
    func load(_ rules: String, date: String = "2026-11-22") -> LoadResult {
        RuleSetLoader.load(TestSupport.shippedFiles(rules: rules), date: date)
    }

    let twoRoutes = """
    rules:
      - id: immersion_peu_autonomes
        title: Peu autonomes
        source: "parcours (essai)"
        priority: 50
        when: autonomy <= 2
        route: immersion
        why: essai
      - id: emploi_tres_peu_autonomes
        title: Très peu autonomes
        source: "parcours (essai)"
        priority: 40
        when: autonomy = 1
        route: work_first
        why: essai
    """

    @Test func findsShadowedRulesAndGaps() throws {
        let ruleSet = try #require(load(twoRoutes).ruleSet)
        let findings = TestSupport.render(DeepAnalysis(ruleSet: ruleSet).run().filter { $0.code != .unused })
        #expect(findings == """
        Rules/profile.yaml:13:5: warning[gap]: no rule gives a route when autonomy in 3 to 5 (e.g. autonomy = 3) | hint: add a rule for these profiles, or make sure they cannot occur
        essai.yaml:9:5: warning[shadowed]: the route of rule "emploi_tres_peu_autonomes" never applies: wherever the rule applies, rules of higher priority give the route (immersion_peu_autonomes) | hint: raise its priority, or remove its route if only its suggestions matter
        """)
    }

    @Test func shippedRulesHaveNoDeepFinding() throws {
        let result = RuleSetLoader.load(directory: TestSupport.rulesDirectory, scenarios: TestSupport.packageRoot + "/Scenarios", date: "2026-11-22")
        let ruleSet = try #require(result.ruleSet)
        #expect(TestSupport.render(DeepAnalysis(ruleSet: ruleSet).run()) == "")
    }

    @Test func unusedEntriesAndFieldsAreReported() throws {
        let ruleSet = try #require(load(twoRoutes).ruleSet)
        let unused = DeepAnalysis(ruleSet: ruleSet).unused().map(\.message.en)
        #expect(unused.contains("partner \"mission_locale\" is never suggested by any rule"))
        #expect(unused.contains("field \"gender\" is never used by any rule, fact or criterion"))
        #expect(!unused.contains("field \"autonomy\" is never used by any rule, fact or criterion"))
    }

    let versions = """
    rules:
      - id: seuil_quotient
        title: Ancien seuil
        source: "parcours (essai)"
        valid_until: 2025-12-31
        when: family_quotient < 1000
        suggest: [{partner: caf, stage: barriers, why: ancien}]
      - id: seuil_quotient
        title: Nouveau seuil
        source: "parcours (essai)"
        valid_from: 2026-01-01
        when:
          any:
            - {when: family_quotient < 1050, valid_until: 2026-06-30}
            - {when: family_quotient < 1100, valid_from: 2026-07-01}
        suggest: [{partner: caf, stage: barriers, why: nouveau}]
    """

    @Test(arguments: [("2025-06-01", 999, true), ("2025-06-01", 1000, false), ("2026-03-01", 1049, true),
                      ("2026-03-01", 1050, false), ("2026-11-22", 1099, true), ("2026-11-22", 1100, false)])
    func rulesAndThresholdsFollowTheDate(date: String, quotient: Int, fires: Bool) throws {
        let result = load(versions, date: date)
        let ruleSet = try #require(result.ruleSet, "\(result.diagnostics)")
        #expect(ruleSet.rules.filter { $0.id == "seuil_quotient" }.count == 1)
        let profile = try TestSupport.profile("family_quotient: \(quotient)", in: ruleSet)
        let recommendation = Evaluator(ruleSet: ruleSet).recommend(profile)
        #expect(recommendation.fired.contains("seuil_quotient") == fires)
        #expect(recommendation.date == date)
    }

    @Test func overlappingVersionsAreAnError() {
        let overlapping = versions.replacingOccurrences(of: "valid_until: 2025-12-31", with: "valid_until: 2026-01-31")
        let rendered = TestSupport.render(load(overlapping).diagnostics)
        #expect(rendered == "essai.yaml:8:5: error[validity-overlap]: rule \"seuil_quotient\" (from 2026-01-01) overlaps its version at essai.yaml:2:5 (until 2026-01-31) | hint: end the older version the day before the new one starts")
    }

    @Test func badDatesArePositioned() {
        let rendered = TestSupport.render(load(versions.replacingOccurrences(of: "valid_from: 2026-07-01", with: "valid_from: 2026-02-30")).diagnostics)
        #expect(rendered == "essai.yaml:15:54: error[type-mismatch]: expected a date YYYY-MM-DD for valid_from, found \"2026-02-30\" | hint: e.g. 2026-01-01")
    }

    @Test func fingerprintFollowsTheRulesInForce() throws {
        let before = try #require(load(versions, date: "2025-06-01").ruleSet)
        let after = try #require(load(versions, date: "2026-03-01").ruleSet)
        let later = try #require(load(versions, date: "2026-03-02").ruleSet)
        #expect(before.fingerprint != after.fingerprint)
        #expect(after.fingerprint == later.fingerprint)
    }
}
