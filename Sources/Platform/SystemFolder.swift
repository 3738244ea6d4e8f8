#if canImport(Glibc)
import Glibc
#endif

/// What a path is, as `stat` says (symbolic links followed).
public enum FileKind: String, Sendable, Equatable {
    case regular, folder, fifo, characterDevice, blockDevice, socket
    /// `stat` failed (a dangling link, a name removed meanwhile): reading it says why.
    case unknown

    /// The kind of `path`, following symbolic links.
    public static func of(_ path: String) -> FileKind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .unknown }
        return kind(mode: info.st_mode)
    }

    /// The kind in English words, for messages.
    public var englishName: String {
        switch self {
        case .regular: return "a file"
        case .folder: return "a folder"
        case .fifo: return "a named pipe"
        case .characterDevice: return "a character device"
        case .blockDevice: return "a block device"
        case .socket: return "a socket"
        case .unknown: return "unknown"
        }
    }

    static func kind(mode: mode_t) -> FileKind {
        switch mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .folder
        case S_IFIFO: return .fifo
        case S_IFCHR: return .characterDevice
        case S_IFBLK: return .blockDevice
        case S_IFSOCK: return .socket
        default: return .unknown
        }
    }
}

/// One entry found below a folder: its path relative to the folder walked, and its kind.
public struct FolderEntry: Sendable, Equatable {
    public let path: String
    public let kind: FileKind

    public init(path: String, kind: FileKind) {
        self.path = path
        self.kind = kind
    }
}

/// Lists folders for the readers of rule and case folders. `system` reads the disk; tests give
/// their own listing (a folder that cannot be read, which `chmod 000` does not give as root).
public struct FolderLister: Sendable {
    /// The entries directly in a folder (names and kinds, in any order), or why it cannot be read.
    public let list: @Sendable (String) throws(InputError) -> [(name: String, kind: FileKind, isLink: Bool)]

    public init(list: @escaping @Sendable (String) throws(InputError) -> [(name: String, kind: FileKind, isLink: Bool)]) {
        self.list = list
    }

    /// The folders on disk.
    public static let system = FolderLister { path throws(InputError) in try SystemFolder.entries(of: path) }

    /// Every entry below `base`, depth first, in path order (`a/b` before `a0`, as sorted paths),
    /// and each folder below it that could not be read (never skipped in silence). Folders are
    /// entered, not symbolic links to them; `descend` says which sub-folders (relative paths)
    /// to enter.
    public func walk(_ base: String, descend: (String) -> Bool = { _ in true }) -> (entries: [FolderEntry], unreadable: [InputError]) {
        var entries: [FolderEntry] = []
        var unreadable: [InputError] = []
        func visit(_ relative: String) {
            let folder = relative.isEmpty ? base : base + "/" + relative
            let found: [(name: String, kind: FileKind, isLink: Bool)]
            do {
                found = try list(folder)
            } catch {
                unreadable.append(error)
                return
            }
            for item in found.sorted(by: { $0.name < $1.name }) {
                let path = relative.isEmpty ? item.name : relative + "/" + item.name
                entries.append(FolderEntry(path: path, kind: item.kind))
                if item.kind == .folder, !item.isLink, descend(path) { visit(path) }
            }
        }
        visit("")
        entries.sort { $0.path < $1.path }
        return (entries, unreadable)
    }
}

/// Reads folders with `opendir`/`readdir`: a folder that cannot be opened or read is an error,
/// not an empty folder.
public enum SystemFolder {
    /// The entries of `path` (not `.` and `..`), each with its kind (links followed) and
    /// whether it is a symbolic link.
    public static func entries(of path: String) throws(InputError) -> [(name: String, kind: FileKind, isLink: Bool)] {
        guard let stream = opendir(path) else { throw .unreadableFolder(path: path, reason: SystemFile.lastError()) }
        defer { closedir(stream) }
        var result: [(name: String, kind: FileKind, isLink: Bool)] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw .unreadableFolder(path: path, reason: SystemFile.lastError()) }
                return result
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let full = path + "/" + name
            var info = stat()
            let isLink = lstat(full, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
            result.append((name, isLink ? FileKind.of(full) : (FileKind.kind(mode: info.st_mode)), isLink))
        }
    }
}
