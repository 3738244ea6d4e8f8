import Foundation
import HTTPTestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import ParcoursCommands

/// The real binary, in separate processes: identical bytes every run (Swift's hash seed
/// changes per process, so any Dictionary or Set order reaching the output would show here).
@Suite("parcours binary across processes")
struct ProcessTests {
    @Test(arguments: ["jeune-parent-isole.yaml", "sortant-detention.yaml", "profil-vide.yaml"], ["json", "text"])
    func recommendIsByteIdenticalAcrossProcesses(_ name: String, _ format: String) throws {
        let arguments = ["recommend", "Tests/ParcoursCommandsTests/Golden/" + name, "--format", format, "--date", "2026-11-22"]
        let runs = try (0..<3).map { _ in try Support.spawn(arguments) }
        #expect(runs.allSatisfy { $0.code == 0 && $0.error == "" })
        #expect(Set(runs.map(\.output)).count == 1)
        // And the same as in this process, with explicit rules.
        let inProcess = Support.run(["recommend", Support.golden + "/" + name, "--rules", Support.rules, "--format", format, "--date", "2026-11-22"])
        #expect(runs.first?.output == inProcess.output)
    }

    @Test func checkIsByteIdenticalAcrossProcesses() throws {
        let runs = try (0..<3).map { _ in try Support.spawn(["check"]) }
        #expect(runs.allSatisfy { $0.code == 0 })
        #expect(Set(runs.map(\.output)).count == 1)
        #expect(runs.first?.output.contains("0 errors, 0 warnings") == true)
    }

    @Test func readsTheProfileFromStandardInput() throws {
        let run = try Support.spawn(["recommend", "-", "--format", "json"], input: "{\"age\": 40, \"disability_recognised\": true}")
        #expect(run.code == 0)
        #expect(run.output.contains("\"referent\": \"cap_emploi\""))
    }

    @Test func findsThePackageRulesFromAnotherDirectory() throws {
        let profile = Support.golden + "/autonome-creation.yaml"
        let run = try Support.spawn(["recommend", profile], directory: NSTemporaryDirectory())
        #expect(run.code == 0, "\(run.error)")
        #expect(run.output.contains("Création d\u{2019}activité"))
    }

    @Test func badProfileGivesPositionedErrorsAndNoRecommendation() throws {
        let run = try Support.spawn(["recommend", "-"], input: "age: 22\nbarriers: [chilcare]\nvehicle: no\n")
        #expect(run.code == 1)
        #expect(run.output == "")
        #expect(run.error.contains("<stdin>:2:12: error[unknown-value]: unknown value \"chilcare\" for barriers"))
        #expect(run.error.contains("hint: did you mean \"childcare\"?"))
        #expect(run.error.contains("<stdin>:3:10: error[type-mismatch]: expected true or false for vehicle, found \"no\""))
    }
}

@Suite("batch across processes")
struct BatchProcessTests {
    @Test func parallelBatchIsByteIdenticalAcrossProcesses() throws {
        let corpus = NSTemporaryDirectory() + "parcours-determinism-" + UUID().uuidString + ".jsonl"
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        try Support.run(["sample", "--count", "3000", "--seed", "5", "--rules", Support.rules]).output.write(toFile: corpus, atomically: true, encoding: .utf8)
        let runs = try (0..<2).map { _ in try Support.spawn(["batch", "--corpus", corpus, "--jobs", "2", "--summary", "--out", corpus + ".out", "--date", "2026-11-22"]) }
        #expect(runs.allSatisfy { $0.code == 0 })
        #expect(runs[0].output == runs[1].output)
        #expect(runs[0].output.contains("Profils évalués : 3000"))
    }
}

