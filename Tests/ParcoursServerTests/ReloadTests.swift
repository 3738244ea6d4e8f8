import Foundation
import Testing
import ParcoursEngine
@testable import ParcoursServer
#if canImport(Glibc)
import Glibc
#endif

/// Reloads of the rule set from the folder watch: a change is loaded only once the files stay
/// the same for the settling delay, the signature sees folders and files that become
/// unreadable, and a named pipe in the rules folder neither blocks a reload nor is opened.
@Suite("Rule set reloads", .serialized)
struct ReloadTests {
    private func copyOfRules() throws -> String {
        let directory = NSTemporaryDirectory() + "parcours-reload-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: ServerTests.root + "/Rules", toPath: directory)
        return directory
    }

    @Test func aChangeIsLoadedOnlyOnceItHasSettled() throws {
        let directory = try copyOfRules()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try RuleSetStore(rules: directory, scenarios: nil)
        let start = Date()
        #expect(store.reloadIfSettled(quiet: 0.4, now: start) == nil, "nothing changed")
        let before = store.snapshot.loaded.ruleSet.fingerprint
        let file = directory + "/zz-settling.yaml"
        try "rules: []\n".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(store.reloadIfSettled(quiet: 0.4, now: start) == nil, "just changed: not yet")
        // Still being written: the settling restarts.
        try "rules: []\n# more\n".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(store.reloadIfSettled(quiet: 0.4, now: start.addingTimeInterval(0.5)) == nil)
        #expect(store.snapshot.loaded.ruleSet.fingerprint == before)
        let report = try #require(store.reloadIfSettled(quiet: 0.4, now: start.addingTimeInterval(1)))
        #expect(report.accepted)
        #expect(store.reloadIfSettled(quiet: 0.4, now: start.addingTimeInterval(2)) == nil, "loaded: nothing pending")
    }

    @Test func theSignatureSeesPermissionsAndUnreadableFolders() throws {
        let directory = try copyOfRules()
        defer {
            chmod(directory + "/reference", 0o755)
            try? FileManager.default.removeItem(atPath: directory)
        }
        let first = RuleSetStore.signature(rules: directory, scenarios: nil)
        #expect(first.contains("/profile.yaml regular"))
        chmod(directory + "/profile.yaml", 0o000)
        let second = RuleSetStore.signature(rules: directory, scenarios: nil)
        #expect(second != first)
        chmod(directory + "/profile.yaml", 0o644)
        chmod(directory + "/reference", 0o000)
        #expect(RuleSetStore.signature(rules: directory, scenarios: nil) != second)
    }

    @Test func aNamedPipeInTheRulesFolderIsRefusedWithoutBlocking() throws {
        let directory = try copyOfRules()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try RuleSetStore(rules: directory, scenarios: nil)
        try #require(mkfifo(directory + "/zz-pipe.yaml", 0o644) == 0)
        // Returns (a blocking open would hang the test): refused, the previous rules serve on.
        let report = try #require(store.reloadIfSettled(quiet: 0, now: Date()) ?? store.reloadIfSettled(quiet: 0, now: Date()))
        #expect(!report.accepted)
        #expect(report.diagnostics.contains { $0.location.file.hasSuffix("zz-pipe.yaml") })
    }
}
