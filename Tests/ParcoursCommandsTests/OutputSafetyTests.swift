import Foundation
import Testing

/// Outputs that would overwrite an input are refused before anything is written; special
/// files are written in place; temporary files do not outlive an interrupted run; `replay`
/// with no case fails. Spawned through a shell where the behaviour is the process's.
@Suite("output paths, temporary files and empty replays")
struct OutputSafetyTests {
    /// Runs `script` in a fresh folder holding a copy of the rule set (`Rules/`, `Scenarios/`)
    /// and a small corpus `c.jsonl`; the parcours exit status is the script's last `status=`.
    private func inCopy(_ script: String) throws -> (code: Int32?, error: String, folder: String) {
        let folder = try ShellRun.temporaryFolder()
        let setup = "cp -R Rules Scenarios \"$T\"/ && cd \"$T\" && \"$P\" sample --count 30 --seed 4 > c.jsonl && cp c.jsonl c0.jsonl\n"
        let run = try ShellRun.run(setup + script + "\necho \"status=$?\"", folder: folder)
        let line = run.output.split(separator: "\n").last { $0.hasPrefix("status=") }
        return (line.flatMap { Int32($0.dropFirst("status=".count)) }, run.error, folder)
    }

    private func contents(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func aCorpusReadFromStandardInputIsNotOverwritten() throws {
        let run = try inCopy("\"$P\" batch --corpus - --out c.jsonl < c.jsonl")
        #expect(run.code == 1)
        #expect(run.error.contains("la sortie c.jsonl est aussi une entrée (l'entrée standard) : elle serait écrasée"))
        #expect(try contents(run.folder + "/c.jsonl") == contents(run.folder + "/c0.jsonl"))
    }

    @Test func aRuleFileIsNeitherBatchNorJUnitOutput() throws {
        let original = try contents(Support.rules + "/mobility.yaml")
        let batch = try inCopy("\"$P\" batch --corpus c.jsonl --out Rules/mobility.yaml")
        #expect(batch.code == 1)
        #expect(batch.error.contains("la sortie Rules/mobility.yaml est aussi une entrée"))
        #expect(try contents(batch.folder + "/Rules/mobility.yaml") == original)
        let replay = try inCopy("ln -s Rules/mobility.yaml lien.yaml\n\"$P\" replay --junit lien.yaml > replay.txt")
        #expect(replay.code == 1)
        #expect(replay.error.contains("la sortie lien.yaml est aussi une entrée (") && replay.error.contains("mobility.yaml)"))
        #expect(try contents(replay.folder + "/Rules/mobility.yaml") == original)
        // Refused before anything is replayed.
        #expect(try contents(replay.folder + "/replay.txt") == "")
    }

    @Test func standardOutputAppendedToTheCorpusIsRefused() throws {
        let run = try inCopy("\"$P\" batch --corpus c.jsonl >> c.jsonl")
        #expect(run.code == 1)
        #expect(run.error.contains("la sortie standard est aussi une entrée (c.jsonl)"))
        #expect(try contents(run.folder + "/c.jsonl") == contents(run.folder + "/c0.jsonl"))
    }

    /// `--out /dev/stdout > file` renamed a file over the `/dev/stdout` link (as root, for the
    /// whole machine). Checked through a link of the test's own to it, and `/dev/fd/1`, so that
    /// a regression replaces only the test's link.
    @Test(arguments: ["sortie", "/dev/fd/1"])
    func standardOutputAsAPathIsWrittenInPlaceNotRenamedOver(_ out: String) throws {
        let run = try inCopy("ln -s /dev/stdout sortie\necho avant > out.jsonl\n\"$P\" batch --corpus c.jsonl --out \(out) >> out.jsonl")
        #expect(run.code == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: run.folder + "/sortie") == "/dev/stdout")
        let lines = try contents(run.folder + "/out.jsonl").split(separator: "\n")
        #expect(lines.count == 31)
        #expect(lines.first == "avant")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("{\"line\":") })
        #expect(try !FileManager.default.contentsOfDirectory(atPath: run.folder).contains { $0.contains(".parcours-") })
    }

    @Test func aSymbolicLinkStaysALinkAndItsTargetGetsTheResults() throws {
        let run = try inCopy("echo old > cible.jsonl && ln -s cible.jsonl lien.jsonl\n\"$P\" batch --corpus c.jsonl --out lien.jsonl")
        #expect(run.code == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: run.folder + "/lien.jsonl") == "cible.jsonl")
        #expect(try contents(run.folder + "/cible.jsonl").split(separator: "\n").count == 30)
    }

    @Test(arguments: ["TERM", "INT"])
    func anInterruptedBatchLeavesNoTemporaryFile(_ signal: String) throws {
        // The corpus is a named pipe held open and never finished: batch waits in its read,
        // its temporary file open, until the signal comes. A background job of a shell
        // without job control starts with SIGINT ignored (and parcours leaves an ignored
        // signal ignored): `env --default-signal` gives it back.
        let run = try inCopy("""
        mkfifo f
        sleep 60 > f &
        holder=$!
        env --default-signal=INT "$P" batch --corpus f --out r.jsonl &
        pid=$!
        i=0
        while [ $i -lt 400 ] && ! ls r.jsonl.parcours-*.tmp > /dev/null 2>&1; do sleep 0.05; i=$((i + 1)); done
        ls r.jsonl.parcours-*.tmp > seen.txt 2>&1
        kill -\(signal) $pid
        wait $pid
        code=$?
        kill $holder
        ls > left.txt
        (exit $code)
        """)
        #expect(try contents(run.folder + "/seen.txt").contains(".parcours-"))
        #expect(run.code == (signal == "TERM" ? 143 : 130))
        #expect(try !contents(run.folder + "/left.txt").contains(".parcours-"))
        #expect(!FileManager.default.fileExists(atPath: run.folder + "/r.jsonl"))
    }

    @Test func staleTemporaryFilesOfDeadRunsAreRemovedAndSaid() throws {
        // 4194305 is above the largest PID Linux gives (2^22): never a running process.
        let run = try inCopy("echo stale > r.jsonl.parcours-4194305.tmp && echo other > notes.parcours.tmp\n\"$P\" batch --corpus c.jsonl --out r.jsonl")
        #expect(run.code == 0)
        #expect(run.error.contains("fichier temporaire d'une exécution interrompue supprimé : r.jsonl.parcours-4194305.tmp"))
        #expect(!FileManager.default.fileExists(atPath: run.folder + "/r.jsonl.parcours-4194305.tmp"))
        #expect(FileManager.default.fileExists(atPath: run.folder + "/notes.parcours.tmp"))
    }

    @Test func replayOfAFolderWithNoCaseFails() throws {
        let folder = try ShellRun.temporaryFolder()
        let run = Support.run(["replay", folder, "--rules", Support.rules, "--scenarios", Support.scenarios], language: .fr)
        #expect(run.code == 1)
        #expect(run.error.contains("aucun cas trouvé dans \(folder) : rien n'a été rejoué"))
        #expect(!run.output.contains("0 réussi"))
        let filtered = Support.run(["replay", "--rules", Support.rules, "--scenarios", Support.scenarios, "--filter", "aucun-cas-de-ce-nom"], language: .fr)
        #expect(filtered.code == 1)
        #expect(filtered.error.contains("aucun cas ne correspond à --filter"))
    }
}
