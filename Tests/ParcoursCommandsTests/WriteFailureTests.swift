import Foundation
import Testing

/// Output that cannot be written (a closed descriptor, a full disk, a pipe closed early) and
/// standard input that cannot be read: a French error and exit 1, never a trap (132), never
/// exit 0. Spawned through a shell, which alone can close descriptors.
@Suite("failed writes and closed standard input")
struct WriteFailureTests {
    /// The parcours exit status the script echoes last, and its standard error.
    private func status(_ script: String) throws -> (code: Int32?, error: String, folder: String) {
        let folder = try ShellRun.temporaryFolder()
        let run = try ShellRun.run(script + "\necho \"status=$?\"", folder: folder)
        let line = run.output.split(separator: "\n").last { $0.hasPrefix("status=") }
        return (line.flatMap { Int32($0.dropFirst("status=".count)) }, run.error, folder)
    }

    private static let sampleCorpus = "\"$P\" sample --count 40 --seed 3 > \"$T/c.jsonl\"\n"

    @Test func sampleToAFullDiskFails() throws {
        let run = try status("\"$P\" sample --count 5000 > /dev/full")
        #expect(run.code == 1)
        #expect(run.error.contains("écriture impossible sur la sortie standard (plus de place sur le disque)"))
        #expect(!run.error.contains("Fatal error"))
    }

    @Test func recommendWithStandardOutputClosedFails() throws {
        let run = try status("\"$P\" recommend docs/examples/profil-exemple.yaml >&-")
        #expect(run.code == 1)
        #expect(run.error.contains("la sortie standard est fermée"))
        #expect(run.error.contains("conseil : redirigez la sortie vers un fichier"))
    }

    @Test func batchToAFullDiskOrAClosedOutputFails() throws {
        let full = try status(Self.sampleCorpus + "\"$P\" batch --corpus \"$T/c.jsonl\" > /dev/full")
        #expect(full.code == 1)
        #expect(full.error.contains("sortie standard"))
        let closed = try status(Self.sampleCorpus + "\"$P\" batch --corpus \"$T/c.jsonl\" >&-")
        #expect(closed.code == 1)
        #expect(closed.error.contains("la sortie standard est fermée"))
    }

    @Test func batchWithStandardErrorClosedFailsWithoutLosingResults() throws {
        // A refused record must be said on standard error: with it closed, the exit is still 1
        // (and was a trap), and the results of the good records are all written.
        let run = try status(Self.sampleCorpus + "echo '{\"age\": \"old\"}' >> \"$T/c.jsonl\"\n\"$P\" batch --corpus \"$T/c.jsonl\" --out \"$T/r.jsonl\" 2>&-")
        #expect(run.code == 1)
        let results = try String(contentsOfFile: run.folder + "/r.jsonl", encoding: .utf8)
        #expect(results.split(separator: "\n").count == 40)
    }

    @Test func replayIntoAPipeClosedEarlyWithSigpipeIgnoredFails() throws {
        let run = try status("trap '' PIPE\n{ \"$P\" replay --coverage 2>\"$T/err\"; echo $? > \"$T/code\"; } | true\ncat \"$T/err\"; (exit $(cat \"$T/code\"))")
        #expect(run.code == 1)
        #expect(!run.error.contains("Fatal error"))
        let error = try String(contentsOfFile: run.folder + "/err", encoding: .utf8)
        #expect(error.contains("écriture impossible sur la sortie standard"))
    }

    @Test func aClosedStandardInputIsNotAnEmptyCorpus() throws {
        let run = try status("echo earlier > \"$T/r.jsonl\"\n\"$P\" batch --corpus - --out \"$T/r.jsonl\" <&-")
        #expect(run.code == 1)
        #expect(run.error.contains("l'entrée standard est fermée"))
        #expect(try String(contentsOfFile: run.folder + "/r.jsonl", encoding: .utf8) == "earlier\n")
        let diff = try status("\"$P\" diff --base Rules --corpus - <&-")
        #expect(diff.code == 1)
        #expect(diff.error.contains("l'entrée standard est fermée"))
        let recommend = try status("\"$P\" recommend - <&-")
        #expect(recommend.code == 1)
        #expect(recommend.error.contains("l'entrée standard est fermée"))
    }

    @Test func anEmptyOpenStandardInputIsAnEmptyCorpus() throws {
        let run = try status("\"$P\" batch --corpus - --out \"$T/r.jsonl\" < /dev/null")
        #expect(run.code == 0)
        #expect(try String(contentsOfFile: run.folder + "/r.jsonl", encoding: .utf8) == "")
    }
}
