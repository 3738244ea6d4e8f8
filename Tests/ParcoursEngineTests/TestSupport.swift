import Foundation
@testable import ParcoursEngine

/// Paths and the shipped rule set, for tests.
enum TestSupport {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let rulesDirectory = packageRoot + "/Rules"
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static let shipped: LoadResult = RuleSetLoader.load(directory: rulesDirectory)

    static func shippedRuleSet() throws -> RuleSet {
        guard let ruleSet = shipped.ruleSet else {
            throw TestFailure("the shipped rule set does not load: \(shipped.diagnostics)")
        }
        return ruleSet
    }

    /// The shipped files, with some replaced: for loading a variant of the rule set in memory.
    static func shippedFiles() -> RuleSetFiles {
        RuleSetFiles.read(directory: rulesDirectory)
    }

    /// The shipped vocabulary and catalogue with `rules` as the only rule file, `essai.yaml`.
    static func shippedFiles(rules: String) -> RuleSetFiles {
        var files = shippedFiles()
        files.rules = [SourceFile(path: "essai.yaml", text: rules)]
        return files
    }

    static func profile(_ yaml: String, in ruleSet: RuleSet) throws -> Profile {
        let result = ProfileLoader.load(SourceFile(path: "profile.yaml", text: yaml), vocabulary: ruleSet.vocabulary)
        guard let profile = result.profile else { throw TestFailure("profile does not load: \(result.diagnostics)") }
        return profile
    }

    /// Rendered like the CLI, paths included, one diagnostic per line (hint after " | hint: ").
    static func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { d in
            "\(d.location.description.replacingOccurrences(of: packageRoot + "/", with: "")): \(d.severity.rawValue)[\(d.code.rawValue)]: \(d.message.en)" + (d.hint.map { " | hint: \($0.en)" } ?? "")
        }.joined(separator: "\n")
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
