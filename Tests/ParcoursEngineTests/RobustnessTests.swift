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
}
