#if canImport(Glibc)
import Glibc
#endif

/// The temporary files an output is written to before it is put in place
/// (`NAME.parcours-PID.tmp`): removed when the program is interrupted (SIGINT, SIGTERM), and
/// those an earlier, dead run left behind found in the folder of the next one.
public enum TemporaryFiles {
    /// How many temporary files can be pending at once (one per output being written).
    private static let slots = 16

    /// The pending paths, as C strings the signal handler can read without allocating.
    private nonisolated(unsafe) static let pending: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: slots)
        table.initialize(repeating: nil, count: slots)
        return table
    }()

    private nonisolated(unsafe) static var handlersInstalled = false

    /// The temporary name this process uses for `path`.
    public static func name(for path: String) -> String {
        path + ".parcours-\(getpid()).tmp"
    }

    /// Removes `path` if the program is interrupted before `forget(path)`.
    public static func remember(_ path: String) {
        installHandlers()
        for index in 0..<slots where pending[index] == nil {
            pending[index] = strdup(path)
            return
        }
    }

    /// No longer removes `path` on an interruption (it was put in place or removed).
    public static func forget(_ path: String) {
        for index in 0..<slots {
            guard let held = pending[index], String(cString: held) == path else { continue }
            pending[index] = nil
            free(held)
        }
    }

    /// Installs the handlers of SIGINT and SIGTERM once (not over an ignored signal: a run
    /// started with `nohup` or in the background stays immune): they remove the pending
    /// files, then let the signal end the process as it would have.
    private static func installHandlers() {
        guard !handlersInstalled else { return }
        handlersInstalled = true
        _ = pending
        for signalNumber in [SIGINT, SIGTERM] {
            let previous = signal(signalNumber, TemporaryFiles_onSignal)
            if let previous, unsafeBitCast(previous, to: Int.self) == 1 /* SIG_IGN */ {
                _ = signal(signalNumber, previous)
            }
        }
    }

    /// What the signal handler does: only async-signal-safe calls.
    fileprivate static func removePending() {
        for index in 0..<slots {
            if let held = pending[index] { _ = unlink(held) }
        }
    }

    /// The temporary files in `folder` left by a run of Parcours that is no longer running
    /// (`*.parcours-PID.tmp` whose PID is not a live process), sorted by name.
    public static func stale(in folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var found: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = processID(inTemporaryName: name), pid != getpid() else { continue }
            guard kill(pid, 0) != 0 && errno == ESRCH else { continue }
            let path = folder == "." ? name : folder == "/" ? "/" + name : folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            found.append(path)
        }
        return found.sorted()
    }

    /// The PID in `NAME.parcours-PID.tmp`, nil for any other name.
    static func processID(inTemporaryName name: String) -> Int32? {
        guard name.hasSuffix(".tmp") else { return nil }
        let stem = name.dropLast(4)
        guard let dash = stem.lastIndex(of: "-"), stem[..<dash].hasSuffix(".parcours"), stem[..<dash].count > ".parcours".count else { return nil }
        let digits = stem[stem.index(after: dash)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let pid = Int32(digits), pid > 0 else { return nil }
        return pid
    }
}

/// The handler of SIGINT and SIGTERM while temporary files are pending.
private func TemporaryFiles_onSignal(_ signalNumber: Int32) {
    TemporaryFiles.removePending()
    _ = signal(signalNumber, SIG_DFL)
    _ = raise(signalNumber)
}
