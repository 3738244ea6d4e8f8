/// A canonical text of a rule set's meaning: same content gives the same text whatever the
/// file layout, comments, key order in rules or positions. Rules are listed by id.
///
/// Written as UTF-8 bytes straight into one buffer (it is hashed on every load, so no
/// intermediate strings per line).
enum CanonicalForm {
    static func text(vocabulary: Vocabulary, catalogue: Catalogue, facts: [Fact], rules: [Rule], schemes: [Scheme]) -> [UInt8] {
        var out = Writer()
        out.line("parcours-ruleset 1")
        for field in vocabulary.fields {
            out.put("field ", field.name, " ", field.kind.keyword, " "); out.quoted(field.label); out.put(" "); out.quoted(field.question); out.end()
            for detail in field.kind.canonicalDetails { out.line("  " + detail) }
            if let when = vocabulary.askWhen[field.index] { out.put("  ask_when "); out.condition(when); out.end() }
            if let screens = field.screens { out.line("  screens " + screens.rawValue) }
            switch field.defaultValue {
            case .scalar(let value): out.line("  default \(value)")
            case .set(let mask): out.line("  default set \(mask)")
            case nil: break
            }
            for value in field.values {
                let links = [value.links.dataInclusion, value.links.franceTravail, value.links.carnetDeBord].map { $0 ?? "-" }
                out.put("  value ", value.id, " "); out.quoted(value.label); out.put(" ", links.joined(separator: " ")); out.end()
            }
        }
        for route in catalogue.routes {
            out.put("route ", route.route.rawValue, " "); out.quoted(route.label); out.put(" "); out.quoted(route.description); out.end()
            for step in route.followUp {
                out.put("  follow_up ", step.entry, " ", step.stage.rawValue, " "); out.quoted(step.why); out.end()
            }
        }
        for stage in catalogue.stages {
            out.put("stage ", stage.stage.rawValue, " "); out.quoted(stage.label); out.put(" "); out.quoted(stage.description); out.end()
        }
        for entry in catalogue.entries.sorted(by: { $0.id < $1.id }) {
            out.put("entry ", entry.id, " ", entry.kind.rawValue, " "); out.quoted(entry.name); out.put(" "); out.quoted(entry.description); out.end()
            out.line("  thematiques " + entry.thematiques.joined(separator: " "))
            out.line("  reseaux " + entry.reseauxPorteurs.joined(separator: " "))
            out.put("  requires "); out.condition(entry.requires); out.end()
            out.put("  source "); out.quoted(entry.source ?? ""); out.end()
            if let severity = entry.severity { out.line("  severity " + severity.rawValue) }
            if entry.discreet { out.line("  discreet") }
            if let when = entry.discreetWhen { out.put("  discreet_when "); out.condition(when); out.end() }
            if entry.afterPlan { out.line("  after_plan") }
            if entry.reengagement { out.line("  reengagement") }
        }
        for fact in facts.sorted(by: { $0.name < $1.name }) {
            out.put("fact ", fact.name, " "); out.quoted(fact.label); out.put(" "); out.condition(fact.condition)
            out.put(" "); out.quoted(fact.source ?? ""); out.end()
        }
        for scheme in schemes.sorted(by: { $0.id < $1.id }) {
            out.put("scheme ", scheme.id)
            for text in [scheme.name, scheme.summary, scheme.source, scheme.duration ?? ""] { out.put(" "); out.quoted(text) }
            if let verify = scheme.verifyLocally { out.put(" verify_locally "); out.quoted(verify) }
            out.end()
            for (kind, criteria) in [("criterion", scheme.criteria), ("priority", scheme.priorityCriteria), ("caution", scheme.cautions)] {
                for criterion in criteria {
                    out.put("  ", kind, " ", criterion.id, " "); out.quoted(criterion.label); out.put(" "); out.quoted(criterion.reason)
                    out.put(" "); out.condition(criterion.condition)
                    if criterion.sensitive { out.put(" sensitive") }
                    out.end()
                }
            }
            for stage in scheme.stages {
                out.put("  stage ", stage.id, " "); out.quoted(stage.label); out.put(" "); out.quoted(stage.duration ?? ""); out.put(" ")
                for (index, milestone) in stage.milestones.enumerated() {
                    if index > 0 { out.put(" ") }
                    out.quoted(milestone)
                }
                out.put(" ")
                if let when = stage.when { out.condition(when) } else { out.put("-") }
                out.end()
            }
            for partner in scheme.partners { out.put("  partner ", partner.partner, " "); out.quoted(partner.role); out.end() }
        }
        for rule in rules.sorted(by: { $0.id < $1.id }) {
            out.put("rule ", rule.id, " ", String(rule.priority), " "); out.quoted(rule.title); out.put(" "); out.quoted(rule.source); out.end()
            out.put("  when "); out.condition(rule.condition); out.end()
            out.put("  route ", rule.route?.rawValue ?? "-", " referent ", rule.referent ?? "-")
            if rule.referentRole != .insertion { out.put("/", rule.referentRole.rawValue) }
            out.put(" why "); out.quoted(rule.why ?? ""); out.end()
            for suggestion in rule.suggestions {
                out.put("  suggest ", suggestion.kind.rawValue, " ", suggestion.entry, " ", suggestion.stage.rawValue, " "); out.quoted(suggestion.why)
                if suggestion.followsRoute { out.put(" follows-route") }
                if suggestion.discreetReason { out.put(" discreet") }
                out.end()
            }
        }
        return out.bytes
    }

