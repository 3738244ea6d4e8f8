import Testing
import ParcoursEngine
@testable import ParcoursCommands
import ParcoursRendering

/// The documentation says conditions made of comparisons in the core's normal form: negation
/// pushed down by `CoreCondition.normalForm`, not by the renderer.
@Suite("Conditions in French, in normal form")
struct FrenchConditionTests {
    @Test func negationIsPushedDownByTheCore() throws {
        let ruleSet = try #require(RuleSetLoader.load(directory: Support.rules, date: "2026-11-22").ruleSet)
        let french = FrenchCondition(ruleSet: ruleSet)
        let barriers = try #require(ruleSet.vocabulary.field(named: "barriers"))
        let age = try #require(ruleSet.vocabulary.field(named: "age"))
        guard case .integer(let low, let high) = age.type else {
            Issue.record("age is not an integer field")
            return
        }
        let includes = { (element: Int) in Condition.test(Test(key: ValueKey(field: barriers.index, element: element), allowed: ValueSet(1))) }
        let adult = Condition.test(Test(key: ValueKey(field: age.index), allowed: ValueSet([18...high])))
        // not (any [a, b]) is all [not a, not b]; not (age >= 18) is age <= 17.
        #expect(french.text(.not(.any([includes(0), includes(1), adult])))
            == "\(barriers.label) : ne comprend pas « \(barriers.values[0].label) » et \(barriers.label) : ne comprend pas « \(barriers.values[1].label) »"
            + " et \(age.label) ≤ 17")
        #expect(low < 17)
        #expect(french.text(.not(.not(adult))) == "\(age.label) ≥ 18")
        // A fact keeps its name: its negation is said, not expanded.
        let fact = try #require(ruleSet.facts.first)
        #expect(french.text(.not(.fact(name: fact.name, location: fact.location))) == "il est faux que : « \(fact.label) »")
    }
}
