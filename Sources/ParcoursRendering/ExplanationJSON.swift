import ParcoursEngine

/// `explain --format json` and `POST /api/v1/explain/…`: ids under their own keys (`rule`,
/// `scheme`, `id`, `missing`), every string for people in French from `FrenchCondition`.
public enum ExplanationJSON {
    public static func json(_ answer: ExplainAnswer, ruleSet: RuleSet) -> JSONValue {
        let french = FrenchCondition(ruleSet: ruleSet)
        switch answer {
        case .rule(let rule, let node):
            let sources = SourceText(ruleSet: ruleSet)
            return .object([("rule", .string(rule.id)), ("title", .string(rule.title)), ("source", .string(sources.sentence(rule.source))),
                            ("sources", sources.json(rule.source)),
                            ("date", .string(ruleSet.date)), ("verdict", .string(ExplanationText.verdict(node.truth))),
                            ("condition", json(node, french))])
        case .scheme(let scheme, let result, let criteria):
            let items = criteria.map { item in
                JSONValue.object([("id", .string(item.criterion.id)), ("label", .string(item.criterion.label)), ("priority", .bool(item.priority)),
                                  ("condition", json(item.node, french))])
            }
            return .object([("scheme", .string(scheme.id)), ("name", .string(scheme.name)), ("status", .string(result.status.rawValue)),
                            ("status_label", .string(ExplanationText.status(result.status))),
                            ("date", .string(ruleSet.date)), ("criteria", .array(items))])
        }
    }

    /// One node: its sentence, its value (`true`, `false`, `unknown`) and in words, the missing
    /// fields' ids and labels, its parts.
    static func json(_ node: ExplanationNode, _ french: FrenchCondition) -> JSONValue {
        .object([
            ("condition", .string(ExplanationText.capitalized(french.sentence(node)))),
            ("value", .string(node.truth == .yes ? "true" : node.truth == .no ? "false" : "unknown")),
            ("value_label", .string(french.value(node))),
            ("missing", .array(node.missing.map(JSONValue.string))),
            ("missing_labels", .array(french.missingLabels(node).map(JSONValue.string))),
            ("children", .array(node.children.map { json($0, french) })),
        ])
    }
}
