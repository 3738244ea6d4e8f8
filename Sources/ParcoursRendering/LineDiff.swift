/// A unified diff of two texts, line by line (`parcours apply`): `---`/`+++` headers, then
/// each line kept (` `), removed (`-`) or added (`+`), with three lines of context around the
/// changes. Longest common subsequence; past `limit` cells, the whole text is shown replaced.
public enum LineDiff {
    static let limit = 4_000_000

    public static func unified(old: String?, new: String, path: String) -> String {
        let a = old.map(lines) ?? [], b = lines(new)
        var out = "--- \(old == nil ? "/dev/null" : "a/" + path)\n+++ b/\(path)\n"
        let script = edits(a, b)
        guard script.contains(where: { $0.kind != " " }) else { return out }
        var shown = Array(repeating: false, count: script.count)
        for (index, edit) in script.enumerated() where edit.kind != " " {
            for near in max(0, index - 3)...min(script.count - 1, index + 3) { shown[near] = true }
        }
        var previous = -1
        for (index, edit) in script.enumerated() where shown[index] {
            if index != previous + 1 { out += "@@\n" }
            out += "\(edit.kind)\(edit.line)\n"
            previous = index
        }
        return out
    }

    private static func lines(_ text: String) -> [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }

    private static func edits(_ a: [String], _ b: [String]) -> [(kind: Character, line: String)] {
        guard a.count * b.count <= limit else { return a.map { ("-", $0) } + b.map { ("+", $0) } }
        // lengths[i][j]: the longest common subsequence of a[i...] and b[j...].
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var script: [(kind: Character, line: String)] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                script.append((" ", a[i])); i += 1; j += 1
            } else if j < b.count, i == a.count || lengths[i][j + 1] >= lengths[i + 1][j] {
                script.append(("+", b[j])); j += 1
            } else {
                script.append(("-", a[i])); i += 1
            }
        }
        return script
    }
}
