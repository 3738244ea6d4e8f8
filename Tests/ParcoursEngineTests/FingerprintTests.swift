import Testing
@testable import ParcoursEngine

@Suite("Rule set fingerprint")
struct FingerprintTests {
    func load(replacing name: String, with transform: (String) -> String) throws -> RuleSet {
        var files = TestSupport.shippedFiles()
        let index = try #require(files.rules.firstIndex { $0.path.hasSuffix("/" + name) })
        let text = String(decoding: files.rules[index].bytes, as: UTF8.self)
        files.rules[index] = SourceFile(path: files.rules[index].path, text: transform(text))
        let result = RuleSetLoader.load(files)
        return try #require(result.ruleSet, "\(result.diagnostics)")
    }

    @Test func ignoresCommentsAndLayoutButNotMeaning() throws {
        let shipped = try TestSupport.shippedRuleSet()
        #expect(shipped.fingerprint.hasPrefix("sha256:") && shipped.fingerprint.count == 71)
        let commented = try load(replacing: "mobility.yaml") { "# un commentaire\n\n" + $0 }
        #expect(commented.fingerprint == shipped.fingerprint)
        let changed = try load(replacing: "mobility.yaml") { $0.replacingOccurrences(of: "age >= 17", with: "age >= 18") }
        #expect(changed.fingerprint != shipped.fingerprint)
    }
}
