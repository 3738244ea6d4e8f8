import Foundation
import ParcoursEngine
import ParcoursRendering

/// The read-only documents of the API: what a client needs to build a form and show results.
enum APIDocuments {
    static func vocabulary(_ ruleSet: RuleSet) -> JSONValue {
        let fields = ruleSet.vocabulary.fields.map { field -> JSONValue in
            var pairs: [(String, JSONValue)] = [
                ("name", .string(field.name)),
                ("type", .string(field.kind.keyword)),
                ("widget", .string(field.kind.widget.rawValue)),
                ("label", .string(field.label)),
                ("question", .string(field.question)),
                ("group", .string(field.group.rawValue)),
            ]
            pairs += field.kind.bounds
            if !field.values.isEmpty {
                pairs.append(("values", .array(field.values.map { .object([("id", .string($0.id)), ("label", .string($0.label))]) })))
            }
            let codec = ruleSet.vocabulary.codecs[field.index]
            if let value = field.defaultValue, let text = codec.json(value) {
                pairs.append(("default", .string(text)))
            }
            return .object(pairs)
        }
        return .object([
            ("fingerprint", .string(ruleSet.fingerprint)),
            ("date", .string(ruleSet.date)),
            ("groups", .array(FieldGroup.allCases.map { .object([("id", .string($0.rawValue)), ("label", .string($0.label))]) })),
            ("fields", .array(fields)),
        ])
    }

    static func catalogue(_ ruleSet: RuleSet) -> JSONValue {
        let catalogue = ruleSet.catalogue
        return .object([
            ("fingerprint", .string(ruleSet.fingerprint)),
            ("routes", .array(catalogue.routes.map { .object([("id", .string($0.route.rawValue)), ("label", .string($0.label)), ("description", .string($0.description))]) })),
            ("stages", .array(catalogue.stages.map { .object([("id", .string($0.stage.rawValue)), ("label", .string($0.label)), ("description", .string($0.description))]) })),
            ("entries", .array(catalogue.entries.map { entry in
                .object([("id", .string(entry.id)), ("name", .string(entry.name)), ("kind", .string(entry.kind.rawValue)),
                         ("description", .string(entry.description)), ("thematiques", .array(entry.thematiques.map(JSONValue.string))),
                         ("reseaux_porteurs", .array(entry.reseauxPorteurs.map(JSONValue.string)))])
            })),
        ])
    }

    static func schemes(_ ruleSet: RuleSet) -> JSONValue {
        .object([
            ("fingerprint", .string(ruleSet.fingerprint)),
            ("schemes", .array(ruleSet.schemes.map { scheme in
                .object([
                    ("id", .string(scheme.id)), ("name", .string(scheme.name)), ("summary", .string(scheme.summary)),
                    ("source", .string(scheme.source)), ("duration", scheme.duration.map(JSONValue.string) ?? .null),
                    ("criteria", .array(scheme.criteria.map { .object([("id", .string($0.id)), ("label", .string($0.label)), ("reason", .string($0.reason))]) })),
                    ("stages", .array(scheme.stages.map { stage in
                        .object([("id", .string(stage.id)), ("label", .string(stage.label)), ("duration", stage.duration.map(JSONValue.string) ?? .null),
                                 ("milestones", .array(stage.milestones.map(JSONValue.string)))])
                    })),
                ])
            })),
        ])
    }

    static func ruleSet(_ ruleSet: RuleSet, snapshot: RuleSetStore.Snapshot, reload: RuleSetStore.ReloadReport?) -> JSONValue {
        let formatter = ISO8601DateFormatter()
        return .object([
            ("fingerprint", .string(ruleSet.fingerprint)),
            ("date", .string(ruleSet.date)),
            ("rules", .int(ruleSet.rules.count)),
            ("facts", .int(ruleSet.facts.count)),
            ("schemes", .int(ruleSet.schemes.count)),
            ("fields", .int(ruleSet.vocabulary.fields.count)),
            ("loaded_at", .string(formatter.string(from: snapshot.loadedAt))),
            ("last_reload", reload.map { report in
                .object([("at", .string(formatter.string(from: report.at))), ("accepted", .bool(report.accepted)),
                         ("errors", .array(report.diagnostics.map(\.json)))])
            } ?? .null),
        ])
    }
}
