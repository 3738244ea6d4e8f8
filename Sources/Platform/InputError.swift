/// Why an input could not be read: said in the error, never a crash. The French wording is the
/// engine's (`InputError.phrase`); this module says it in English.
public enum InputError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case isDirectory(path: String)
    case tooLarge(path: String, limit: Int)
    case readFailed(path: String, reason: String)
    /// A folder that cannot be listed (no permission, an I/O error).
    case unreadableFolder(path: String, reason: String)
    /// Not a regular file (a named pipe, a device, a socket) where only files are read.
    case notRegularFile(path: String, kind: FileKind)

    /// The file or folder the error is about.
    public var path: String {
        switch self {
        case .cannotOpen(let path, _), .isDirectory(let path), .tooLarge(let path, _), .readFailed(let path, _),
             .unreadableFolder(let path, _), .notRegularFile(let path, _):
            return path
        }
    }

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot read \(path): \(reason)"
        case .isDirectory(let path): return "cannot read \(path): it is a folder, not a file"
        case .tooLarge(let path, let limit): return "\(path) is larger than the limit of \(Self.size(limit))"
        case .readFailed(let path, let reason): return "cannot read \(path): \(reason)"
        case .unreadableFolder(let path, let reason): return "cannot read folder \(path): \(reason)"
        case .notRegularFile(let path, let kind): return "\(path) is not a regular file (\(kind.englishName)): only files are read here"
        }
    }

    /// `1 MiB` or `500 bytes`.
    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
