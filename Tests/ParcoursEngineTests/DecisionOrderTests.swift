import Testing
@testable import ParcoursEngine

/// The decision order is written once (`DecisionPlan.decides(_:before:)`, `outranks`) and the
/// invariant it rests on is checked at load: what the shadowing analysis and the evaluator's
/// "this question could change the route" test read.
@Suite("One decision order")
struct DecisionOrderTests {
    func load(_ rules: String) -> LoadResult {
        var files = TestSupport.shippedFiles()
        files.rules = [SourceFile(path: "ordre.yaml", text: rules)]
        return RuleSetLoader.load(files, date: "2026-11-22")
    }

    func rule(_ id: String, priority: Int, when: String, route: String) -> String {
        """
          - id: \(id)
            title: \(id)
            source: "parcours (essai)"
            priority: \(priority)
            when: \(when)
            route: \(route)
            why: essai

        """
    }

    @Test func theOrderIsPriorityThenID() throws {
        let rules = "rules:\n" + rule("b_haut", priority: 60, when: "autonomy <= 2", route: "immersion")
            + rule("c_meme", priority: 50, when: "autonomy = 3", route: "work_first")
            + rule("a_meme", priority: 50, when: "autonomy = 4", route: "immersion")
            + rule("d_bas", priority: 10, when: "autonomy = 5", route: "self_directed")
        let ruleSet = try #require(load(rules).ruleSet)
        #expect(DecisionPlan(ruleSet).order.map { ruleSet.rules[$0].id } == ["b_haut", "a_meme", "c_meme", "d_bas"])
        let byID = Dictionary(uniqueKeysWithValues: ruleSet.rules.map { ($0.id, $0) })
        let (high, same1, same2) = try (#require(byID["b_haut"]), #require(byID["a_meme"]), #require(byID["c_meme"]))
        #expect(DecisionPlan.decides(same1, before: same2) && !DecisionPlan.decides(same2, before: same1))
        #expect(DecisionPlan.outranks(high, same1) && !DecisionPlan.outranks(same1, same2) && !DecisionPlan.outranks(same2, same1))
    }

    /// The invariant the order's doc comment points to: rules of the same priority that can
    /// hold together and give different routes do not load.
    @Test func overlappingDifferentRoutesAtOnePriorityDoNotLoad() {
        let rules = "rules:\n" + rule("a_immersion", priority: 50, when: "autonomy <= 3", route: "immersion")
            + rule("b_emploi", priority: 50, when: "autonomy >= 3", route: "work_first")
        let result = load(rules)
        #expect(result.ruleSet == nil)
        #expect(result.diagnostics.contains { $0.code == .routeConflict })
    }

    /// Same priority, same route, overlapping: valid. The id picks who is credited; neither
    /// analysis treats the earlier rule as able to change the route.
    @Test func sameRouteAtOnePriorityIsNeitherShadowingNorAQuestionThatChangesTheRoute() throws {
        let rules = "rules:\n" + rule("a_refugies", priority: 50, when: "{all: [\"autonomy <= 2\", refugee]}", route: "immersion")
            + rule("b_peu_autonomes", priority: 50, when: "autonomy <= 2", route: "immersion")
            + rule("c_autres", priority: 10, when: "autonomy >= 3", route: "self_directed")
        let result = load(rules)
        let ruleSet = try #require(result.ruleSet, "\(result.diagnostics)")
        #expect(DeepAnalysis(ruleSet: ruleSet).shadowed().isEmpty)
        // (A language barrier: the refugee question is asked only then.)
        let recommendation = Evaluator(ruleSet: ruleSet).recommend(try TestSupport.profile("autonomy: 1\nbarriers: [language]", in: ruleSet))
        #expect(recommendation.route?.rule == "b_peu_autonomes")
        #expect(recommendation.undetermined == ["a_refugies"])
        let refugee = try #require(recommendation.questions.first { $0.field == "refugee" })
        #expect(refugee.changes == [])
        // A rule that outranks the chosen one does change it.
        let outranking = "rules:\n" + rule("a_refugies", priority: 60, when: "{all: [\"autonomy <= 2\", refugee]}", route: "work_first")
            + rule("b_peu_autonomes", priority: 50, when: "autonomy <= 2", route: "immersion")
            + rule("c_autres", priority: 10, when: "autonomy >= 3", route: "self_directed")
        let other = try #require(load(outranking).ruleSet)
        let asked = Evaluator(ruleSet: other).recommend(try TestSupport.profile("autonomy: 1\nbarriers: [language]", in: other))
        #expect(asked.questions.first { $0.field == "refugee" }?.changes == [.route])
    }
}
