import Testing
@testable import ParcoursEngine

/// Today's law as a dated layer: catalogue entries in force from their date, former names,
/// and `check` on every day what is in force changes, not only today.
@Suite("Dated layer and check at validity boundaries")
struct DatedLayerTests {
    @Test(arguments: [("2024-02-28", "2024-02-29"), ("2023-02-28", "2023-03-01"), ("2024-12-31", "2025-01-01"), ("2026-04-30", "2026-05-01")])
    func daysFollowTheCalendar(day: String, next: String) {
        #expect(Validity.day(after: day) == next)
        #expect(Validity.day(before: next) == day)
        #expect(Validity.day(after: "2026-02-30") == nil)
    }

    @Test func entriesAreInForceFromTheirDate() throws {
        let before = try #require(RuleSetLoader.load(directory: TestSupport.rulesDirectory, date: "2022-02-28").ruleSet)
        let after = try #require(RuleSetLoader.load(directory: TestSupport.rulesDirectory, date: "2022-03-01").ruleSet)
        #expect(before.catalogue.entry("contrat_engagement_jeune") == nil)
        #expect(after.catalogue.entry("contrat_engagement_jeune")?.name == "Contrat d'engagement jeune (CEJ)")
    }

    @Test func anEntryKeepsItsIdAndTakesTheNameOfTheDay() throws {
        let old = try #require(RuleSetLoader.load(directory: TestSupport.rulesDirectory, date: "2024-12-31").ruleSet)
        let new = try #require(RuleSetLoader.load(directory: TestSupport.rulesDirectory, date: "2025-01-01").ruleSet)
        #expect(old.catalogue.entry("contrat_engagement")?.name == "Contrat d'engagement réciproque")
        #expect(new.catalogue.entry("contrat_engagement")?.name == "Contrat d'engagement")
    }

    @Test func registrationByLawAnswersTheQuestionFrom2025() throws {
        let profile = "age: 40\nrsa_recipient: true\nemployment: unemployed\nmonths_unemployed: 8\nautonomy: 3\nproject: emerging\nbarriers: []\nhousing_emergency: false"
        for (date, referent) in [("2024-12-31", nil as String?), ("2025-01-01", "referent_rsa_departement")] {
            let ruleSet = try #require(RuleSetLoader.load(directory: TestSupport.rulesDirectory, date: date).ruleSet)
            let recommendation = Evaluator(ruleSet: ruleSet).recommend(try TestSupport.profile(profile, in: ruleSet))
            #expect(recommendation.referent?.id == referent, "\(date)")
            #expect(recommendation.questions.contains { $0.field == "registered_job_seeker" } == (referent == nil), "\(date)")
        }
    }

    /// A rule of the past that names an entry created later: fine today, wrong on the days the
    /// rule was in force; `check` today says so and names those days.
    @Test func checkFindsAnEntryNotYetInForceOnThePastDays() throws {
        let rules = """
        rules:
          - id: ancien_cej
            title: Un CEJ avant le CEJ
            source: "parcours (essai)"
            valid_until: 2021-12-31
            when: age <= 25
            suggest: [{action: contrat_engagement_jeune, stage: engagement, why: essai}]
        """
        let today = RuleSetLoader.load(TestSupport.shippedFiles(rules: rules), date: "2026-11-22")
        #expect(!today.diagnostics.contains { $0.code == .danglingReference })
        let answer = try Engine(files: TestSupport.shippedFiles(rules: rules)).check(on: "2026-11-22")
        // (The shipped cases name schemes this in-memory rule set does not load: not counted.)
        let found = answer.diagnostics.filter { $0.code == .danglingReference && $0.location.file == "essai.yaml" }
        #expect(found.count == 1)
        let message = try #require(found.first?.message.en)
        #expect(message.hasPrefix("rules in force on "))
        #expect(message.hasSuffix(": \"contrat_engagement_jeune\" is not in force that day (from 2022-03-01), but rule \"ancien_cej\" names it"))
        // Only days the rule is in force: never the day after it ends, nor today.
        #expect(!message.contains("2022-01-01") && !message.contains("2026-11-22"))
        #expect(found.first?.location.line == 7)
        #expect(!answer.passed)
    }

    /// Two routes at the same priority only from a future date: a conflict `check` finds today,
    /// named by the day it starts.
    @Test func checkFindsAConflictThatStartsLater() throws {
        // The two routes of the deep-analysis tests, and a third rule from 2027 at the first one's priority.
        let rules = DeepAnalysisTests().twoRoutes + """

          - id: emploi_des_2027
            title: Très peu autonomes, à partir de 2027
            source: "parcours (essai)"
            priority: 50
            valid_from: 2027-01-01
            when: autonomy = 1
            route: work_first
            why: essai
        """
        let engine = Engine(files: TestSupport.shippedFiles(rules: rules))
        let conflicts = try engine.check(on: "2026-11-22").diagnostics.filter { $0.code == .routeConflict }
        #expect(conflicts.count == 1)
        #expect(conflicts.first?.message.en.hasPrefix("rules in force on 2027-01-01: ") == true)
        #expect(conflicts.first?.message.fr.hasPrefix("règles en vigueur le 2027-01-01 : ") == true)
        // On the day itself, the finding is the day's own: no date added.
        let onTheDay = try engine.check(on: "2027-01-01").diagnostics.filter { $0.code == .routeConflict }
        #expect(onTheDay.count == 1 && onTheDay.first?.message.en.hasPrefix("rules in force") == false)
    }

    /// The shipped cases name entries and rules of 2026: checked on a day of 2014, they still
    /// load (a case is replayed on its own day, or today), and nothing else is wrong that day.
    @Test func theShippedRuleSetChecksOnAPastDay() throws {
        let answer = try Engine(rules: TestSupport.rulesDirectory, scenarios: TestSupport.packageRoot + "/Scenarios").check(on: "2014-06-01")
        #expect(TestSupport.render(answer.diagnostics.filter { $0.severity == .error }) == "")
        #expect(answer.ruleSet?.catalogue.entry("contrat_engagement_jeune") == nil)
        #expect(answer.ruleSet?.otherDaysRuleIDs.contains("cej_jeune_sans_emploi_ni_formation") == true)
    }

    @Test func theDaysCheckedAreEachChangeAndTheDayBefore() {
        let check = BoundaryCheck(files: TestSupport.shippedFiles(), day: "2025-01-01", boundaries: ["2022-03-01", "2025-01-01"])
        #expect(check.days == ["2022-02-28", "2022-03-01", "2024-12-31"])
    }

    @Test func formerNamesGoOldestFirstInsideTheEntrysPeriod() {
        var files = TestSupport.shippedFiles()
        let catalogue = String(decoding: files.catalogue?.bytes ?? [], as: UTF8.self)
        let broken = catalogue.replacingOccurrences(of: """
              - name: Contrat d'engagement réciproque
                valid_until: 2024-12-31
        """, with: """
              - name: Contrat d'engagement réciproque
                valid_until: 2024-12-31
              - name: Contrat d'insertion
                valid_until: 2009-05-31
        """)
        #expect(broken != catalogue)
        files.catalogue = SourceFile(path: "catalogue.yaml", text: broken)
        let found = RuleSetLoader.load(files, date: "2026-11-22").diagnostics.filter { $0.code == .outOfRange }
        #expect(found.map(\.message.en) == ["former names go oldest first: 2009-05-31 is not after 2024-12-31"])
    }
}
