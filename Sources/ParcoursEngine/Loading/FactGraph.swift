/// What the graph of derived facts must not hold: a fact that depends on itself (`a` uses `b`,
/// `b` uses `a`), and a fact whose condition, with the facts it uses put in place, nests more
/// than `Limits.factDepth` levels (a chain of facts is as long as the input, and the passes over
/// a condition in core form recurse on its depth).
enum FactGraph {
    /// One depth-first search over all facts, in definition order (each fact and each use is
    /// visited once, so the time is linear in the rule set): a use that leads back to a fact
    /// still on the search path closes a cycle, reported once at that fact with the path; a
    /// fact is measured when all the facts it uses are, and the first too deep on a chain is
    /// reported (not the facts above it). A work list, not recursion: a long chain of facts
    /// cannot exhaust the stack.
    static func find(in facts: [Fact]) -> [Diagnostic] {
        var uses: [String: [String]] = [:]
        var definitions: [String: Fact] = [:]
        for fact in facts {
            uses[fact.name] = fact.condition.factReferences.map(\.name)
            if definitions[fact.name] == nil { definitions[fact.name] = fact }
        }
        let locations = definitions.mapValues(\.location)
        var depths: [String: Int] = [:]
        var tooDeep: Set<String> = []
        enum Mark { case onPath, done }
        var marks: [String: Mark] = [:]
        var diagnostics: [Diagnostic] = []
        for fact in facts where marks[fact.name] == nil {
            // Each frame: a fact on the current path and the index of its next use to follow.
            var path: [(name: String, next: Int)] = [(fact.name, 0)]
            marks[fact.name] = .onPath
            while let top = path.last {
                let next = uses[top.name] ?? []
                guard top.next < next.count else {
                    marks[top.name] = .done
                    path.removeLast()
                    guard let definition = definitions[top.name] else { continue }
                    let depth = Self.depth(of: definition.condition, facts: depths)
                    depths[top.name] = depth
                    if depth > Limits.factDepth {
                        if !next.contains(where: tooDeep.contains) { diagnostics.append(tooDeepDiagnostic(definition, depth: depth)) }
                        tooDeep.insert(top.name)
                    }
                    continue
                }
                path[path.count - 1].next += 1
                let used = next[top.next]
                switch marks[used] {
                case nil where uses[used] != nil:
                    marks[used] = .onPath
                    path.append((used, 0))
                case .onPath?:
                    let start = path.lastIndex { $0.name == used } ?? 0
                    let cycle = path[start...].map(\.name) + [used]
                    diagnostics.append(diagnostic(cycle, locations: locations))
                default:
                    continue
                }
            }
        }
        return diagnostics
    }

    /// The nesting of `condition` with each fact it uses counted as deep as `facts` says (1 when
    /// not measured: a fact on a cycle, already an error). Recursion on the written condition
    /// only, which the YAML nesting limit bounds.
    private static func depth(of condition: Condition, facts: [String: Int]) -> Int {
        switch condition {
        case .always, .test: return 1
        case .fact(let name, _): return facts[name] ?? 1
        case .comparison(let comparison): return depth(of: comparison.meaning, facts: facts)
        case .not(let inner), .dated(let inner, _): return 1 + depth(of: inner, facts: facts)
        case .all(let items), .any(let items): return 1 + (items.map { depth(of: $0, facts: facts) }.max() ?? 0)
        }
    }

    private static func tooDeepDiagnostic(_ fact: Fact, depth: Int) -> Diagnostic {
        Diagnostic(.error, .tooDeep, at: fact.location,
                   Phrase("le fait « \(fact.name) » imbrique \(depth) niveaux de conditions avec les faits qu'il utilise (au plus \(Limits.factDepth))",
                          en: "fact \"\(fact.name)\" nests \(depth) levels of conditions with the facts it uses (at most \(Limits.factDepth))"),
                   hint: Phrase("raccourcissez la chaîne : définissez ce fait, ou l'un de ceux qu'il utilise, à partir des champs du profil",
                                en: "shorten the chain: define this fact, or one it uses, from profile fields"))
    }

    /// How many facts of a cycle are named in its message and notes (a cycle through thousands
    /// of facts is said in a few lines).
    static let shown = 8

    /// `cycle` is `a → b → … → a`: the error is at `a`, with a note at each other fact (the
    /// first `shown` of them).
    private static func diagnostic(_ cycle: [String], locations: [String: SourceLocation]) -> Diagnostic {
        let name = cycle[0]
        let inside = cycle.count - 2
        func said(_ more: String) -> String {
            inside <= Self.shown ? cycle.joined(separator: " → ")
                : (cycle.prefix(Self.shown + 1) + ["… (\(inside - Self.shown) \(more))", name]).joined(separator: " → ")
        }
        let others = cycle.dropFirst().dropLast().prefix(Self.shown).compactMap { other in
            locations[other].map { DiagnosticNote(at: $0, Phrase("le fait « \(other) »", en: "fact \"\(other)\"")) }
        }
        return Diagnostic(.error, .cycle, at: locations[name] ?? SourceLocation(file: "", line: 0, column: 0),
                          Phrase("le fait « \(name) » dépend de lui-même : \(said("de plus"))", en: "fact \"\(name)\" depends on itself: \(said("more"))"),
                          hint: Phrase("définissez l'un de ces faits à partir des seuls champs du profil", en: "define one of these facts from profile fields only"),
                          notes: Array(others))
    }
}
