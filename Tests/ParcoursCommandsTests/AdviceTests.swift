import Testing
@testable import ParcoursEngine
import ParcoursRendering

/// Issue 36: the advice cannot hurt. The default text is short and says each entry once, the
/// person's sheet keeps violence off paper unless asked, urgencies come in one order.
@Suite("Advice: short text, discreet sheet, urgency order")
struct AdviceTests {
    let date = "2026-12-07"

    /// The initial profile of every shipped case, evaluated on the case's own date.
    private func shippedProfiles() throws -> [(name: String, answer: RecommendAnswer)] {
        let engine = Engine(rules: Support.rules, scenarios: Support.scenarios)
        let checked = try engine.check(on: date)
        #expect(checked.cases.count >= 80)
        return try checked.cases.map { scenarioCase in
            var profile = Profile()
            for change in scenarioCase.steps.first?.changes ?? [] { profile[change.field] = change.value }
            return (scenarioCase.file, try engine.recommend(.profile(profile), on: scenarioCase.date ?? date))
        }
    }

    @Test func theDefaultTextIsShortOverEveryShippedCase() throws {
        let counts = try shippedProfiles().map { item in
            (item.name, RecommendationText.render(item.answer.recommendation).split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.count)
        }
        let mean = Double(counts.map(\.1).reduce(0, +)) / Double(counts.count)
        let longest = counts.max { $0.1 < $1.1 }
        #expect(mean <= 40, "mean \(mean) non-blank lines")
        #expect((longest?.1 ?? 0) <= 55, "longest: \(longest.map { "\($0.0) \($0.1)" } ?? "")")
    }

    @Test func theDefaultTextNeverRepeatsANextActionInThePlan() throws {
        for (name, answer) in try shippedProfiles() {
            let lines = RecommendationText.render(answer.recommendation).split(separator: "\n").map(String.init)
            for (number, action) in answer.recommendation.nextActions.enumerated() {
                // The text is in French typography (l’emploi), like every text people read.
                let label = FrenchText.typography(action.label)
                #expect(lines.contains { $0.hasPrefix("  \(number + 1). \(label)") }, "\(name): « \(label) » is not a next action")
                #expect(!lines.contains("     - \(label)"), "\(name): « \(label) » is repeated in the plan")
            }
        }
    }

    @Test func theSheetOfAPersonFacingViolenceSaysNothingOfItUnlessAsked() throws {
        let engine = Engine(rules: Support.rules, scenarios: Support.scenarios)
        var profile = Profile()
        let rules = try engine.rules(on: date)
        for (name, value) in [("age", FieldValue.scalar(34)), ("domestic_violence", .scalar(1))] {
            guard let field = rules.ruleSet.vocabulary.field(named: name) else { Issue.record("no field \(name)"); return }
            profile[field.index] = value
        }
        if let gender = rules.ruleSet.vocabulary.field(named: "gender"), let female = gender.valueIndex(of: "female") {
            profile[gender.index] = .scalar(female)
        }
        let answer = try engine.recommend(.profile(profile), on: date)
        let sheet = PersonSheet.render(answer.sheet()).lowercased()
        for word in ["violence", "3919", "victime", "cidff", "sécurité"] { #expect(!sheet.contains(word), "« \(word) » on the sheet") }
        let asked = PersonSheet.render(answer.sheet(includeDiscreet: true)).lowercased()
        #expect(asked.contains("votre sécurité d\u{2019}abord") && asked.contains("3919"))
        let text = RecommendationText.render(answer.recommendation)
        #expect(text.hasPrefix("HORS DE LA FICHE REMISE\n"))
    }

    @Test func urgenciesComeInTheOrderOfTheScale() {
        func step(_ id: String, _ stage: Stage, _ urgency: Urgency?, afterPlan: Bool = false) -> Step {
            Step(stage: stage, stageLabel: stage.rawValue, kind: .action, id: id, label: id, why: "", rule: "r", alsoSuggestedBy: [],
                 severity: urgency, afterPlan: afterPlan, priority: 10)
        }
        let steps = [step("contrat", .engagement, nil, afterPlan: true), step("garde", .engagement, .childcare), step("siao", .barriers, .shelter),
                     step("offres", .transition, nil), step("ateliers", .skills, nil)]
        #expect(NextActions.choose(from: steps).map(\.id) == ["siao", "garde", "ateliers"])
        let calm = [step("contrat", .engagement, nil, afterPlan: true), step("ateliers", .skills, nil)]
        #expect(NextActions.choose(from: calm).map(\.id) == ["ateliers", "contrat"])
        // Two contracts (the CEJ and another) still do not come first.
        let contracts = [step("contrat", .engagement, nil, afterPlan: true), step("cej", .engagement, nil, afterPlan: true), step("ateliers", .skills, nil)]
        #expect(NextActions.choose(from: contracts).map(\.id) == ["ateliers", "contrat", "cej"])
    }
}
