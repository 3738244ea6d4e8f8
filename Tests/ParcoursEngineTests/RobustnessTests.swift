import Foundation
import Testing
@testable import ParcoursEngine

/// Damaged inputs never crash the loaders: every cut of a file either loads or gives errors.
@Suite("Robustness on damaged files")
struct RobustnessTests {
    @Test func truncatedRuleFilesGiveDiagnosticsNotCrashes() throws {
        let shipped = TestSupport.shippedFiles()
        var random = RandomSource(seed: 99)
        for (index, file) in shipped.rules.enumerated() {
            for _ in 0..<4 {
                let cut = random.int(in: 0...max(0, file.bytes.count - 1))
                var files = shipped
                files.rules[index] = SourceFile(path: file.path, bytes: Array(file.bytes.prefix(cut)))
                let result = RuleSetLoader.load(files, date: "2026-11-22")
                #expect(result.ruleSet != nil || result.diagnostics.hasErrors)
            }
        }
    }

    @Test func damagedProfilesGiveDiagnosticsNotCrashes() throws {
        let ruleSet = try TestSupport.shippedRuleSet()
        let text = Array("age: 22\nbarriers: [mobility, childcare]\nautonomy: 2\nfrench_level: B1\nproject: emerging\n".utf8)
        var random = RandomSource(seed: 3)
        for _ in 0..<300 {
            var bytes = text
            for _ in 0..<random.int(in: 1...4) {
                let position = random.int(in: 0...(bytes.count - 1))
                bytes[position] = UInt8(random.int(in: 0...255))
            }
            let result = ProfileLoader.load(SourceFile(path: "p.yaml", bytes: bytes), vocabulary: ruleSet.vocabulary)
            #expect(result.profile != nil || result.diagnostics.hasErrors)
            // Every diagnostic is positioned inside the file.
            #expect(result.diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
        }
    }
    /// A chain of facts as long as the input (each using the next) neither exhausts the stack
    /// in lowering nor in the cycle search: without a loop it loads; closed into a loop it is
    /// one cycle error, said in a bounded line with a note per fact shown.
    @Test func longChainsOfFactsLoadAndLongCyclesAreSaidShort() throws {
        func chain(_ count: Int, closed: Bool) -> String {
            var text = "facts:\n"
            for index in 0..<count {
                let next = index + 1 < count ? "zz\(index + 1)" : (closed ? "zz0" : "age >= 18")
                text += "  zz\(index):\n    label: Fait \(index)\n    when: \(next)\n    source: \"les_emplois, critère JEUNE (« Jeune (-26 ans) »)\"\n"
            }
            return text
        }
        var files = TestSupport.shippedFiles()
        files.rules.append(SourceFile(path: "chaine.yaml", text: chain(3000, closed: false)))
        let open = RuleSetLoader.load(files, date: "2026-11-22")
        #expect(open.diagnostics.filter { $0.code == .cycle }.isEmpty)
        #expect(open.ruleSet != nil, "\(open.diagnostics.prefix(3).map(\.message.en))")
        #expect((open.ruleSet?.facts.count ?? 0) >= 3000)

        files.rules[files.rules.count - 1] = SourceFile(path: "chaine.yaml", text: chain(3000, closed: true))
        let closed = RuleSetLoader.load(files, date: "2026-11-22")
        let cycles = closed.diagnostics.filter { $0.code == .cycle }
        #expect(cycles.count == 1)
        let cycle = try #require(cycles.first)
        #expect(cycle.message.fr.contains("zz0 → zz1 →"))
        #expect(cycle.message.fr.contains("(\(3000 - 1 - FactGraph.shown) de plus) → zz0"))
        #expect(cycle.message.fr.count < 300)
        #expect(cycle.notes.count == FactGraph.shown)
    }
    /// A fact nests its conditions with those of the facts it uses: at most `Limits.factDepth`
    /// levels, said once on the fact that passes it (not on the facts above it), at the edge.
    @Test func composedFactsDeeperThanTheLimitAreOneError() throws {
        func chain(_ count: Int) -> String {
            var text = "facts:\n"
            for index in 0..<count {
                let next = index + 1 < count ? "zz\(index + 1)" : "age >= 18"
                text += "  zz\(index):\n    label: Fait \(index)\n    when:\n      all:\n        - \(next)\n        - autonomy >= 2\n    source: \"les_emplois, critère JEUNE (« Jeune (-26 ans) »)\"\n"
            }
            return text
        }
        var files = TestSupport.shippedFiles()
        // zz0 nests count + 1 levels: the last fact is an `all` of two comparisons (2 levels).
        files.rules.append(SourceFile(path: "chaine.yaml", text: chain(Limits.factDepth - 1)))
        let atLimit = RuleSetLoader.load(files, date: "2026-11-22")
        #expect(atLimit.ruleSet != nil, "\(atLimit.diagnostics.prefix(3).map(\.message.en))")

        files.rules[files.rules.count - 1] = SourceFile(path: "chaine.yaml", text: chain(Limits.factDepth))
        let beyond = RuleSetLoader.load(files, date: "2026-11-22")
        #expect(beyond.ruleSet == nil)
        let deep = beyond.diagnostics.filter { $0.code == .tooDeep }
        #expect(deep.map(\.message.en) == ["fact \"zz0\" nests \(Limits.factDepth + 1) levels of conditions with the facts it uses (at most \(Limits.factDepth))"])
        #expect(deep.first?.location.line == 3)
    }
}
