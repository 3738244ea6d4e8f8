import ParcoursEngine
import ParcoursRendering

/// The rule set as the workshop page (`/atelier`) shows it to policy staff: facts, rules (by
/// route and référent), catalogue entries and schemes, each with its French title, its
/// conditions in French, its source, its file and line, and the replayed cases that exercise it;
/// and the files that define the facts, rules and catalogue entries, whole, with their SHA-256
/// (the `base` of a change file), from which the page edits an item's block. Read-only.
enum WorkshopDocument {
    static func json(_ rules: RulesInForce, engine: Engine, scenarios: String?) throws(ParcoursError) -> JSONValue {
        let ruleSet = rules.ruleSet
        let french = FrenchCondition(ruleSet: ruleSet)
        let relative = { (path: String) in engine.files.relative(path, scenarios: scenarios) }
        let cases = CaseLoader.loadAll(in: engine.caseFolders(ruleSet), ruleSet: ruleSet).cases
        let results = try engine.replay(cases, on: ruleSet.date)
        var byRule: [String: [Int]] = [:]
        for (index, result) in results.enumerated() {
            for id in result.fired { byRule[id, default: []].append(index) }
        }
        let caseList: [JSONValue] = results.map { result in
            .object([("name", .string(result.scenarioCase.name)), ("file", .string(relative(result.scenarioCase.file))),
                     ("scheme", result.scenarioCase.scheme.map(JSONValue.string) ?? .null), ("passed", .bool(result.passed))])
        }
        let entryName = { (id: String) in ruleSet.catalogue.entries.first { $0.id == id }?.name ?? id }
        let routeLabel = { (route: Route) in ruleSet.catalogue.routes.first { $0.route == route }?.label ?? route.rawValue }
        let itemPaths = ruleSet.facts.map(\.location.file) + ruleSet.rules.map(\.location.file) + ruleSet.catalogue.entries.map(\.location.file)
        let paths = itemPaths.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let sourceFiles = engine.files.rules + [engine.files.catalogue].compactMap { $0 }
        let files: [JSONValue] = paths.compactMap { path in
            guard let file = sourceFiles.first(where: { $0.path == path }) else { return nil }
            return .object([("path", .string(relative(path))), ("sha256", .string(ChangePlan.hash(file.bytes))),
                            ("content", .string(String(decoding: file.bytes, as: UTF8.self)))])
        }
        return .object([
            ("fingerprint", .string(ruleSet.fingerprint)),
            ("date", .string(ruleSet.date)),
            ("files", .array(files)),
            ("operators", operators(ruleSet.vocabulary)),
            ("facts", .array(ruleSet.facts.map { fact in
                .object([("id", .string(fact.name)), ("label", .string(fact.label)), ("when", .string(french.text(fact.condition))),
                         ("source", fact.source.map(JSONValue.string) ?? .null),
                         ("file", .string(relative(fact.location.file))), ("line", .int(fact.location.line))])
            })),
            ("rules", .array(ruleSet.rules.map { rule in
                .object([("id", .string(rule.id)), ("title", .string(rule.title)), ("when", .string(french.text(rule.condition))),
                         ("priority", .int(rule.priority)),
                         ("route", rule.route.map { .string($0.rawValue) } ?? .null),
                         ("route_label", rule.route.map { .string(routeLabel($0)) } ?? .null),
                         ("referent", rule.referent.map { .string(entryName($0)) } ?? .null),
                         ("scheme", rule.scheme.map(JSONValue.string) ?? .null),
                         ("source", .string(rule.source)),
                         ("suggestions", .array(rule.suggestions.map { .string(entryName($0.entry)) })),
                         ("cases", .array((byRule[rule.id] ?? []).map { .int($0) })),
                         ("file", .string(relative(rule.location.file))), ("line", .int(rule.location.line))])
            })),
            ("routes", .array(ruleSet.catalogue.routes.map { .object([("id", .string($0.route.rawValue)), ("label", .string($0.label)), ("description", .string($0.description))]) })),
            ("entries", .array(ruleSet.catalogue.entries.map { entry in
                .object([("id", .string(entry.id)), ("name", .string(entry.name)), ("kind", .string(entry.kind.rawValue)),
                         ("description", .string(entry.description)), ("requires", .string(french.text(entry.requires))),
                         ("source", entry.source.map(JSONValue.string) ?? .null),
                         ("file", .string(relative(entry.location.file))), ("line", .int(entry.location.line))])
            })),
            ("schemes", .array(ruleSet.schemes.map { scheme in
                .object([("id", .string(scheme.id)), ("name", .string(scheme.name)), ("summary", .string(scheme.summary)), ("source", .string(scheme.source)),
                         ("criteria", .array(scheme.criteria.map { .object([("label", .string($0.label)), ("when", .string(french.text($0.condition)))]) })),
                         ("cases", .array(results.indices.filter { results[$0].scenarioCase.scheme == scheme.id }.map { .int($0) }))])
            })),
            ("cases", .array(caseList)),
        ])
    }

    /// The operators a condition may use on each field type of the vocabulary (`boolean`,
    /// `integer`, `enum`, `ordered`, `set`, `department`), in the order the page offers them;
    /// derived facts are used bare, like a boolean.
    static func operators(_ vocabulary: Vocabulary) -> JSONValue {
        var types: [String] = []
        var pairs: [(String, JSONValue)] = []
        for field in vocabulary.fields where !types.contains(field.kind.keyword) {
            types.append(field.kind.keyword)
            let allowed = field.kind.operators
            var names: [String] = []
            if allowed.contains(.bare) { names += ["", "not"] }
            if allowed.contains(.equality) { names += ["=", "!=", "in", "not in"] }
            if allowed.contains(.order) { names += ["<", "<=", ">", ">=", "between"] }
            if allowed.contains(.membership) { names += ["includes", "excludes", "includes any", "includes all"] }
            pairs.append((field.kind.keyword, .array(names.map(JSONValue.string))))
        }
        return .object(pairs)
    }
}
