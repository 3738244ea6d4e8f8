/// A canonical text of a rule set's meaning: same content gives the same text whatever the
/// file layout, comments, key order in rules or positions. Rules are listed by id.
enum CanonicalForm {
    static func text(vocabulary: Vocabulary, catalogue: Catalogue, facts: [Fact], rules: [Rule], schemes: [Scheme]) -> String {
        var lines: [String] = ["parcours-ruleset 1"]
        for field in vocabulary.fields {
            lines.append("field \(field.name) \(field.type.keyword) \(quoted(field.label)) \(quoted(field.question))")
            if case .integer(let min, let max) = field.type { lines.append("  range \(min) \(max)") }
            if let when = vocabulary.askWhen[field.index] { lines.append("  ask_when \(condition(when))") }
            switch field.defaultValue {
            case .scalar(let value): lines.append("  default \(value)")
            case .set(let mask): lines.append("  default set \(mask)")
            case nil: break
            }
            for value in field.values {
                let links = [value.links.dataInclusion, value.links.franceTravail, value.links.carnetDeBord].map { $0 ?? "-" }
                lines.append("  value \(value.id) \(quoted(value.label)) \(links.joined(separator: " "))")
            }
        }
        for route in catalogue.routes {
            lines.append("route \(route.route.rawValue) \(quoted(route.label)) \(quoted(route.description))")
            for step in route.followUp { lines.append("  follow_up \(step.entry) \(step.stage.rawValue) \(quoted(step.why))") }
        }
        for stage in catalogue.stages { lines.append("stage \(stage.stage.rawValue) \(quoted(stage.label)) \(quoted(stage.description))") }
        for entry in catalogue.entries.sorted(by: { $0.id < $1.id }) {
            lines.append("entry \(entry.id) \(entry.kind.rawValue) \(quoted(entry.name)) \(quoted(entry.description))")
            lines.append("  thematiques \(entry.thematiques.joined(separator: " "))")
            lines.append("  reseaux \(entry.reseauxPorteurs.joined(separator: " "))")
            lines.append("  requires \(condition(entry.requires))")
            lines.append("  source \(quoted(entry.source ?? ""))")
            if entry.urgent { lines.append("  urgent") }
        }
        for fact in facts.sorted(by: { $0.name < $1.name }) {
            lines.append("fact \(fact.name) \(quoted(fact.label)) \(condition(fact.condition)) \(quoted(fact.source ?? ""))")
        }
        for scheme in schemes.sorted(by: { $0.id < $1.id }) {
            lines.append("scheme \(scheme.id) \(quoted(scheme.name)) \(quoted(scheme.summary)) \(quoted(scheme.source)) \(quoted(scheme.duration ?? ""))")
            for (kind, criteria) in [("criterion", scheme.criteria), ("priority", scheme.priorityCriteria), ("caution", scheme.cautions)] {
                for criterion in criteria {
                    lines.append("  \(kind) \(criterion.id) \(quoted(criterion.label)) \(quoted(criterion.reason)) \(condition(criterion.condition))")
                }
            }
            for stage in scheme.stages {
                lines.append("  stage \(stage.id) \(quoted(stage.label)) \(quoted(stage.duration ?? "")) \(stage.milestones.map(quoted).joined(separator: " ")) \(stage.when.map(condition) ?? "-")")
            }
            for partner in scheme.partners { lines.append("  partner \(partner.partner) \(quoted(partner.role))") }
        }
        for rule in rules.sorted(by: { $0.id < $1.id }) {
            lines.append("rule \(rule.id) \(rule.priority) \(quoted(rule.title)) \(quoted(rule.source))")
            lines.append("  when \(condition(rule.condition))")
            lines.append("  route \(rule.route?.rawValue ?? "-") referent \(rule.referent ?? "-")\(rule.referentRole == .insertion ? "" : "/" + rule.referentRole.rawValue) why \(quoted(rule.why ?? ""))")
            for suggestion in rule.suggestions {
                lines.append("  suggest \(suggestion.kind.rawValue) \(suggestion.entry) \(suggestion.stage.rawValue) \(quoted(suggestion.why))\(suggestion.followsRoute ? " follows-route" : "")")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func condition(_ condition: Condition) -> String {
        switch condition {
        case .always: return "(always)"
        case .all(let items): return "(all " + items.map(Self.condition).joined(separator: " ") + ")"
        case .any(let items): return "(any " + items.map(Self.condition).joined(separator: " ") + ")"
        case .not(let inner): return "(not " + Self.condition(inner) + ")"
        case .comparison(let comparison): return Self.condition(comparison.meaning)
        case .fact(let name, _): return "(fact \(name))"
        case .dated(let inner, let validity): return "(dated \(validity) " + Self.condition(inner) + ")"
        case .test(let test):
            return "(in \(test.key.field)\(test.key.element.map { ".\($0)" } ?? "") \(test.allowed))"
        }
    }

    /// `text` between double quotes, with backslash, quote and newline escaped.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