    /// The growing canonical text.
    private struct Writer {
        var bytes: [UInt8] = []

        mutating func put(_ text: String) { bytes.append(contentsOf: text.utf8) }

        // A few parts at once without the array a variadic call would allocate.
        mutating func put(_ a: String, _ b: String) { put(a); put(b) }
        mutating func put(_ a: String, _ b: String, _ c: String) { put(a); put(b); put(c) }
        mutating func put(_ a: String, _ b: String, _ c: String, _ d: String) { put(a, b); put(c, d) }
        mutating func put(_ a: String, _ b: String, _ c: String, _ d: String, _ e: String) { put(a, b); put(c, d); put(e) }
        mutating func put(_ a: String, _ b: String, _ c: String, _ d: String, _ e: String, _ f: String, _ g: String) {
            put(a, b, c); put(d, e); put(f, g)
        }

        /// `value` in decimal (a small string: no allocation).
        mutating func number(_ value: Int) { put(String(value)) }

        /// A set of values as `ValueSet.description` writes it: `1,3..5`.
        mutating func values(_ set: ValueSet) {
            for (index, range) in set.ranges.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                number(range.lowerBound)
                if range.upperBound != range.lowerBound {
                    put("..")
                    number(range.upperBound)
                }
            }
        }

        mutating func end() { bytes.append(UInt8(ascii: "\n")) }

        mutating func line(_ text: String) {
            put(text)
            end()
        }

        /// `text` between double quotes, with backslash, quote and newline escaped.
        mutating func quoted(_ text: String) {
            bytes.append(UInt8(ascii: "\""))
            let plain = !text.utf8.contains { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }
            if plain {
                bytes.append(contentsOf: text.utf8)
                bytes.append(UInt8(ascii: "\""))
                return
            }
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                default: bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }

        mutating func condition(_ condition: Condition) {
            switch condition {
            case .always: put("(always)")
            case .all(let items), .any(let items):
                if case .all = condition { put("(all ") } else { put("(any ") }
                for (index, item) in items.enumerated() {
                    if index > 0 { put(" ") }
                    self.condition(item)
                }
                put(")")
            case .not(let inner):
                put("(not ")
                self.condition(inner)
                put(")")
            case .comparison(let comparison): self.condition(comparison.meaning)
            case .fact(let name, _): put("(fact ", name, ")")
            case .dated(let inner, let validity):
                put("(dated ", validity.description, " ")
                self.condition(inner)
                put(")")
            case .test(let test):
                put("(in ")
                number(test.key.field)
                if let element = test.key.element { put("."); number(element) }
                put(" ")
                values(test.allowed)
                put(")")
            }
        }
    }
}
