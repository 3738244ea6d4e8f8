import ParcoursEngine

/// Generates whole rule sets for differential tests: on a real vocabulary, catalogue and
/// schemes, random rules whose conditions nest `all`, `any` and `not` over tests and facts,
/// with routes, référents, priorities (ties included) and suggestions at every stage.
package struct RuleSetGenerator {
    package let base: RuleSet
    package var random: RandomSource

    package init(base: RuleSet, seed: UInt64) {
        self.base = base
        self.random = RandomSource(seed: seed)
    }

    /// A rule set of `rules` rules and `facts` facts, with the base's catalogue and schemes.
    package mutating func ruleSet(rules count: Int, facts factCount: Int) -> RuleSet {
        var facts: [Fact] = []
        for number in 0..<factCount {
            let name = "fait_\(number)"
            // A fact may use the facts defined before it (no cycle).
            let condition = condition(depth: 2, facts: facts.map(\.name))
            facts.append(Fact(name: name, label: name, condition: condition, source: "généré", location: Self.here))
        }
        let partners = base.catalogue.entries.filter { $0.kind == .partner }.map(\.id)
        let routes = Route.allCases.filter { $0 != .scheme }
        var rules: [Rule] = []
        for number in 0..<count {
            let gives = random.int(in: 0...3)
            let route = gives & 1 == 1 ? routes[random.int(in: 0...(routes.count - 1))] : nil
            let referent = gives & 2 == 2 && !partners.isEmpty ? partners[random.int(in: 0...(partners.count - 1))] : nil
            let suggestions = (0..<random.int(in: 0...3)).map { _ -> Suggestion in
                let entry = base.catalogue.entries[random.int(in: 0...(base.catalogue.entries.count - 1))]
                let stage = Stage.allCases[random.int(in: 0...(Stage.allCases.count - 1))]
                return Suggestion(entry: entry.id, kind: entry.kind, stage: stage, why: "généré", location: Self.here)
            }
            rules.append(Rule(id: "r\(number)", title: "r\(number)", source: "généré", priority: random.int(in: 0...5),
                              condition: random.chance(0.05) ? .always : condition(depth: 3, facts: facts.map(\.name)),
                              route: route, referent: referent, why: route != nil || referent != nil ? "généré" : nil,
                              suggestions: suggestions, location: Self.here))
        }
        return RuleSet(vocabulary: base.vocabulary, catalogue: base.catalogue, facts: facts, rules: rules, schemes: base.schemes, date: base.date)
    }

    /// A random condition nesting at most `depth` levels of `all`, `any` and `not`.
    package mutating func condition(depth: Int, facts: [String]) -> Condition {
        let roll = random.int(in: 0...9)
        if depth > 0 && roll < 4 {
            let items = (0..<random.int(in: 1...3)).map { _ in condition(depth: depth - 1, facts: facts) }
            return roll < 2 ? .all(items) : .any(items)
        }
        if depth > 0 && roll == 4 { return .not(condition(depth: depth - 1, facts: facts)) }
        if !facts.isEmpty && roll == 5 { return .fact(name: facts[random.int(in: 0...(facts.count - 1))], location: Self.here) }
        return .test(test())
    }

    /// A test on a random field: a random set of its values, or a set element's presence.
    package mutating func test() -> Test {
        let fields = base.vocabulary.fields
        let field = fields[random.int(in: 0...(fields.count - 1))]
        if case .members(let ids) = field.kind.storage, !ids.isEmpty {
            return Test(key: ValueKey(field: field.index, element: random.int(in: 0...(ids.count - 1))), allowed: ValueSet(random.int(in: 0...1)))
        }
        let domain = field.domain
        let a = random.int(in: domain), b = random.int(in: domain)
        var allowed = ValueSet([min(a, b)...max(a, b)])
        if random.chance(0.3) { let c = random.int(in: domain); allowed = allowed.union(ValueSet(c)) }
        return Test(key: ValueKey(field: field.index), allowed: allowed)
    }

    /// A profile with every field known, then about `unknown` of them forgotten.
    package mutating func profile(unknown: Double) -> Profile {
        var profile = Profile()
        for field in base.vocabulary.fields where !random.chance(unknown) {
            switch field.kind.storage {
            case .members(let ids):
                profile[field.index] = .set(UInt64(random.int(in: 0...((1 << min(ids.count, 20)) - 1))))
            default:
                profile[field.index] = .scalar(random.int(in: field.domain))
            }
        }
        return profile
    }

    static let here = SourceLocation(file: "generated.yaml", line: 1, column: 1)
}
