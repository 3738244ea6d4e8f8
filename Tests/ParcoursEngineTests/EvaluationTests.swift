import Testing
@testable import ParcoursEngine

@Suite("Evaluation of the shipped rules")
struct EvaluationTests {
    let ruleSet: RuleSet
    init() throws { ruleSet = try TestSupport.shippedRuleSet() }

    func recommend(_ yaml: String) throws -> Recommendation {
        Evaluator(ruleSet: ruleSet).recommend(try TestSupport.profile(yaml, in: ruleSet))
    }

    @Test func emptyProfileGivesNoRouteAndQuestions() throws {
        let result = try recommend("{}")
        #expect(result.route == nil)
        #expect(result.referent == nil)
        #expect(result.fired.isEmpty)
        #expect(result.questions.map(\.field).contains("autonomy"))
        // Questions follow `QuestionOrder`: emergencies first, then the vocabulary's order within each group.
        #expect(Array(result.questions.prefix(2)).allSatisfy { $0.screens != nil })
        let rest = result.questions.dropFirst(2).filter { $0.changes.isEmpty }.compactMap { q in ruleSet.vocabulary.field(named: q.field)?.index }
        #expect(rest == rest.sorted())
    }

    @Test func highestPriorityRouteWins() throws {
        // Housing emergency (90) beats low autonomy (50).
        let result = try recommend("autonomy: 1\nproject: none\nhousing_emergency: true\n")
        #expect(result.route?.id == "lift_barriers_first")
        #expect(result.route?.rule == "logement_urgence_lever_freins")
        #expect(result.fired.contains("autonomie_faible_sans_projet_immersion"))
    }

    @Test func lowAutonomyGivesImmersionOrWorkFirst() throws {
        #expect(try recommend("autonomy: 2\nproject: none\nhousing_emergency: false\n").route?.id == "immersion")
        #expect(try recommend("autonomy: 2\nproject: defined\nhousing_emergency: false\n").route?.id == "work_first")
        #expect(try recommend("autonomy: 5\nhousing_emergency: false\n").route?.id == "self_directed")
    }

    @Test func undecidedHigherRuleAsksItsQuestion() throws {
        // Low autonomy decides the route, but the housing emergency rule could override it: ask.
        // (A language barrier: the refugee question is asked only then.)
        let result = try recommend("autonomy: 2\nproject: none\nbarriers: [language]\n")
        #expect(result.route?.id == "immersion")
        let housing = try #require(result.questions.first { $0.field == "housing_emergency" })
        #expect(housing.rules.contains("logement_urgence_lever_freins"))
        #expect(housing.question == "La personne est-elle sans hébergement ou menacée de le perdre ?")
        #expect(housing.changes == [.route])
        // A rule of lower priority than the chosen route cannot change it.
        let refugee = try #require(result.questions.first { $0.field == "refugee" })
        #expect(refugee.changes == [])
        let age = try #require(result.questions.first { $0.field == "age" })
        #expect(age.changes == [.referent])
    }

    @Test func referentFollowsPriority() throws {
        #expect(try recommend("age: 22").referent?.id == "mission_locale")
        // Without a known registration, France Travail is not asserted: the référent is to be determined.
        #expect(try recommend("age: 40").referent == nil)
        #expect(try recommend("age: 40\nregistered_job_seeker: true").referent?.id == "france_travail")
        #expect(try recommend("age: 40\ndisability_recognised: true").referent?.id == "cap_emploi")
        // Two référents under justice (002, annexe 7): France Travail for insertion, the SPIP for justice.
        let probation = try recommend("age: 40\nregistered_job_seeker: true\njustice_status: probation")
        #expect(probation.referent?.id == "france_travail")
        #expect(probation.referents.first { $0.role == .justice }?.id == "spip")
        #expect(try recommend("age: 22\njustice_status: incarcerated").referent?.id == "mission_locale")
    }

    @Test func stepsAreOrderedByStageThenPriority() throws {
        let result = try recommend("age: 24\nautonomy: 1\nproject: none\nbarriers: [mobility, childcare, language]\ndriving_licence: false\nchildren_under_6: 1\nfrench_level: A1\n")
        let stages = result.steps.map(\.stage.order)
        #expect(stages == stages.sorted())
        #expect(Set(result.steps.map { "\($0.stage.rawValue)/\($0.id)" }).count == result.steps.count, "no duplicate step")
        // organisme_fle is suggested by two rules: one step, with the other rule recorded.
        let fle = try #require(result.steps.first { $0.id == "organisme_fle" })
        #expect(fle.rule == "langue_debutant_formation")
        #expect(fle.alsoSuggestedBy == ["langue_frein_declare"])
    }

    @Test func pmsmpRequiresAge16() throws {
        let young = try recommend("age: 15\nautonomy: 1\nproject: none\n")
        #expect(!young.steps.contains { $0.id == "pmsmp" })
        let adult = try recommend("age: 16\nautonomy: 1\nproject: none\n")
        #expect(adult.steps.contains { $0.id == "pmsmp" })
        let unknownAge = try recommend("autonomy: 1\nproject: none\n")
        // Unknown age: the step is kept (its requirement is not known to fail) and the age is asked.
        #expect(unknownAge.steps.contains { $0.id == "pmsmp" })
        let detained = try recommend("age: 30\nautonomy: 1\nproject: none\njustice_status: incarcerated\n")
        #expect(!detained.steps.contains { $0.id == "pmsmp" })
        #expect(unknownAge.questions.first { $0.field == "age" }?.rules.contains("autonomie_faible_sans_projet_immersion") == true)
    }

    @Test func everyOutcomeNamesItsRule() throws {
        let result = try recommend("age: 30\nautonomy: 2\nproject: defined\nbarriers: [finances, digital]\nrsa_recipient: true\nmonths_unemployed: 30\n")
        let ids = Set(ruleSet.rules.map(\.id))
        #expect(result.route.map { ids.contains($0.rule) } == true)
        #expect(result.referent.map { ids.contains($0.rule) } == true)
        #expect(result.steps.allSatisfy { ids.contains($0.rule) && result.fired.contains($0.rule) })
        #expect(result.referent?.id == "referent_rsa_departement")
    }
}
