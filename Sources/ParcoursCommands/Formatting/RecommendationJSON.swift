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
            ("fired", .array(recommendation.fired.map(JSONValue.string))),
            ("undetermined", .array(recommendation.undetermined.map(JSONValue.string))),
            ("ruleset", .object([
                ("fingerprint", .string(recommendation.fingerprint)),
                ("rules", .int(recommendation.ruleCount)),
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
        ])
    }
}
