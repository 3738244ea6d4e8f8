#if canImport(Glibc)
import Glibc
#endif

/// A file as the system knows it (device and inode): two paths, a link and its target, or a
/// path and an open descriptor, are the same file when their identities are equal.
public struct FileIdentity: Sendable, Equatable {
    public let device: UInt64
    public let inode: UInt64

    /// The file at `path` (links followed); nil when there is none.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The file open on `descriptor`; nil when it is not open.
    public init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        self.init(info)
    }

    private init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// Where a path given for an output leads, and so how it is written.
public enum OutputTarget: Sendable, Equatable {
    /// `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`: the process's own open
    /// descriptor N, written to as the shell set it up (appending stays appending).
    case descriptor(Int32)
    /// A device, a terminal, a pipe, a socket, anything under `/dev`, `/proc` or `/sys`, or a
    /// link to one of them: opened and written in place, never renamed over.
    case special(String)
    /// A regular file or no file yet: written beside, then put in place. The path is the
    /// link's target when the path given is a symbolic link (the link stays).
    case regular(String)
    /// A folder: not an output.
    case folder

    /// What `path` leads to.
    public static func of(_ path: String) -> OutputTarget {
        if let descriptor = ownDescriptor(path) { return .descriptor(descriptor) }
        if isSystemPath(path) { return .special(path) }
        var info = stat()
        var resolved = path
        // Links followed one at a time: one into /proc or /dev (`out -> /dev/stdout ->
        // /proc/self/fd/1`) is a descriptor or a special file, whatever it points at.
        for _ in 0..<40 {
            guard lstat(resolved, &info) == 0 else { return .regular(resolved) }
            guard (info.st_mode & S_IFMT) == S_IFLNK, let target = readLink(resolved) else { break }
            resolved = target.hasPrefix("/") ? target : folder(of: resolved) + "/" + target
            if let descriptor = ownDescriptor(resolved) { return .descriptor(descriptor) }
            if isSystemPath(resolved) { return .special(path) }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular(resolved)
        case S_IFDIR: return .folder
        default: return .special(path)
        }
    }

    /// The descriptor number a path names in the process's own descriptor table, if it does.
    static func ownDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdin": return 0
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default: break
        }
        for prefix in ["/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/", "/proc/\(getpid())/fd/"] where path.hasPrefix(prefix) {
            let number = path.dropFirst(prefix.count)
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int32(number) else { return nil }
            return value
        }
        return nil
    }

    /// The target of the symbolic link at `path`, as written in the link.
    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The folder holding `path` (`.` for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Under `/dev`, `/proc` or `/sys`: never a place for a temporary file and a rename.
    static func isSystemPath(_ path: String) -> Bool {
        ["/dev/", "/proc/", "/sys/"].contains { path.hasPrefix($0) }
    }
}

extension SystemFile {
    /// Opens `path` for writing in place (a device, a pipe, a terminal), without truncating
    /// or creating it; -1 on failure (`lastError()` says why).
    public static func openInPlace(_ path: String) -> Int32 {
        Glibc.open(path, O_WRONLY | O_CLOEXEC)
    }

    /// A copy of the process's descriptor `descriptor`, for writing; -1 when it is not open.
    public static func duplicate(_ descriptor: Int32) -> Int32 {
        fcntl(descriptor, F_DUPFD_CLOEXEC, 3)
    }

    /// Creates `path` for writing (truncated when it exists), readable and writable by its
    /// owner and as the umask allows; -1 on failure.
    public static func create(_ path: String) -> Int32 {
        Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
    }

    /// Removes the file at `path` (nothing when there is none).
    public static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// The process's id.
    public static var processID: Int32 { getpid() }
}
