/// Finds derived facts that depend on themselves (`a` uses `b`, `b` uses `a`).
enum FactCycles {
    static func find(in facts: [Fact]) -> [Diagnostic] {
        var uses: [String: [String]] = [:]
        for fact in facts { uses[fact.name] = fact.condition.factReferences.map(\.name) }
        var diagnostics: [Diagnostic] = []
        var reported: Set<String> = []
        for fact in facts where !reported.contains(fact.name) {
            if let cycle = path(from: fact.name, to: fact.name, uses: uses, visited: []) {
                cycle.forEach { reported.insert($0) }
                diagnostics.append(Diagnostic(.error, .cycle, at: fact.location,
                                              Phrase("le fait « \(fact.name) » dépend de lui-même : \(([fact.name] + cycle).joined(separator: " → "))", en: "fact \"\(fact.name)\" depends on itself: \(([fact.name] + cycle).joined(separator: " → "))"),
                                              hint: Phrase("définissez l'un de ces faits à partir des seuls champs du profil", en: "define one of these facts from profile fields only")))
            }
        }
        return diagnostics
    }

    /// A path of fact names leading from `start` back to `target`, depth first in definition order.
    private static func path(from start: String, to target: String, uses: [String: [String]], visited: [String]) -> [String]? {
        for next in uses[start] ?? [] {
            if next == target { return [next] }
            if visited.contains(next) { continue }
            if let rest = path(from: next, to: target, uses: uses, visited: visited + [next]) { return [next] + rest }
        }
        return nil
    }
}
