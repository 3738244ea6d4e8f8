import Platform
import Foundation
import ParcoursEngine

/// A results file written safely: never over one of the inputs, written to a temporary file
/// beside it and put in place only once complete, so an interrupted run loses nothing.
/// A file already at the path is swapped with the temporary one in a single step
/// (`renameat2` with `RENAME_EXCHANGE`), then deleted: a plain `rename` over it makes ext4
/// write the new file's data out first (its `auto_da_alloc` safeguard), about a second for
/// 1 GB of results.
/// A path that is not a regular file (`/dev/null`, `/dev/stdout`, a named pipe) is written
/// straight to: renaming a file over it would replace the device or pipe itself.
package struct OutputFile {
    package let path: String
    /// Where the bytes go until `commit`; nil when they go straight to `path`.
    private let temporary: String?
    private let handle: FileHandle
    /// The first write error (a full disk), reported by `commit`.
    private let failure = Failure()

    private final class Failure {
        var reason: String?
    }

    /// Opens a temporary file for `path`; nil with the reason when `path` is one of `inputs`
    /// (the same file, also through a link) or cannot be written.
    package static func open(_ path: String, inputs: [String]) -> Result<OutputFile, OutputError> {
        var target = stat()
        if stat(path, &target) == 0 {
            for input in inputs {
                var source = stat()
                if stat(input, &source) == 0, source.st_dev == target.st_dev, source.st_ino == target.st_ino {
                    return .failure(OutputError(message: Phrase("la sortie \(path) est l'entrée \(input) : elle serait écrasée",
                                                                en: "the output \(path) is the input \(input): it would be overwritten"),
                                                hint: Phrase("écrivez les résultats dans un autre fichier", en: "write the results to another file")))
                }
            }
            if (target.st_mode & S_IFMT) == S_IFDIR {
                return .failure(OutputError(message: Phrase("la sortie \(path) est un dossier", en: "the output \(path) is a folder"),
                                            hint: Phrase("donnez un nom de fichier", en: "give a file name")))
            }
            if (target.st_mode & S_IFMT) != S_IFREG {
                guard let handle = FileHandle(forWritingAtPath: path) else { return .failure(OutputError.cannotWrite(path, reason: String(cString: strerror(errno)))) }
                return .success(OutputFile(path: path, temporary: nil, handle: handle))
            }
        }
        let temporary = path + ".parcours-\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            return .failure(OutputError.cannotWrite(path, reason: String(cString: strerror(errno))))
        }
        return .success(OutputFile(path: path, temporary: temporary, handle: handle))
    }

    package func write(_ text: String) {
        write(Array(text.utf8))
    }

    package func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    package func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure.reason == nil else { return }
        if !bytes.withUnsafeBytes({ SystemFile.writeAll(handle.fileDescriptor, $0) }) { failure.reason = SystemFile.lastError() }
    }

    /// Closes the file and puts it in place.
    package func commit() -> OutputError? {
        try? handle.close()
        guard let temporary else { return failure.reason.map { OutputError.cannotWrite(path, reason: $0) } }
        if let reason = failure.reason {
            unlink(temporary)
            return OutputError.cannotWrite(path, reason: reason)
        }
        guard SystemFile.replace(path, with: temporary) else {
            let reason = SystemFile.lastError()
            unlink(temporary)
            return OutputError.cannotWrite(path, reason: reason)
        }
        return nil
    }

    /// Closes the file and removes the temporary one: the file at `path` stays as it was
    /// (the input was not read whole, so the results would be partial).
    package func discard() {
        try? handle.close()
        if let temporary { unlink(temporary) }
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
