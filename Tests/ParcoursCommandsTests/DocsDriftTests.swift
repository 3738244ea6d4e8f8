import Foundation
import Testing
@testable import ParcoursCommands
import ParcoursEngine

/// The documents that show the command line cannot drift from it: `docs/cli.md` is what
/// `parcours man --format markdown` writes, and every ```console example of the tour and of the
/// README is replayed and must print what the document shows.
/// Set PARCOURS_UPDATE_DOCS=1 to rewrite them (then review the diff).
@Suite("Documents: command reference and tour")
struct DocsDriftTests {
    static let update = ProcessInfo.processInfo.environment["PARCOURS_UPDATE_DOCS"] == "1"
    /// The documents whose console examples are replayed.
    static let tours = ["docs/tour.md", "README.md"]

    @Test func commandReferenceIsGenerated() throws {
        let run = Support.run(["man", "--format", "markdown"], language: .fr)
        #expect(run.code == 0 && run.error.isEmpty)
        let path = Support.packageRoot + "/docs/cli.md"
        if Self.update { try run.output.write(toFile: path, atomically: true, encoding: .utf8) }
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(run.output == committed, "docs/cli.md n'est plus à jour : lancez \(MarkdownReference.regenerate)")
    }

    /// The reference names every command and option the parser knows, with its help.
    @Test func commandReferenceCoversEveryDeclaration() {
        let reference = Support.run(["man", "--format", "markdown"], language: .fr).output
        for command in ParcoursCLI.commands.map({ $0.spec }) {
            #expect(reference.contains("\n## \(command.name)\n"), "\(command.name)")
            #expect(reference.contains("\n" + command.synopsis + "\n"), "\(command.name)")
            for option in command.options {
                #expect(reference.contains("- `\(option.synopsis)` : " + MarkdownReference.escape(option.help.fr)), "\(command.name) \(option.name)")
            }
        }
        #expect(reference.contains("[--date YYYY-MM-DD]"))
    }

    /// The tour says `docs/examples/file-active.jsonl` is what `sample --count 3 --seed 7` writes.
    @Test func exampleCaseloadIsWhatSampleWrites() throws {
        let written = Support.run(["sample", "--count", "3", "--seed", "7", "--rules", Support.rules], language: .fr)
        let shipped = try String(contentsOfFile: Support.packageRoot + "/docs/examples/file-active.jsonl", encoding: .utf8)
        #expect(written.code == 0)
        #expect(written.output == shipped, "regenerate: swift run parcours sample --count 3 --seed 7 > docs/examples/file-active.jsonl")
    }

    @Test func roffStaysTheDefault() {
        let roff = Support.run(["man"], language: .fr).output
        #expect(roff == Support.run(["man", "--format", "roff"], language: .fr).output && roff.hasPrefix(".\\\""))
        let wrong = Support.run(["man", "--format", "html"], language: .fr)
        #expect(wrong.code == ExitCode.usage && wrong.error.contains("possibles : roff ou markdown"))
    }

    @Test(arguments: tours)
    func consoleExamplesPrintWhatTheDocumentShows(_ document: String) throws {
        if FileManager.default.currentDirectoryPath != Support.packageRoot {
            #expect(FileManager.default.changeCurrentDirectoryPath(Support.packageRoot), "les exemples se rejouent depuis la racine du dépôt")
        }
        let path = Support.packageRoot + "/" + document
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let transcript = ConsoleTranscript(document: text)
        #expect(!transcript.examples.isEmpty, "\(document) n'a aucun exemple ```console")
        var outputs: [String] = []
        var previous: Int32 = 0
        for example in transcript.examples {
            switch ConsoleTranscript.run(example.command, previousCode: previous, root: Support.packageRoot) {
            case .unsupported(let why):
                Issue.record("\(document):\(example.line) : « \(example.command) » ne peut pas être rejoué (\(why))")
                outputs.append(example.shown)
            case .output(let output, let code):
                previous = code
                let actual = ConsoleTranscript.shown(output)
                outputs.append(actual)
                #expect(actual == example.shown, """
                    \(document):\(example.line) : « \(example.command) » n'affiche plus ce que montre le document ; \
                    relancez avec PARCOURS_UPDATE_DOCS=1 swift test --filter DocsDrift et relisez le diff
                    """)
            }
        }
        if Self.update { try transcript.rendered(outputs: outputs).write(toFile: path, atomically: true, encoding: .utf8) }
    }

    /// The small shell itself: words, pipes and what a terminal would show.
    @Test func transcriptShell() {
        #expect(ConsoleTranscript.words(#"printf 'a: 1\n' | parcours recommend - "x y""#) == ["printf", #"a: 1\n"#, "|", "parcours", "recommend", "-", "x y"])
        #expect(ConsoleTranscript.printf(#"a\nb\n"#) == "a\nb\n")
        let document = "intro\n```console\n$ echo $?\n0\n$ parcours --version\nparcours 0.0\n```\nfin\n"
        let transcript = ConsoleTranscript(document: document)
        #expect(transcript.examples.map(\.command) == ["echo $?", "parcours --version"])
        #expect(transcript.examples.map(\.line) == [3, 5])
        #expect(transcript.rendered(outputs: ["0\n", "parcours 9\n"]) == document.replacingOccurrences(of: "0.0", with: "9"))
        guard case .output(let version, 0) = ConsoleTranscript.run("parcours --version | head -n 1", previousCode: 0, root: Support.packageRoot) else {
            Issue.record("parcours --version")
            return
        }
        #expect(version == "parcours \(ParcoursCLI.version)\n")
        guard case .unsupported = ConsoleTranscript.run("rm -rf /", previousCode: 0, root: Support.packageRoot) else {
            Issue.record("rm must not be replayed")
            return
        }
    }
}
