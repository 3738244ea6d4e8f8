import Foundation
import Testing
@testable import ParcoursCommands
import ParcoursEngine
import ParcoursBatch

/// Hostile and careless input, each item of the reliability review: the exit code, the message,
/// and for batch that every good line still has its result, in order. Real processes where a
/// crash would kill the runner.
@Suite("Hostile input")
struct HostileInputTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "parcours-hostile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let goodLine = #"{"age": 30, "autonomy": 3}"#

    @Test(arguments: [
        DeepDocument("deep.json", "60 000 × [", String(repeating: "[", count: 60_000)),
        DeepDocument("deep.yaml", "50 000 × {\"a\":", String(repeating: "{\"a\":", count: 50_000)),
        DeepDocument("deep-block.yaml", "200 lines, each key two spaces deeper",
                     (0..<200).map { String(repeating: "  ", count: $0) + "a:" }.joined(separator: "\n")),
    ])
    func deepNestingIsRefusedAtTheLimit(document: DeepDocument) throws {
        let run = try Support.spawn(["recommend", try write(document.name, document.text)])
        #expect(run.code == 1)
        #expect(run.error.contains("error[too-deep]: lists and mappings are nested more than \(YAMLParserLimit.depth) levels deep"))
    }

    @Test func nestingJustUnderTheLimitIsRead() throws {
        // 63 levels of lists inside the value: the document is the 64th level; refused as a type, not as a depth.
        let text = "barriers: " + String(repeating: "[", count: YAMLParserLimit.depth - 1) + String(repeating: "]", count: YAMLParserLimit.depth - 1)
        let run = Support.run(["recommend", try write("deep-ok.yaml", text)])
        #expect(run.code == 1)
        #expect(!run.error.contains("too-deep"))
        #expect(run.error.contains("expected a value of barriers in the list, found a list"))
    }

    /// `NOT×N` stands for N times `not ` (kept short in the test's name).
    @Test(arguments: ["age in", "age not in", "barriers includes any", "barriers includes all", "not", "age >=",
                      "NOT×20000 driving_licence", "NOT×20001", "age between 30"])
    func incompleteConditionsGetAPositionedError(written: String) throws {
        let condition = written.hasPrefix("NOT×")
            ? String(repeating: "not ", count: Int(written.dropFirst(4).prefix { $0.isNumber }) ?? 0) + written.drop { $0 != " " }.dropFirst()
            : written
        let rules = directory + "/rules"
        try FileManager.default.copyItem(atPath: Support.rules, toPath: rules)
        try """
        rules:
          - id: essai
            title: Essai
            source: "parcours (essai)"
            when: "\(condition)"
            route: work_first
            why: "essai"
        """.write(toFile: rules + "/zz.yaml", atomically: true, encoding: .utf8)
        let run = try Support.spawn(["check", "--rules", rules])
        let ok = condition.hasSuffix("driving_licence")
        #expect(run.code == (ok ? 0 : 1))
        if ok {
            // However many `not`s, read without recursion: a valid condition.
            #expect(run.output.contains("0 errors"))
        } else {
            #expect(run.output.contains("zz.yaml:5:"), "\(run.output)")
            #expect(run.output.contains("error[condition-syntax]") || run.output.contains("error[operator-mismatch]"))
        }
    }

    @Test func aDeepBatchLineIsRefusedAndTheOthersAreEvaluatedInOrder() throws {
        let corpus = try write("c.jsonl", [Self.goodLine, "{\"age\": " + String(repeating: "[", count: 13_000), Self.goodLine,
                                           String(repeating: "a", count: Limits.corpusLineBytes + 10), Self.goodLine].joined(separator: "\n") + "\n")
        let run = try Support.spawn(["batch", "--corpus", corpus, "--jobs", "2"])
        #expect(run.code == 1)
        let lines = run.output.split(separator: "\n").map { $0.prefix(12) }
        #expect(lines == ["{\"line\":1,\"r", "{\"line\":3,\"r", "{\"line\":5,\"r"])
        #expect(run.error.contains("c.jsonl:2:"))
        #expect(run.error.contains("c.jsonl:4:1: error[too-long]"))
        #expect(run.error.contains("2 records refused (see above); 3 evaluated"))
    }

    @Test func unreadableInputsSayWhy() throws {
        let folder = Support.run(["batch", "--corpus", directory])
        #expect(folder.code == 1 && folder.error.contains("it is a folder, not a file"))
        let missing = Support.run(["recommend", directory + "/absent.yaml"])
        #expect(missing.code == 1 && missing.error.contains("No such file or directory"))
        let jobs = Support.run(["batch", "--corpus", directory, "--jobs", "1000000"])
        #expect(jobs.code == 2 && jobs.error.contains("--jobs expects a whole number from 1 to"))
        let binary = try Support.spawn(["batch", "--corpus", "/dev/zero", "--summary"])
        #expect(binary.code == 1 && binary.error.contains("the file is not text"))
        let huge = try Support.spawn(["recommend", "-"], input: String(repeating: "#", count: Limits.profileBytes + 1))
        #expect(huge.code == 1 && huge.error.contains("<stdin> is larger than the limit of 1 MiB"))
        let atLimit = try Support.spawn(["recommend", "-"], input: "age: 30\n" + String(repeating: "#", count: Limits.profileBytes - 8))
        #expect(atLimit.code == 0)
    }

    /// A diagnosis is bounded like a profile; a services export's bad records are reported one by
    /// one up to the limit, then counted.
    @Test func diagnosesAndServiceExportsAtTheirLimits() throws {
        let diagnosis = #"{"contraintes": [{"code": "23", "valeur": "OUI"}]}"#
        let padded = diagnosis + "\n" + String(repeating: " ", count: Limits.profileBytes - diagnosis.utf8.count - 1)
        let atLimit = try Support.spawn(["import", "--from", "france-travail", "-", "--rules", Support.rules], input: padded)
        #expect(atLimit.code == 0 && atLimit.output.contains("barriers: [\"mobility\"]"))
        let over = try Support.spawn(["import", "--from", "france-travail", "-", "--rules", Support.rules], input: padded + " ")
        #expect(over.code == 1 && over.error.contains("<stdin> is larger than the limit of 1 MiB"))
        let limit = ServiceDirectoryReader.reportLimit
        let bad = (0...limit).map { #"{"id": "v\#($0)", "structure_id": "s"}"# }.joined(separator: "\n")
        let path = try write("services.jsonl", bad + "\n" + #"{"id": "ok", "structure_id": "s", "nom": "Bon", "thematiques": ["sante--acces-aux-soins"]}"#)
        let (directory, diagnostics) = ServiceDirectoryReader.load(path: path)
        #expect(diagnostics.count == limit + 1)
        #expect(diagnostics.last?.message.en == "… and 1 more problem")
        #expect(directory?.count == 1)
    }

    @Test func theOutputIsNeverTheInput() throws {
        let corpus = try write("c.jsonl", Self.goodLine + "\n")
        let link = directory + "/link.jsonl"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: corpus)
        for out in [corpus, link] {
            let run = Support.run(["batch", "--corpus", corpus, "--out", out])
            #expect(run.code == 1 && run.error.contains("it would be overwritten"))
        }
        #expect(try String(contentsOfFile: corpus, encoding: .utf8) == Self.goodLine + "\n")
        let written = Support.run(["batch", "--corpus", corpus, "--out", directory + "/out.jsonl"])
        #expect(written.code == 0)
        #expect(try String(contentsOfFile: directory + "/out.jsonl", encoding: .utf8).hasPrefix("{\"line\":1,"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    /// Results written over earlier ones: the new file takes the path whole (swapped in, not
    /// written into the old file, which a hard link still shows intact), and neither the old
    /// file nor a temporary one is left beside it.
    @Test func earlierResultsAreReplacedWhole() throws {
        let corpus = try write("c.jsonl", Self.goodLine + "\n")
        let out = try write("out.jsonl", "anciens résultats\n")
        let kept = directory + "/kept.jsonl"
        try FileManager.default.linkItem(atPath: out, toPath: kept)
        let run = Support.run(["batch", "--corpus", corpus, "--out", out])
        #expect(run.code == 0, "\(run.error)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("{\"line\":1,"))
        #expect(try String(contentsOfFile: kept, encoding: .utf8) == "anciens résultats\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["c.jsonl", "kept.jsonl", "out.jsonl"])
    }

    /// `--out` a named pipe (as `/dev/null` or `/dev/stdout`): written to, not replaced by a
    /// renamed file (which once turned `/dev/null` into a regular file).
    @Test func anOutputThatIsNotARegularFileIsWrittenToNotReplaced() throws {
        let corpus = try write("c.jsonl", Self.goodLine + "\n")
        let pipe = directory + "/results.pipe"
        #expect(mkfifo(pipe, 0o600) == 0)
        let received = Received()
        let reader = Thread {
            received.bytes = FileHandle(forReadingAtPath: pipe).flatMap { try? $0.readToEnd() } ?? Data()
            received.done.signal()
        }
        reader.start()
        let run = Support.run(["batch", "--corpus", corpus, "--out", pipe])
        #expect(run.code == 0, "\(run.error)")
        #expect(received.done.wait(timeout: .now() + 30) == .success)
        #expect(String(decoding: received.bytes, as: UTF8.self).hasPrefix("{\"line\":1,"))
        var status = stat()
        #expect(stat(pipe, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO, "the pipe was replaced")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    private final class Received: @unchecked Sendable {
        var bytes = Data()
        let done = DispatchSemaphore(value: 0)
    }

    @Test func csvRowsAreReadStrictly() throws {
        let short = try write("short.csv", "age,autonomy,barriers\n30,3,[]\n31\n32,3,\n")
        let run = Support.run(["batch", "--corpus", short, "--format", "csv"])
        #expect(run.code == 1)
        #expect(run.error.contains("short.csv:3:3: error[yaml-syntax]: invalid CSV: the row has 1 cells, the header 3"))
        #expect(run.output.split(separator: "\n").map { $0.prefix(2) } == ["li", "2,", "4,"])
        let typo = try write("typo.csv", "age,autonomie\n30,3\n31,2\n")
        let header = Support.run(["batch", "--corpus", typo])
        #expect(header.code == 1)
        #expect(header.error.components(separatedBy: "error[").count == 2)
        #expect(header.error.contains("did you mean \"autonomy\"?"))
        // The empty set and the unknown set differ: `[]` answers the question, an empty cell does not.
        let ruleSet = try #require(RuleSetLoader.load(directory: Support.rules).ruleSet)
        let barriers = try #require(ruleSet.vocabulary.field(named: "barriers")).index
        var decoder = CorpusDecoder(path: "sets.csv", vocabulary: ruleSet.vocabulary)
        var values: [Int64] = []
        _ = decoder.decode(Array("age,barriers".utf8), line: 1, into: &values)
        _ = decoder.decode(Array("30,[]".utf8), line: 2, into: &values)
        #expect(values[barriers] == 0)
        _ = decoder.decode(Array("30,".utf8), line: 3, into: &values)
        #expect(values[barriers] == CompiledProfile.unknown)
    }

    @Test func ruleAndSchemeFilesAreNeverSkippedSilently() throws {
        let rules = directory + "/rules", scenarios = directory + "/scenarios"
        try FileManager.default.copyItem(atPath: Support.rules, toPath: rules)
        try FileManager.default.copyItem(atPath: Support.packageRoot + "/Scenarios", toPath: scenarios)
        try FileManager.default.moveItem(atPath: rules + "/childcare.yaml", toPath: rules + "/childcare.YAML")
        try FileManager.default.createSymbolicLink(atPath: rules + "/dangling.yaml", withDestinationPath: directory + "/nowhere.yaml")
        try FileManager.default.moveItem(atPath: scenarios + "/sma/scheme.yaml", toPath: scenarios + "/sma/scheme.yml")
        try FileManager.default.createDirectory(atPath: scenarios + "/vide", withIntermediateDirectories: true)
        let run = Support.run(["check", "--rules", rules, "--scenarios", scenarios])
        #expect(run.code == 1)
        #expect(run.output.contains("childcare.YAML is not read: rule files end in .yaml"))
        #expect(run.output.contains("dangling.yaml:1:1: error[unreadable-file]: cannot read"))
        #expect(run.output.contains("the scheme file must be named scheme.yaml"))
        #expect(run.output.contains("scheme folder vide has no scheme.yaml"))
        // Without the vocabulary, one error says so, not a hundred about unknown fields.
        try FileManager.default.removeItem(atPath: rules + "/profile.yaml")
        let bare = Support.run(["check", "--rules", rules])
        #expect(bare.output.contains("error[missing-file]: the rule set has no profile.yaml"))
        #expect(!bare.output.contains("unknown-field"))
    }

    @Test func clearMessagesForOddProfiles() throws {
        var bom = Data([0xEF, 0xBB, 0xBF])
        bom.append(Data("age: 30\nautonomy: 3\n".utf8))
        try bom.write(to: URL(fileURLWithPath: directory + "/bom.yaml"))
        #expect(Support.run(["recommend", directory + "/bom.yaml"]).code == 0)
        let nul = Support.run(["recommend", try write("nul.yaml", "age: 30\nautonomy: 3\u{0}\n")])
        #expect(nul.error.contains("nul.yaml:2:12: error[yaml-syntax]: invalid YAML: control character U+0000 is not allowed"))
        let long = Support.run(["recommend", try write("long.yaml", String(repeating: "x", count: 1_000_000) + ": 1\n")])
        #expect(long.code == 1)
        #expect(long.error.count < 2_000)
        let json = Support.run(["batch", "--corpus", try write("bad.jsonl", "{\"age\": 30,}\n")])
        #expect(json.error.contains("invalid JSON"))
        #expect(!json.error.contains("YAML"))
        let blank = Support.run(["batch", "--corpus", try write("blank.jsonl", Self.goodLine + "\n   \n\n" + Self.goodLine + "\n"), "--summary"])
        #expect(blank.output.contains("Profils évalués : 2 ; lignes vides ignorées : 2"))
    }
}

/// The YAML layer's depth limit, as the tests read it.
enum YAMLParserLimit {
    static let depth = 64
}

/// `-` for standard input and output, as Unix tools do.
@Suite("Standard input and output")
struct DashTests {
    @Test func batchReadsStandardInputAndWritesStandardOutput() throws {
        let corpus = #"{"age": 30, "autonomy": 3}"# + "\n" + #"{"age": 19}"# + "\n"
        let run = try Support.spawn(["batch", "--corpus", "-", "--out", "-", "--summary"], input: corpus)
        #expect(run.code == 0)
        #expect(run.output.hasPrefix("{\"line\":1,"))
        #expect(run.output.contains("{\"line\":2,"))
        #expect(run.output.contains("Profils évalués : 2"))
        #expect(!FileManager.default.fileExists(atPath: Support.packageRoot + "/-"))
    }

    @Test func replayWritesJUnitToStandardOutput() throws {
        let run = try Support.spawn(["replay", "--junit", "-", "--filter", "sma"])
        #expect(run.code == 0)
        #expect(run.output.hasPrefix("<?xml"))
        #expect(run.error.contains("passed, 0 failed"))
    }
}
