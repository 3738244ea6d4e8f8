import Platform
import ParcoursEngine

/// A results file written safely: never over one of the inputs, written to a temporary file
/// beside it and put in place only once complete, so an interrupted run loses nothing (the
/// temporary file is removed on SIGINT or SIGTERM, and one left by a run that died is removed
/// by the next run into the same folder).
/// A file already at the path is swapped with the temporary one in a single step
/// (`renameat2` with `RENAME_EXCHANGE`), then deleted: a plain `rename` over it makes ext4
/// write the new file's data out first (its `auto_da_alloc` safeguard), about a second for
/// 1 GB of results. A symbolic link stays: its target is replaced.
/// A path that is not a regular file (`/dev/null`, a terminal, a named pipe, anything under
/// `/dev`, `/proc` or `/sys`) is written straight to, and `/dev/stdout`, `/dev/fd/N` or
/// `/proc/self/fd/N` is the process's own descriptor: renaming a file over them would replace
/// the device, pipe or link itself.
package struct OutputFile {
    package let path: String
    /// Where the bytes go until `commit`, and where they are put then; nil when they go
    /// straight to `path`.
    private let temporary: (path: String, destination: String)?
    private let descriptor: Int32
    /// The first write error (a full disk), reported by `commit`.
    private let failure = Failure()
    /// Temporary files of earlier runs that died, removed from the output's folder on opening.
    package let removedStale: [String]

    private final class Failure {
        var reason: String?
    }

    /// Opens the output at `path`; the reason when it is one of `inputs` (the same file, also
    /// through a link; `-` is standard input) or cannot be written.
    package static func open(_ path: String, inputs: [String]) -> Result<OutputFile, OutputError> {
        let target = OutputTarget.of(path)
        if let refusal = refusal(path, target: target, inputs: inputs) { return .failure(refusal) }
        switch target {
        case .folder:
            return .failure(OutputError(message: Phrase("la sortie \(path) est un dossier", en: "the output \(path) is a folder"),
                                        hint: Phrase("donnez un nom de fichier", en: "give a file name")))
        case .descriptor(let number):
            let descriptor = SystemFile.duplicate(number)
            guard descriptor >= 0 else { return .failure(.cannotWrite(path, reason: SystemFile.lastError())) }
            return .success(OutputFile(path: path, temporary: nil, descriptor: descriptor, removedStale: []))
        case .special(let special):
            let descriptor = SystemFile.openInPlace(special)
            guard descriptor >= 0 else { return .failure(.cannotWrite(path, reason: SystemFile.lastError())) }
            return .success(OutputFile(path: path, temporary: nil, descriptor: descriptor, removedStale: []))
        case .regular(let destination):
            let stale = TemporaryFiles.stale(in: folder(of: destination))
            stale.forEach(SystemFile.remove)
            let temporary = TemporaryFiles.name(for: destination)
            TemporaryFiles.remember(temporary)
            let descriptor = SystemFile.create(temporary)
            guard descriptor >= 0 else {
                let reason = SystemFile.lastError()
                TemporaryFiles.forget(temporary)
                return .failure(.cannotWrite(path, reason: reason))
            }
            return .success(OutputFile(path: path, temporary: (temporary, destination), descriptor: descriptor, removedStale: stale))
        }
    }

    /// Why `path` must not be written: it is a regular file that is one of `inputs`.
    static func refusal(_ path: String, target: OutputTarget, inputs: [String]) -> OutputError? {
        let identity: FileIdentity?
        switch target {
        case .descriptor(let number):
            guard SystemFile.regularFileSize(number) != nil else { return nil }
            identity = FileIdentity(descriptor: number)
        case .regular:
            identity = FileIdentity(path: path)
        case .special, .folder:
            return nil
        }
        guard let identity else { return nil }
        for input in inputs {
            let source = input == "-" ? FileIdentity(descriptor: 0) : FileIdentity(path: input)
            guard source == identity else { continue }
            let name = input == "-" ? Phrase("l'entrée standard", en: "standard input") : .same(input)
            let output = path == "/dev/stdout" ? Phrase("la sortie standard", en: "standard output") : Phrase("la sortie \(path)", en: "the output \(path)")
            return OutputError(message: Phrase("\(output.fr) est aussi une entrée (\(name.fr)) : elle serait écrasée", en: "\(output.en) is also an input (\(name.en)): it would be overwritten"),
                               hint: Phrase("écrivez dans un autre fichier, hors des dossiers de règles et de dispositifs", en: "write to another file, outside the rules and schemes folders"))
        }
        return nil
    }

    /// Why standard output must not be written: it is a regular file that is one of `inputs`
    /// (`batch --corpus c.jsonl >> c.jsonl` would read its own results back).
    package static func standardOutputRefusal(inputs: [String]) -> OutputError? {
        refusal("/dev/stdout", target: .descriptor(1), inputs: inputs)
    }

    /// The folder holding `path` (`.` for a bare name).
    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    package func write(_ text: String) {
        write(Array(text.utf8))
    }

    package func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    package func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure.reason == nil else { return }
        if !SystemFile.writeAll(descriptor, UnsafeRawBufferPointer(bytes)) { failure.reason = SystemFile.lastError() }
    }

    /// Whether a write failed already (the rest is not written; `commit` says why).
    package var failed: Bool { failure.reason != nil }

    /// Closes the file and puts it in place.
    package func commit() -> OutputError? {
        SystemFile.close(descriptor)
        guard let temporary else { return failure.reason.map { OutputError.cannotWrite(path, reason: $0) } }
        defer { TemporaryFiles.forget(temporary.path) }
        if let reason = failure.reason {
            SystemFile.remove(temporary.path)
            return OutputError.cannotWrite(path, reason: reason)
        }
        guard SystemFile.replace(temporary.destination, with: temporary.path) else {
            let reason = SystemFile.lastError()
            SystemFile.remove(temporary.path)
            return OutputError.cannotWrite(path, reason: reason)
        }
        return nil
    }

    /// Removes the temporary file without putting it in place: the file at `path` stays as it
    /// was (the run was given up, or the input was not read whole and the results would be partial).
    package func discard() {
        SystemFile.close(descriptor)
        guard let temporary else { return }
        SystemFile.remove(temporary.path)
        TemporaryFiles.forget(temporary.path)
    }
}

/// Why an output file cannot be written.
package struct OutputError: Error {
    package let message: Phrase
    package var hint: Phrase?

    package init(message: Phrase, hint: Phrase? = nil) {
        self.message = message
        self.hint = hint
    }

    package static func cannotWrite(_ path: String, reason: String) -> OutputError {
        let reason = InputError.reason(reason)
        return OutputError(message: Phrase("impossible d'écrire \(path) : \(reason.fr)", en: "cannot write \(path): \(reason.en)"))
    }
}
