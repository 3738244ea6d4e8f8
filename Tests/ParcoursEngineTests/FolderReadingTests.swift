import Foundation
import Testing
import Platform
@testable import ParcoursEngine

/// Rule, scheme and case folders: only regular files are read (a named pipe or a device is an
/// error naming it), and a folder that cannot be read is an error, never skipped. `chmod 000`
/// does not stop root (the tests' user in CI), so unreadable folders come from a lister that
/// refuses them; the process-level check as another user is in the commands' tests.
@Suite("Folder reading")
struct FolderReadingTests {
    static let scenarios = TestSupport.packageRoot + "/Scenarios"

    /// The disk's folders, except `refused`, which cannot be read (as `chmod 000` gives).
    static func lister(refusing refused: String) -> FolderLister {
        FolderLister { path throws(InputError) in
            if path == refused { throw .unreadableFolder(path: path, reason: "Permission denied") }
            return try FolderLister.system.list(path)
        }
    }

    /// A copy of the shipped rules and scenarios, in a fresh folder.
    static func copy() throws -> (rules: String, scenarios: String) {
        let base = NSTemporaryDirectory() + "parcours-folders-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestSupport.rulesDirectory, toPath: base + "/Rules")
        try FileManager.default.copyItem(atPath: scenarios, toPath: base + "/Scenarios")
        return (base + "/Rules", base + "/Scenarios")
    }

    @Test func theWalkReportsAFolderItCannotReadAndKeepsTheRest() {
        let rules = TestSupport.rulesDirectory
        let walked = Self.lister(refusing: rules + "/reference").walk(rules)
        #expect(walked.unreadable == [.unreadableFolder(path: rules + "/reference", reason: "Permission denied")])
        #expect(walked.entries.contains(FolderEntry(path: "profile.yaml", kind: .regular)))
        #expect(walked.entries.contains(FolderEntry(path: "reference", kind: .folder)))
        #expect(!walked.entries.contains { $0.path.hasPrefix("reference/") })
        #expect(walked.entries.map(\.path) == walked.entries.map(\.path).sorted(), "path order")
    }

    /// One `unreadable-file` error, not dozens of unknown codes from the missing lists.
    @Test func anUnreadableReferenceFolderIsOneError() {
        let rules = TestSupport.rulesDirectory
        let files = RuleSetFiles.read(directory: rules, scenarios: Self.scenarios, lister: Self.lister(refusing: rules + "/reference"))
        let loaded = RuleSetLoader.load(files)
        #expect(loaded.ruleSet == nil)
        #expect(loaded.diagnostics.count == 1)
        #expect(loaded.diagnostics.first?.code == .unreadableFile)
        #expect(loaded.diagnostics.first?.location.file == rules + "/reference")
        #expect(loaded.diagnostics.first?.message.fr.contains("impossible de lire le dossier") == true)
    }

    @Test(arguments: ["imports", "cases-not-skipped-by-rules"])
    func anUnreadableRulesSubFolderIsAnError(_ folder: String) {
        let rules = TestSupport.rulesDirectory
        guard folder == "imports" else {
            // Rules/cases holds cases, not rules: the rule walk does not enter it (the case
            // loader reports it, below), so refusing it leaves the rule set whole.
            let files = RuleSetFiles.read(directory: rules, scenarios: Self.scenarios, lister: Self.lister(refusing: rules + "/cases"))
            #expect(RuleSetLoader.load(files).ruleSet != nil)
            return
        }
        let files = RuleSetFiles.read(directory: rules, scenarios: Self.scenarios, lister: Self.lister(refusing: rules + "/" + folder))
        let loaded = RuleSetLoader.load(files)
        #expect(loaded.ruleSet == nil)
        #expect(loaded.diagnostics.map(\.code) == [.unreadableFile])
        #expect(loaded.diagnostics.first?.location.file == rules + "/" + folder)
    }

    /// It says the folder is unreadable, not « n'a pas de scheme.yaml ».
    @Test func anUnreadableSchemeFolderSaysSo() {
        let files = RuleSetFiles.read(directory: TestSupport.rulesDirectory, scenarios: Self.scenarios, lister: Self.lister(refusing: Self.scenarios + "/sma"))
        let loaded = RuleSetLoader.load(files)
        #expect(loaded.ruleSet == nil)
        #expect(loaded.diagnostics.count == 1)
        let message = loaded.diagnostics.first?.message.fr ?? ""
        #expect(message.contains("impossible de lire le dossier \(Self.scenarios)/sma"))
        #expect(!message.contains("n'a pas de"))
        let unreadableBase = RuleSetFiles.read(directory: TestSupport.rulesDirectory, scenarios: Self.scenarios, lister: Self.lister(refusing: Self.scenarios))
        #expect(RuleSetLoader.load(unreadableBase).diagnostics.map(\.code) == [.unreadableFile])
    }

