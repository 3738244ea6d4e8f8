import Foundation
import Testing
@testable import ParcoursEngine

/// Each file of `Fixtures/broken` is a broken rule file, profile, vocabulary or catalogue (by its
/// name's prefix); its `.expected` sibling holds the exact diagnostics it must give.
/// Set PARCOURS_UPDATE_FIXTURES=1 to rewrite the `.expected` files (then review the diff).
@Suite("Broken inputs give exact diagnostics")
struct BrokenCorpusTests {
    static let directory = TestSupport.fixtures + "/broken"
    static let cases: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
        .filter { !$0.hasSuffix(".expected") }
        .sorted()

    @Test func corpusIsLargeEnough() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func diagnostics(_ name: String) throws {
        let diagnostics = try Self.diagnose(name)
        #expect(diagnostics.hasErrors, "a broken input must give at least one error")
        let rendered = TestSupport.render(diagnostics) + "\n"
        let expectedPath = Self.directory + "/" + name + ".expected"
        if ProcessInfo.processInfo.environment["PARCOURS_UPDATE_FIXTURES"] == "1" {
            try rendered.write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        #expect(rendered == expected)
    }

    static func diagnose(_ name: String) throws -> [Diagnostic] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
        let file = SourceFile(path: name, bytes: bytes)
        var files = TestSupport.shippedFiles()
        if name.hasPrefix("profile-") {
            let ruleSet = try TestSupport.shippedRuleSet()
            return ProfileLoader.load(file, vocabulary: ruleSet.vocabulary).diagnostics
        } else if name.hasPrefix("rules-") {
            files.rules = files.rules.filter { $0.path.hasSuffix("/facts.yaml") } + [file]
        } else if name.hasPrefix("vocabulary-") {
            files.vocabulary = file
            files.rules = []
            files.imports = []
        } else if name.hasPrefix("catalogue-") {
            files.catalogue = file
            files.rules = []
        } else {
            throw TestFailure("unknown fixture kind: \(name)")
        }
        return RuleSetLoader.load(files).diagnostics
    }
}
