import Testing
@testable import ParcoursEngine

@Suite("Conditions: parsing and three-valued evaluation")
struct ConditionTests {
    let ruleSet: RuleSet
    init() throws { ruleSet = try TestSupport.shippedRuleSet() }

    func condition(_ text: String) throws -> Condition {
        var parser = ComparisonParser(text: text, origin: SourceLocation(file: "t.yaml", line: 1, column: 1), exact: true,
                                      vocabulary: ruleSet.vocabulary, facts: FactNames(ruleSet.facts.map(\.name)))
        guard let condition = parser.parse() else { throw TestFailure("does not parse: \(parser.diagnostics)") }
        return condition
    }

    func truth(_ text: String, _ profile: String) throws -> Truth {
        let evaluator = ConditionEvaluator(ruleSet: ruleSet)
        return evaluator.evaluate(try condition(text), for: try TestSupport.profile(profile, in: ruleSet)).truth
    }

    @Test(arguments: [
        ("age between 18 and 25", "age: 18", Truth.yes),
        ("age between 18 and 25", "age: 25", .yes),
        ("age between 18 and 25", "age: 26", .no),
        ("age between 18 and 25", "age: 17", .no),
        ("age < 26", "age: 25", .yes),
        ("age > 25", "age: 25", .no),
        ("age != 30", "age: 30", .no),
        ("french_level <= A2", "french_level: A1", .yes),
        ("french_level <= A2", "french_level: B1", .no),
        ("french_level between A1 and B1", "french_level: none", .no),
        ("qualification >= bac", "qualification: higher", .yes),
        ("justice_status in [incarcerated, sentence_adjustment]", "justice_status: sentence_adjustment", .yes),
        ("justice_status not in [incarcerated, sentence_adjustment]", "justice_status: none", .yes),
        ("justice_status is released", "justice_status: released", .yes),
        ("barriers includes childcare", "barriers: [mobility, childcare]", .yes),
        ("barriers includes childcare", "barriers: []", .no),
        ("barriers excludes childcare", "barriers: [mobility]", .yes),
        ("barriers includes any [housing, health]", "barriers: [health]", .yes),
        ("barriers includes all [housing, health]", "barriers: [health]", .no),
        ("vehicle", "vehicle: true", .yes),
        ("not vehicle", "vehicle: true", .no),
        ("vehicle = false", "vehicle: false", .yes),
        ("jeune", "age: 25", .yes),
        ("jeune", "age: 26", .no),
        ("age < 26", "gender: male", .unknown),
        ("barriers includes childcare", "age: 30", .unknown),
    ])
    func comparison(text: String, profile: String, expected: Truth) throws {
        #expect(try truth(text, profile) == expected)
    }

    @Test func unknownFieldsOnlyMatterWhenUndecided() throws {
        let evaluator = ConditionEvaluator(ruleSet: ruleSet)
        let any = Condition.any([try condition("age < 26"), try condition("vehicle")])
        let all = Condition.all([try condition("age < 26"), try condition("vehicle")])
        let young = try TestSupport.profile("age: 20", in: ruleSet)
        let old = try TestSupport.profile("age: 40", in: ruleSet)
        #expect(evaluator.evaluate(any, for: young) == ConditionOutcome(truth: .yes, missing: []))
        #expect(evaluator.evaluate(all, for: old) == ConditionOutcome(truth: .no, missing: []))
        let vehicle = try #require(ruleSet.vocabulary.field(named: "vehicle")).index
        #expect(evaluator.evaluate(all, for: young) == ConditionOutcome(truth: .unknown, missing: [vehicle]))
        #expect(evaluator.evaluate(.not(all), for: young).truth == .unknown)
    }

    @Test(arguments: [
        ("agee < 26", "unknown-field", "did you mean \"age\"?"),
        ("barriers includes chilcare", "unknown-value", "did you mean \"childcare\"?"),
        ("gender < female", "operator-mismatch", nil),
        ("age > 200", "out-of-range", nil),
        ("barriers = mobility", "operator-mismatch", nil),
        ("age between 30 and 20", "out-of-range", nil),
        ("justice_status in [incarcerated", "condition-syntax", "add the closing ]"),
        ("vehicle = yes", "type-mismatch", "write true or false"),
        ("age", "operator-mismatch", nil),
        ("age < 26 extra", "condition-syntax", nil),
        ("jeune = true", "condition-syntax", nil),
        ("age ~ 3", "condition-syntax", nil),
    ] as [(String, String, String?)])
    func badComparisons(text: String, code: String, hint: String?) {
        var parser = ComparisonParser(text: text, origin: SourceLocation(file: "t.yaml", line: 4, column: 9), exact: true,
                                      vocabulary: ruleSet.vocabulary, facts: FactNames(ruleSet.facts.map(\.name)))
        #expect(parser.parse() == nil)
        #expect(parser.diagnostics.map(\.code.rawValue) == [code])
        if let hint { #expect(parser.diagnostics.first?.hint?.en == hint) }
    }

    @Test func errorsPointAtTheWrongWord() {
        var parser = ComparisonParser(text: "barriers includes chilcare", origin: SourceLocation(file: "t.yaml", line: 4, column: 9),
                                      exact: true, vocabulary: ruleSet.vocabulary, facts: FactNames([]))
        _ = parser.parse()
        #expect(parser.diagnostics.first?.location == SourceLocation(file: "t.yaml", line: 4, column: 27))
    }

    /// An empty list says so, at the list (not « un nombre entier attendu … « ] » »).
    @Test func anEmptyListSaysItIsEmpty() {
        var parser = ComparisonParser(text: "age in []", origin: SourceLocation(file: "t.yaml", line: 1, column: 1),
                                      exact: true, vocabulary: ruleSet.vocabulary, facts: FactNames([]))
        #expect(parser.parse() == nil)
        #expect(parser.diagnostics.first?.message.fr.hasPrefix("la liste est vide") == true)
        #expect(parser.diagnostics.first?.location == SourceLocation(file: "t.yaml", line: 1, column: 8))
    }

    /// A key over YAML's 1,024-character limit is named as too long, with its length.
    @Test func anOverlongKeyIsNamedAsSuch() throws {
        let engine = Engine(rules: TestSupport.rulesDirectory)
        do {
            _ = try engine.profile(SourceFile(path: "p.yaml", text: String(repeating: "k", count: 5000) + ": 1\n"), on: "2026-11-22")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.message.fr.contains("clé trop longue") == true)
            #expect(error.diagnostics.first?.message.fr.contains("5000") == true)
        }
    }
}
