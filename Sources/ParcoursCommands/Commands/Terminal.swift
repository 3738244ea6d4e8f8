import Foundation
import Platform
import ParcoursBatch
import ParcoursEngine
import ParcoursRendering

/// Where a command reads standard input and writes its output; tests capture it in memory.
public struct Terminal: Sendable {
    /// Standard input, whole, at most `Limits.profileBytes`.
    public var readInput: @Sendable () -> Result<[UInt8], InputError>
    public var write: @Sendable (String) -> Void
    public var writeError: @Sendable (String) -> Void
    /// Standard output as bytes (batch results), without going through `String`.
    public var writeBytes: @Sendable (UnsafeBufferPointer<UInt8>) -> Void
    /// The language messages, help and diagnostics are written in (French unless asked).
    public var language: Language
    /// The first write to standard output or error that failed (a closed descriptor, a full
    /// disk, a closed pipe); nil while every write went through.
    public var failedWrite: @Sendable () -> StandardStreams.Failure?

    public init(readInput: @escaping @Sendable () -> Result<[UInt8], InputError>, write: @escaping @Sendable (String) -> Void,
                writeError: @escaping @Sendable (String) -> Void, language: Language = .fr,
                writeBytes: (@Sendable (UnsafeBufferPointer<UInt8>) -> Void)? = nil,
                failedWrite: @escaping @Sendable () -> StandardStreams.Failure? = { nil }) {
        self.readInput = readInput
        self.failedWrite = failedWrite
        self.write = write
        self.writeBytes = writeBytes ?? { write(String(decoding: $0, as: UTF8.self)) }
        self.writeError = writeError
        self.language = language
    }

    /// `--quiet`: no progress and no informational lines; errors and results only.
    public var quiet = false

    /// `fr` or `en`, in the terminal's language.
    public func say(_ fr: String, en: String) -> String { language == .fr ? fr : en }

    /// `parcours: message` and its hint on standard error, in the terminal's language.
    public func complain(_ message: Phrase, hint: Phrase? = nil) {
        let text = (language == .fr ? "parcours : " : "parcours: ") + TerminalText.escaped(message.text(language)) + "\n"
        writeError(text + (hint.map { (language == .fr ? "    conseil : " : "    hint: ") + TerminalText.escaped($0.text(language)) + "\n" } ?? ""))
    }

    /// An informational line on standard error, unless `--quiet`.
    public func inform(_ fr: String, en: String) {
        if !quiet { writeError(say(fr, en: en)) }
    }

    /// Whether output already failed: a command producing a long output stops early.
    public var outputLost: Bool { failedWrite() != nil }

    /// The process's standard input, output and error. Every write is checked
    /// (`StandardStreams`): a failure is kept, nothing more is written to that stream, and
    /// `ParcoursCLI.run` reports it with exit status 1.
    public static let standard = Terminal(
        readInput: {
            Result { () throws(InputError) in
                if let reason = StandardStreams.unreadableInput() { throw .cannotOpen(path: "<stdin>", reason: reason) }
                return try SystemFile.read(descriptor: 0, name: "<stdin>", limit: Limits.profileBytes)
            }
        },
        write: { StandardStreams.write(.output, $0) },
        writeError: { StandardStreams.write(.error, $0) },
        language: Language.from(environment: ProcessInfo.processInfo.environment),
        writeBytes: { bytes in StandardStreams.write(.output, UnsafeRawBufferPointer(bytes)) },
        failedWrite: { StandardStreams.failure(of: .output) ?? StandardStreams.failure(of: .error) }
    )
}

/// Exit codes shared by every command.
public enum ExitCode {
    public static let success: Int32 = 0
    /// Errors found in the input (rules, profile), or an output that could not be written
    /// (standard output or error closed or full, a pipe closed early: `ParcoursCLI.run`).
    public static let failure: Int32 = 1
    /// The command line itself is wrong.
    public static let usage: Int32 = 2
    /// `serve` stopped, but a request in flight had to be cut at the drain deadline.
    public static let requestsCut: Int32 = 3
}
