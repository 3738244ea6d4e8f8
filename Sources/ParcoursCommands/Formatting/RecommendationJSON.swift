import ParcoursEngine

/// The JSON contract of `parcours recommend --format json` (documented in the README).
public enum RecommendationJSON {
    public static func render(_ recommendation: Recommendation) -> String {
        value(recommendation).rendered() + "\n"
    }

    public static func value(_ recommendation: Recommendation) -> JSONValue {
        .object([
            ("route", recommendation.route.map(decision) ?? .null),
            ("referent", recommendation.referent.map { .string($0.id) } ?? .null),
            ("referent_detail", recommendation.referent.map(decision) ?? .null),
            ("steps", .array(recommendation.steps.map(step))),
            ("questions", .array(recommendation.questions.map(question))),
            ("schemes", .array(recommendation.schemes.map(scheme))),
            ("fired", .array(recommendation.fired.map(JSONValue.string))),
            ("undetermined", .array(recommendation.undetermined.map(JSONValue.string))),
            ("ruleset", .object([
                ("fingerprint", .string(recommendation.fingerprint)),
                ("rules", .int(recommendation.ruleCount)),
                ("date", .string(recommendation.date)),
            ])),
        ])
    }

    private static func decision(_ decision: Decision) -> JSONValue {
        .object([
            ("id", .string(decision.id)),
            ("label", .string(decision.label)),
            ("why", .string(decision.why)),
            ("rule", .string(decision.rule)),
            ("priority", .int(decision.priority)),
            ("scheme", decision.scheme.map(JSONValue.string) ?? .null),
        ])
    }

    private static func scheme(_ scheme: SchemeResult) -> JSONValue {
        .object([
            ("id", .string(scheme.id)),
            ("name", .string(scheme.name)),
            ("status", .string(scheme.status.rawValue)),
            ("enrolled", .bool(scheme.enrolled)),
            ("criteria", .array(scheme.criteria.map(criterion))),
            ("priority_criteria", .array(scheme.priorityCriteria.map(criterion))),
            ("stage", scheme.stage.map { .object([("id", .string($0.id)), ("label", .string($0.label))]) } ?? .null),
        ])
    }

    private static func criterion(_ criterion: CriterionResult) -> JSONValue {
        .object([
            ("id", .string(criterion.id)),
            ("label", .string(criterion.label)),
            ("status", .string(criterion.status.rawValue)),
            ("reason", .string(criterion.reason)),
            ("missing", .array(criterion.missing.map(JSONValue.string))),
        ])
    }

    private static func step(_ step: Step) -> JSONValue {
        .object([
            ("stage", .string(step.stage.rawValue)),
            ("kind", .string(step.kind.rawValue)),
            ("id", .string(step.id)),
            ("label", .string(step.label)),
            ("why", .string(step.why)),
            ("rule", .string(step.rule)),
            ("also_suggested_by", .array(step.alsoSuggestedBy.map(JSONValue.string))),
        ])
    }

    private static func question(_ question: Question) -> JSONValue {
        .object([
            ("field", .string(question.field)),
            ("label", .string(question.label)),
            ("question", .string(question.question)),
            ("rules", .array(question.rules.map(JSONValue.string))),
            ("changes", .array(question.changes.map(JSONValue.string))),
        ])
    }
}
