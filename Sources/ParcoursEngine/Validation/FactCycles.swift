/// Finds derived facts that depend on themselves (`a` uses `b`, `b` uses `a`).
enum FactCycles {
    static func find(in facts: [Fact]) -> [Diagnostic] {
        var uses: [String: [String]] = [:]
        var locations: [String: SourceLocation] = [:]
        for fact in facts {
            uses[fact.name] = fact.condition.factReferences.map(\.name)
            locations[fact.name] = locations[fact.name] ?? fact.location
        }
        var diagnostics: [Diagnostic] = []
        var reported: Set<String> = []
        for fact in facts where !reported.contains(fact.name) {
            if let cycle = path(from: fact.name, uses: uses) {
                cycle.forEach { reported.insert($0) }
                let others = cycle.dropLast().compactMap { name in
                    locations[name].map { DiagnosticNote(at: $0, Phrase("le fait « \(name) »", en: "fact \"\(name)\"")) }
                }
                diagnostics.append(Diagnostic(.error, .cycle, at: fact.location,
                                              Phrase("le fait « \(fact.name) » dépend de lui-même : \(([fact.name] + cycle).joined(separator: " → "))", en: "fact \"\(fact.name)\" depends on itself: \(([fact.name] + cycle).joined(separator: " → "))"),
                                              hint: Phrase("définissez l'un de ces faits à partir des seuls champs du profil", en: "define one of these facts from profile fields only"),
                                              notes: others))
            }
        }
        return diagnostics
    }

    /// A path of fact names leading from `start` back to itself (ending with `start`), depth
    /// first in definition order. A work list, not recursion: a long chain of facts cannot
    /// exhaust the stack.
    private static func path(from start: String, uses: [String: [String]]) -> [String]? {
        // Each frame: a fact on the current path and the index of its next use to try.
        var stack: [(name: String, next: Int)] = [(start, 0)]
        // A fact already reached is either on the path or was searched to the end without
        // leading back: never searched twice, so the search is linear in the uses.
        var seen: Set<String> = [start]
        while let top = stack.last {
            let next = uses[top.name] ?? []
            guard top.next < next.count else {
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next += 1
            let candidate = next[top.next]
            if candidate == start { return stack.dropFirst().map(\.name) + [start] }
            guard seen.insert(candidate).inserted else { continue }
            stack.append((candidate, 0))
        }
        return nil
    }
}