/// `parcours serve` as a process: it says where it listens, answers, and stops cleanly on SIGTERM.
@Suite("parcours serve as a process")
struct ServeProcessTests {
    /// Starts `parcours serve` with `arguments` (plus the rules and a free port) and reads its
    /// standard error up to the line that says where it listens.
    private func startServe(_ arguments: [String] = []) throws -> (process: Process, reader: FileHandle, head: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Support.executable)
        process.arguments = ["serve", "--port", "0", "--rules", Support.rules, "--scenarios", Support.packageRoot + "/Scenarios"] + arguments
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var head = Data()
        let reader = stderr.fileHandleForReading
        while !String(decoding: head, as: UTF8.self).contains("écoute") || head.last != UInt8(ascii: "\n") {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            head.append(chunk)
        }
        return (process, reader, String(decoding: head, as: UTF8.self))
    }

    @Test func servesThenDrainsOnSIGTERM() throws {
        let (process, reader, line) = try startServe()
        #expect(line.hasPrefix("Parcours écoute sur http://127.0.0.1:"))
        let port = try #require(Int(line.split(separator: ":")[2].prefix { $0.isNumber }))
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/api/v1/recommend"))
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = Data(#"{"age": 40, "disability_recognised": true}"#.utf8)
        let done = DispatchSemaphore(value: 0)
        let body = Locked<String>("")
        URLSession.shared.dataTask(with: request) { data, _, _ in
            body.set(String(decoding: data ?? Data(), as: UTF8.self))
            done.signal()
        }.resume()
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(body.get().contains("\"referent\": \"cap_emploi\""))
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let rest = String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
        #expect(rest.contains("POST /api/v1/recommend 200"))
        #expect(!rest.contains("cap_emploi") && !rest.contains("disability"), "the log must hold nothing about the person")
        #expect(rest.hasSuffix("Parcours arrêté.\n"))
    }

    /// A request still arriving when SIGTERM comes is waited for `--stop-timeout` seconds, then
    /// cut: the server says so and exits with status 3, so a supervisor can tell.
    @Test func aRequestCutAtStopExitsWithStatus3() throws {
        let (process, reader, line) = try startServe(["--stop-timeout", "1"])
        let port = try #require(Int(line.split(separator: ":")[2].prefix { $0.isNumber }))
        let client = try RawClient(port: port)
        defer { client.close() }
        client.send("POST /api/v1/recommend HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"age\": 4")
        Thread.sleep(forTimeInterval: 0.2)
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
        let rest = String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
        #expect(rest.hasSuffix("Parcours arrêté : 1 requête(s) coupée(s) après 1 s d'attente.\n"), "\(rest)")
    }

    @Test func aNetworkAddressNeedsAToken() throws {
        let run = try Support.spawn(["serve", "--host", "0.0.0.0", "--port", "0"])
        #expect(run.code == 2)
        #expect(run.error.contains("without a token"))
    }

    private func tokenFile(_ text: String, mode: mode_t) throws -> String {
        let path = NSTemporaryDirectory() + "parcours-token-" + UUID().uuidString
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, mode)
        return path
    }

    /// A token no client could send (a newline inside) is refused, with the reason.
    @Test func aTokenWithANewlineInsideIsRefused() throws {
        let path = try tokenFile("0123456789abcdef\n0123456789abcdef\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try Support.spawn(["serve", "--port", "0", "--token-file", path])
        #expect(run.code == 1)
        #expect(run.error.contains("holds a character no client can send (U+000A)"), "\(run.error)")
    }

    /// A host name is refused for what it is, not for a missing token.
    @Test func aHostNameIsRefusedAsNotNumeric() throws {
        let run = try Support.spawn(["serve", "--host", "parcours.example", "--port", "0"])
        #expect(run.code == 2)
        #expect(run.error.contains("a numeric IP address is expected"), "\(run.error)")
    }

    /// `--host localhost` listens on loopback (no token needed); a token file others can read
    /// is served with a warning.
    @Test func localhostIsLoopbackAndAReadableTokenFileIsWarned() throws {
        let path = try tokenFile("0123456789abcdef0123\n", mode: 0o644)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (process, _, text) = try startServe(["--host", "localhost", "--token-file", path])
        process.terminate()
        process.waitUntilExit()
        #expect(text.contains("ATTENTION : le fichier du jeton \(path) est lisible par d'autres utilisateurs (droits 644)"), "\(text)")
        #expect(text.contains("Parcours écoute sur http://127.0.0.1:"))
        #expect(process.terminationStatus == 0)
    }
}

final class Locked<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T
    init(_ value: T) { self.value = value }
    func get() -> T { lock.withLock { value } }
    func set(_ new: T) { lock.withLock { value = new } }
}
