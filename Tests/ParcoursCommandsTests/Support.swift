import Foundation
@testable import ParcoursCommands
import ParcoursEngine

/// Runs the CLI in this process with captured output, or the built `parcours` binary in another.
enum Support {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let rules = packageRoot + "/Rules"
    static let scenarios = packageRoot + "/Scenarios"
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path

    struct Run: Equatable {
        var code: Int32
        var output: String
        var error: String
    }

    /// Collects what a command writes, from any thread.
    final class Capture: @unchecked Sendable {
        private let lock = NSLock()
        private var out = ""
        private var err = ""
        func write(_ text: String) { lock.withLock { out += text } }
        func writeError(_ text: String) { lock.withLock { err += text } }
        var output: String { lock.withLock { out } }
        var error: String { lock.withLock { err } }
    }

    /// Runs the command line in this process; in English unless asked (most tests were written
    /// against the English messages; the French default has its own tests).
    static func run(_ arguments: [String], input: String = "", language: Language = .en) -> Run {
        let capture = Capture()
        let terminal = Terminal(readInput: { .success(Array(input.utf8)) }, write: capture.write, writeError: capture.writeError, language: language)
        let code = ParcoursCLI.run(arguments, terminal: terminal)
        return Run(code: code, output: capture.output, error: capture.error)
    }

    /// The `parcours` executable built next to this test bundle.
    static var executable: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().appendingPathComponent("parcours").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return packageRoot + "/.build/debug/parcours"
    }

    /// Runs the binary in a separate process (its own hash seed), from `directory`.
    /// `lang` is the process's `LANG` (English by default; nil: no locale at all, so French).
    static func spawn(_ arguments: [String], input: String = "", directory: String = packageRoot, lang: String? = "en_US.UTF-8",
                      through launcher: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: launcher ?? executable)
        var environment = ProcessInfo.processInfo.environment
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] { environment[name] = nil }
        if let lang { environment["LANG"] = lang }
        process.environment = environment
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(code: process.terminationStatus, output: String(decoding: out, as: UTF8.self), error: String(decoding: err, as: UTF8.self))
    }
}
