/// A condition's evaluation for one profile, node by node, for authors asking "why did this
/// rule (not) apply?". The engine says no sentence: `ParcoursRendering` words each node in
/// French from its `condition` (`FrenchCondition`).
public struct ExplanationNode: Sendable, Equatable {
    /// The condition as written (`age >= 26`), or its connective (`all`, `any`, `not`, `fact jeune`):
    /// for authors and tests, never shown to counsellors.
    public var text: String
    /// The part of the condition this node evaluates (its children are its parts).
    public var condition: Condition
    public var truth: Truth
    /// Unknown fields that keep this node undecided, by position in the vocabulary.
    public var missingFields: [Int]
    /// Their ids (`age`).
    public var missing: [String]
    public var children: [ExplanationNode]

    /// Equal when they read the same: the written text, the value, what is missing and the parts.
    public static func == (lhs: ExplanationNode, rhs: ExplanationNode) -> Bool {
        lhs.text == rhs.text && lhs.truth == rhs.truth && lhs.missing == rhs.missing && lhs.children == rhs.children
    }
}

/// Explains, condition by condition, a rule or a scheme's criteria for one profile.
package struct Explainer: Sendable {
    let ruleSet: RuleSet
    let evaluator: ConditionEvaluator

    /// Each node of the written condition is lowered and evaluated by `ConditionEvaluator`:
    /// the explanation shows the same meaning that decided.
    package init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        self.evaluator = ConditionEvaluator(ruleSet: ruleSet)
    }

    /// The rule's condition as a tree of evaluated nodes.
    package func explain(_ rule: Rule, for profile: Profile) -> ExplanationNode {
        node(rule.condition, profile.withDefaults(from: ruleSet.vocabulary))
    }

    /// One evaluated tree per criterion of the scheme (priority criteria after), with its id.
    package func explain(_ scheme: Scheme, for profile: Profile) -> [(criterion: Criterion, priority: Bool, node: ExplanationNode)] {
        let profile = profile.withDefaults(from: ruleSet.vocabulary)
        return scheme.criteria.map { ($0, false, node($0.condition, profile)) }
            + scheme.priorityCriteria.map { ($0, true, node($0.condition, profile)) }
    }

    private func node(_ condition: Condition, _ profile: Profile) -> ExplanationNode {
        let outcome = evaluator.evaluate(condition, for: profile)
        let missing = outcome.missing.map { ruleSet.vocabulary.fields[$0].name }
        func make(_ text: String, _ children: [ExplanationNode] = []) -> ExplanationNode {
            ExplanationNode(text: text, condition: condition, truth: outcome.truth, missingFields: outcome.missing, missing: missing, children: children)
        }
        switch condition {
        case .always: return make("always")
        case .all(let items): return make("all", items.map { node($0, profile) })
        case .any(let items): return make("any", items.map { node($0, profile) })
        case .not(let inner): return make("not", [node(inner, profile)])
        case .dated(let inner, let validity): return make("in force \(validity)", [node(inner, profile)])
        case .comparison(let comparison): return make(comparison.text)
        case .fact(let name, _):
            guard let fact = ruleSet.fact(named: name) else { return make("fact \(name)") }
            return make("fact \(name) (\(fact.label))", [node(fact.condition, profile)])
        case .test(let test): return make(describe(test))
        }
    }

    /// A raw test as text (`enrolled_schemes includes sma`).
    private func describe(_ test: Test) -> String {
        guard test.key.field < ruleSet.vocabulary.fields.count else { return "?" }
        let field = ruleSet.vocabulary.fields[test.key.field]
        if let element = test.key.element, element < field.values.count {
            return "\(field.name) \(test.allowed.contains(1) ? "includes" : "excludes") \(field.values[element].id)"
        }
        return "\(field.name) in \(test.allowed)"
    }
}
