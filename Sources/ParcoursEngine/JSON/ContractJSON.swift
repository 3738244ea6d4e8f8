// The JSON contract (README, « Contrat JSON »): what `recommend`, `explain`, `check`, `diff`
// and the server answer, written here once so that the command line and the server share it.

extension Recommendation: Encodable {
    /// The recommendation as the JSON contract writes it.
    public var json: JSONValue {
        .object([
            ("route", route.map(\.json) ?? .null),
            ("referent", referent.map { .string($0.id) } ?? .null),
            ("referent_detail", referent.map(\.json) ?? .null),
            ("steps", .array(steps.map(\.json))),
            ("questions", .array(questions.map(\.json))),
            ("schemes", .array(schemes.map(\.json))),
            ("fired", .array(fired.map(JSONValue.string))),
            ("undetermined", .array(undetermined.map(JSONValue.string))),
            ("ruleset", .object([
                ("fingerprint", .string(fingerprint)),
                ("rules", .int(ruleCount)),
                ("date", .string(date)),
            ])),
        ])
    }

    public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }
}

extension Decision {
    var json: JSONValue {
        .object([
            ("id", .string(id)),
            ("label", .string(label)),
            ("why", .string(why)),
            ("rule", .string(rule)),
            ("priority", .int(priority)),
            ("scheme", scheme.map(JSONValue.string) ?? .null),
        ])
    }
}

extension SchemeResult {
    var json: JSONValue {
        .object([
            ("id", .string(id)),
            ("name", .string(name)),
            ("status", .string(status.rawValue)),
            ("enrolled", .bool(enrolled)),
            ("criteria", .array(criteria.map(\.json))),
            ("priority_criteria", .array(priorityCriteria.map(\.json))),
            ("stage", stage.map { .object([("id", .string($0.id)), ("label", .string($0.label))]) } ?? .null),
        ])
    }
}

extension CriterionResult {
    var json: JSONValue {
        .object([
            ("id", .string(id)),
            ("label", .string(label)),
            ("status", .string(status.rawValue)),
            ("reason", .string(reason)),
            ("missing", .array(missing.map(JSONValue.string))),
        ])
    }
}

extension Step {
    var json: JSONValue {
        .object([
            ("stage", .string(stage.rawValue)),
            ("kind", .string(kind.rawValue)),
            ("id", .string(id)),
            ("label", .string(label)),
            ("why", .string(why)),
            ("rule", .string(rule)),
            ("also_suggested_by", .array(alsoSuggestedBy.map(JSONValue.string))),
        ])
    }
}

extension Question {
    var json: JSONValue {
        .object([
            ("field", .string(field)),
            ("label", .string(label)),
            ("question", .string(question)),
            ("rules", .array(rules.map(JSONValue.string))),
            ("changes", .array(changes.map { .string($0.rawValue) })),
        ])
    }
}

extension ExplanationNode: Encodable {
    /// One node of an explanation: the condition, its value and the fields it misses.
    public var json: JSONValue {
        .object([
            ("condition", .string(text)),
            ("value", .string(truth == .yes ? "true" : truth == .no ? "false" : "unknown")),
            ("missing", .array(missing.map(JSONValue.string))),
            ("children", .array(children.map(\.json))),
        ])
    }

    public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }
}

extension Explainer {
    /// `explain --rule` as JSON: the rule and its condition, node by node.
    public func json(rule: Rule, node: ExplanationNode) -> JSONValue {
        .object([("rule", .string(rule.id)), ("title", .string(rule.title)), ("source", .string(rule.source)),
                 ("date", .string(ruleSet.date)), ("condition", node.json)])
    }

    /// `explain --scheme` as JSON: the status and every criterion, node by node.
    public func json(scheme: Scheme, result: SchemeResult, criteria: [(criterion: Criterion, priority: Bool, node: ExplanationNode)]) -> JSONValue {
        let items = criteria.map { item in
            JSONValue.object([("id", .string(item.criterion.id)), ("label", .string(item.criterion.label)), ("priority", .bool(item.priority)),
                              ("condition", item.node.json)])
        }
        return .object([("scheme", .string(scheme.id)), ("status", .string(result.status.rawValue)),
                        ("date", .string(ruleSet.date)), ("criteria", .array(items))])
    }
}

extension Diagnostic: Encodable {
    /// A diagnostic as JSON: severity, stable code, field (for a profile), file, line, column, message and hint.
    public var json: JSONValue {
        .object([
            ("severity", .string(severity.rawValue)),
            ("code", .string(code.rawValue)),
            ("field", field.map(JSONValue.string) ?? .null),
            ("file", .string(location.file)),
            ("line", .int(location.line)),
            ("column", .int(location.column)),
            ("message", .string(message)),
            ("hint", hint.map(JSONValue.string) ?? .null),
        ])
    }

    public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }
}

extension ImpactReport {
    /// `diff --format json`: counts and examples of each change.
    public func json(date: String) -> JSONValue {
        func changes(_ list: [ImpactReport.Change]) -> JSONValue {
            .array(list.map { change in
                .object([("what", .string(change.what)), ("before", .string(change.before)), ("after", .string(change.after)),
                         ("count", .int(change.count)),
                         ("examples", .array(change.examples.map { .object([("line", .int($0.line)), ("profile", .string($0.text))]) }))])
            })
        }
        return .object([
            ("date", .string(date)),
            ("base", .string(baseFingerprint)),
            ("current", .string(currentFingerprint)),
            ("profiles", .int(profiles)),
            ("refused", .int(refused)),
            ("changed", .int(changed)),
            ("routes", changes(routes)),
            ("referents", changes(referents)),
            ("suggestions", changes(suggestions)),
            ("schemes", changes(schemes)),
        ])
    }
}
