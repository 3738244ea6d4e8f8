import Foundation
import Testing
@testable import ParcoursCommands

/// Odd things in the rule and scenario folders, and a corpus that cannot be read to its end,
/// through the real process: the exit status and the message, never a hang, never fewer cases
/// or results in silence.
@Suite("Folder reading (process)")
struct FolderReadingProcessTests {
    let base: String
    let rules: String
    let scenarios: String

    init() throws {
        base = NSTemporaryDirectory() + "parcours-reading-" + UUID().uuidString
        rules = base + "/Rules"
        scenarios = base + "/Scenarios"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Support.rules, toPath: rules)
        try FileManager.default.copyItem(atPath: Support.scenarios, toPath: scenarios)
    }

    /// Today `check` blocks for ever on `mkfifo Rules/zz.yaml`.
    @Test func aNamedPipeInTheRulesFolderIsAnErrorNamingIt() throws {
        defer { try? FileManager.default.removeItem(atPath: base) }
        #expect(mkfifo(rules + "/zz.yaml", 0o644) == 0)
        let run = try Support.spawn(["check", "--rules", rules, "--scenarios", scenarios])
        #expect(run.code == 1)
        #expect(run.output.contains("\(rules)/zz.yaml:1:1: error[unreadable-file]: \(rules)/zz.yaml is not a regular file (a named pipe)"))
    }

    /// A corpus that fails to read part-way is not a shorter corpus: exit 1, the error said,
    /// and the earlier results file left as it was.
    @Test func aCorpusReadErrorKeepsTheEarlierResults() throws {
        defer { try? FileManager.default.removeItem(atPath: base) }
        let out = base + "/r.jsonl"
        try "earlier results\n".write(toFile: out, atomically: true, encoding: .utf8)
        let run = try Support.spawn(["batch", "--rules", rules, "--scenarios", scenarios, "--corpus", "/proc/self/mem", "--out", out])
        #expect(run.code == 1)
        #expect(run.error.contains("/proc/self/mem:1:1: error[unreadable-file]: reading failed (Input/output error)"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "earlier results\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base).sorted() == ["Rules", "Scenarios", "r.jsonl"], "no temporary file left")
        let diff = try Support.spawn(["diff", "--base", rules, "--rules", rules, "--scenarios", scenarios, "--corpus", "/proc/self/mem"])
        #expect(diff.code == 1 && diff.error.contains("reading failed"))
    }

    /// `chmod 000` on a sub-folder: `check` and `replay` fail naming it. Root reads through
    /// `chmod 000`, so as root the process runs as `nobody` (with `setpriv`); where that is not
    /// possible the test says so and checks nothing more (the folder code is also tested
    /// through an injected lister in the engine's tests).
    @Test(arguments: ["Rules/cases", "Rules/imports", "Rules/reference", "Scenarios/sma/cases", "Scenarios/sma"])
    func anUnreadableFolderIsAnError(_ folder: String) throws {
        defer {
            chmod(base + "/" + folder, 0o755)
            try? FileManager.default.removeItem(atPath: base)
        }
        guard let prefix = Self.unprivileged() else { return }
        #expect(chmod(base, 0o755) == 0)
        #expect(chmod(base + "/" + folder, 0) == 0)
        func spawn(_ arguments: [String]) throws -> Support.Run {
            guard let launcher = prefix.first else { return try Support.spawn(arguments) }
            return try Support.spawn(Array(prefix.dropFirst()) + [Support.executable] + arguments, through: launcher)
        }
        let check = try spawn(["check", "--rules", rules, "--scenarios", scenarios])
        #expect(check.code == 1, "\(check.output)")
        #expect(check.output.contains("\(base)/\(folder):1:1: error[unreadable-file]: cannot read folder \(base)/\(folder): Permission denied"))
        #expect(check.output.contains("1 error, "), "only the unreadable folder: \(check.output)")
        let replay = try spawn(["replay", "--rules", rules, "--scenarios", scenarios])
        #expect(replay.code != 0)
        #expect(!replay.output.contains("passed, 0 failed"))
    }

    /// How to run the binary as a user that `chmod 000` stops: nothing to add when not root;
    /// `setpriv` to `nobody` as root; nil (skip) when neither works here.
    static func unprivileged() -> [String]? {
        if geteuid() != 0 { return [] }
        let setpriv = "/usr/bin/setpriv"
        guard FileManager.default.isExecutableFile(atPath: setpriv), let nobody = getpwnam("nobody") else { return nil }
        return [setpriv, "--reuid=\(nobody.pointee.pw_uid)", "--regid=\(nobody.pointee.pw_gid)", "--clear-groups"]
    }
}