    /// A scheme's `cases/` or the rule set's own that cannot be read is an error: replay would
    /// otherwise pass with fewer cases.
    @Test(arguments: ["Scenarios/sma/cases", "Rules/cases"])
    func anUnreadableCasesFolderIsAnError(_ folder: String) throws {
        let ruleSet = try #require(RuleSetLoader.load(directory: TestSupport.rulesDirectory, scenarios: Self.scenarios).ruleSet)
        let directories = ruleSet.schemes.map(\.directory) + [TestSupport.rulesDirectory]
        let all = CaseLoader.loadAll(in: directories, ruleSet: ruleSet)
        #expect(!all.diagnostics.hasErrors)
        let refused = TestSupport.packageRoot + "/" + folder
        let loaded = CaseLoader.loadAll(in: directories, ruleSet: ruleSet, lister: Self.lister(refusing: refused))
        #expect(loaded.diagnostics.filter { $0.severity == .error }.map(\.location.file) == [refused])
        #expect(loaded.diagnostics.first?.code == .unreadableFile)
        #expect(loaded.cases.count < all.cases.count)
    }

    /// A syntax error in the vocabulary is the one error reported: not hundreds of unknown
    /// fields in every rule file, sorted before it and hiding it.
    @Test func aBrokenVocabularyIsTheOneErrorSaid() throws {
        let copy = try Self.copy()
        defer { try? FileManager.default.removeItem(atPath: (copy.rules as NSString).deletingLastPathComponent) }
        let path = copy.rules + "/profile.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let broken = text.replacingOccurrences(of: "    group: autonomie\n", with: "    group: autonomie\n    label: niveau (1 : absente)\n", options: [], range: nil)
        #expect(broken != text)
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = RuleSetLoader.load(RuleSetFiles.read(directory: copy.rules, scenarios: copy.scenarios))
        #expect(loaded.ruleSet == nil)
        #expect(!loaded.diagnostics.isEmpty && loaded.diagnostics.allSatisfy { $0.location.file == path }, "\(loaded.diagnostics.prefix(3))")
    }

    /// A named pipe would block `open` for ever, a device be read (or acted on): neither is
    /// opened, and the error names it.
    @Test(arguments: ["pipe", "device"])
    func aRuleFileThatIsNotAFileIsAnError(_ kind: String) throws {
        let copy = try Self.copy()
        defer { try? FileManager.default.removeItem(atPath: (copy.rules as NSString).deletingLastPathComponent) }
        let odd = copy.rules + "/zz.yaml"
        if kind == "pipe" {
            #expect(mkfifo(odd, 0o644) == 0)
        } else {
            try FileManager.default.createSymbolicLink(atPath: odd, withDestinationPath: "/dev/null")
        }
        let loaded = RuleSetLoader.load(RuleSetFiles.read(directory: copy.rules, scenarios: copy.scenarios))
        #expect(loaded.ruleSet == nil)
        #expect(loaded.diagnostics.count == 1)
        #expect(loaded.diagnostics.first?.location.file == odd)
        #expect(loaded.diagnostics.first?.message.fr.contains("n'est pas un fichier ordinaire (\(kind == "pipe" ? "un tube nommé" : "un périphérique caractère"))") == true)
    }

    @Test func aCaseFileThatIsAPipeIsAnError() throws {
        let copy = try Self.copy()
        defer { try? FileManager.default.removeItem(atPath: (copy.rules as NSString).deletingLastPathComponent) }
        let ruleSet = try #require(RuleSetLoader.load(directory: copy.rules, scenarios: copy.scenarios).ruleSet)
        let odd = copy.scenarios + "/sma/cases/zz.yaml"
        #expect(mkfifo(odd, 0o644) == 0)
        let loaded = CaseLoader.loadAll(in: ruleSet.schemes.map(\.directory) + [copy.rules], ruleSet: ruleSet)
        #expect(loaded.diagnostics.filter { $0.severity == .error }.map(\.location.file) == [odd])
        #expect(loaded.diagnostics.first?.message.fr.contains("un tube nommé") == true)
    }

    /// A path given on the command line need not be a regular file (`replay <(…)`); a missing
    /// one is still `missing-file`.
    @Test func aCaseFileGivenThatIsMissingIsMissing() throws {
        let ruleSet = try TestSupport.shippedRuleSet()
        let loaded = CaseLoader.load(paths: ["/nonexistent/case.yaml"], ruleSet: ruleSet)
        #expect(loaded.diagnostics.map(\.code) == [.missingFile])
    }
}
