// The JSON contract (docs/contrat-json.md): what `recommend`, `explain`, `check`, `diff`
// and the server answer, written here once so that the command line and the server share it.

extension Recommendation: Encodable {
    /// The recommendation as the JSON contract writes it, into any sink: written once here.
    package func write<Sink: JSONSink>(to sink: inout Sink) {
        write(to: &sink, imported: nil, vocabulary: nil)
    }

    /// The contract, with what an imported diagnosis gave (`import`) when the profile came from one.
    package func write<Sink: JSONSink>(to sink: inout Sink, imported: ImportResult?, vocabulary: Vocabulary?) {
        sink.beginObject()
        sink.field("contract", Self.contractVersion)
        sink.key("route")
        if let route { route.write(to: &sink) } else { sink.null() }
        sink.field("referent", referent?.id)
        sink.key("referent_detail")
        if let referent { referent.write(to: &sink) } else { sink.null() }
        sink.key("referents")
        sink.beginArray()
        for referent in referents {
            sink.beginObject()
            sink.field("role", referent.role?.rawValue ?? ReferentRole.insertion.rawValue)
            sink.field("partner", referent.id)
            sink.field("label", referent.label)
            sink.field("why", referent.why)
            sink.field("rule", referent.rule)
            sink.endObject()
        }
        sink.endArray()
        sink.key("kept_off_paper")
        sink.beginArray()
        for step in keptOffPaper {
            sink.beginObject()
            sink.field("id", step.id)
            sink.field("label", step.label)
            sink.endObject()
        }
        sink.endArray()
        sink.key("next_actions")
        sink.beginArray()
        for action in nextActions { action.write(to: &sink) }
        sink.endArray()
        sink.key("steps")
        sink.beginArray()
        for step in steps { step.write(to: &sink) }
        sink.endArray()
        sink.key("questions")
        sink.beginArray()
        for question in questions { question.write(to: &sink) }
        sink.endArray()
        sink.key("schemes")
        sink.beginArray()
        for scheme in schemes { scheme.write(to: &sink) }
        sink.endArray()
        sink.field("fired", strings: fired)
        sink.field("undetermined", strings: undetermined)
        sink.key("ruleset")
        sink.beginObject()
        sink.field("fingerprint", fingerprint)
        sink.field("rules", ruleCount)
        sink.field("date", date)
        sink.endObject()
        if let imported, let vocabulary {
            sink.key("import")
            imported.write(to: &sink, vocabulary: vocabulary)
        }
        sink.endObject()
    }

    /// The version of the JSON contract (docs/contrat-json.md; CHANGELOG.md records every change).
    public static let contractVersion = 3

    /// The contract's pretty-printed bytes, as `recommend --format json` prints them (no final newline).
    public var jsonBytes: [UInt8] {
        jsonBytes(imported: nil, vocabulary: nil)
    }

    /// The same, with the `import` part when the profile came from a diagnosis.
    public func jsonBytes(imported: ImportResult?, vocabulary: Vocabulary?) -> [UInt8] {
        var sink = JSONBytes(capacity: 16_384)
        write(to: &sink, imported: imported, vocabulary: vocabulary)
        return sink.bytes
    }

    /// The recommendation as a JSON tree.
    public var json: JSONValue {
        var sink = JSONTree()
        write(to: &sink)
        return sink.result
    }

    public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }
}

extension Decision {
    func write<Sink: JSONSink>(to sink: inout Sink) {
        sink.beginObject()
        sink.field("id", id)
        sink.field("label", label)
        sink.field("why", why)
        sink.field("rule", rule)
        sink.field("priority", priority)
        sink.field("scheme", scheme)
        sink.endObject()
    }
}

extension SchemeResult {
    func write<Sink: JSONSink>(to sink: inout Sink) {
        sink.beginObject()
        sink.field("id", id)
        sink.field("name", name)
        sink.field("status", status.rawValue)
        sink.field("advice", advice.rawValue)
        sink.field("verify_locally", verifyLocally)
        sink.field("enrolled", enrolled)
        sink.field("chosen", chosen)
        sink.key("criteria")
        sink.beginArray()
        for criterion in criteria { criterion.write(to: &sink) }
        sink.endArray()
        sink.key("priority_criteria")
        sink.beginArray()
        for criterion in priorityCriteria { criterion.write(to: &sink) }
        sink.endArray()
        sink.key("cautions")
        sink.beginArray()
        for criterion in cautions { criterion.write(to: &sink) }
        sink.endArray()
        sink.key("stage")
        if let stage {
            sink.beginObject()
            sink.field("id", stage.id)
            sink.field("label", stage.label)
            sink.endObject()
        } else {
            sink.null()
        }
        sink.endObject()
    }
}

extension CriterionResult {
    func write<Sink: JSONSink>(to sink: inout Sink) {
        sink.beginObject()
        sink.field("id", id)
        sink.field("label", label)
        sink.field("status", status.rawValue)
        sink.field("reason", reason)
        sink.field("missing", strings: missing)
        sink.endObject()
    }
}

extension Step {
    func write<Sink: JSONSink>(to sink: inout Sink) {
        sink.beginObject()
        sink.field("stage", stage.rawValue)
        sink.field("kind", kind.rawValue)
        sink.field("id", id)
        sink.field("label", label)
        sink.field("why", why)
        sink.field("rule", rule)
        sink.field("also_suggested_by", strings: alsoSuggestedBy)
        sink.field("severity", severity?.rawValue)
        sink.field("discreet", discreet)
        sink.field("discreet_reason", discreetReason)
        sink.field("thematiques", strings: thematiques)
        sink.field("reseaux_porteurs", strings: reseauxPorteurs)
        if let services {
            sink.key("services")
            sink.beginArray()
            for service in services { service.write(to: &sink) }
            sink.endArray()
        }
        sink.endObject()
    }
}

extension NextAction {
    func write<Sink: JSONSink>(to sink: inout Sink) {
        sink.beginObject()
        sink.field("id", id)
        sink.field("kind", kind.rawValue)
        sink.field("label", label)
        sink.field("why", why)
        sink.field("stage", stage.rawValue)
        sink.field("urgent", urgent)
        sink.field("severity", severity?.rawValue)
        sink.field("discreet", discreet)
        sink.endObject()
    }
}

extension Question {
    func write<Sink: JSONSink>(to sink: inout Sink) {
        sink.beginObject()
        sink.field("field", field)
        sink.field("label", label)
        sink.field("question", question)
        sink.field("rules", strings: rules)
        sink.field("changes", strings: changes.map(\.rawValue))
        sink.field("screens", screens?.rawValue)
        sink.endObject()
    }
}

extension Diagnostic: Encodable {
    /// A diagnostic as JSON, message and hint in French.
    public var json: JSONValue { json(in: .fr) }

    /// A diagnostic as JSON: severity, stable code, field (for a profile), file, line, column,
    /// message and hint; `notes` (file, line, column, message of each other place) when it has some.
    public func json(in language: Language) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("severity", .string(severity.rawValue)),
            ("code", .string(code.rawValue)),
            ("field", field.map(JSONValue.string) ?? .null),
            ("file", .string(location.file)),
            ("line", .int(location.line)),
            ("column", .int(location.column)),
            ("message", .string(message.text(language))),
            ("hint", hint.map { .string($0.text(language)) } ?? .null),
        ]
        if !notes.isEmpty {
            pairs.append(("notes", .array(notes.map { note in
                .object([("file", .string(note.location.file)), ("line", .int(note.location.line)),
                         ("column", .int(note.location.column)), ("message", .string(note.message.text(language)))])
            })))
        }
        return .object(pairs)
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
