#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an input could not be read: said in the error, never a crash.
public enum InputError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case isDirectory(path: String)
    case tooLarge(path: String, limit: Int)
    case readFailed(path: String, reason: String)

    /// The error in French and in English.
    public var phrase: Phrase {
        switch self {
        case .cannotOpen(let path, let reason), .readFailed(let path, let reason):
            return Phrase("impossible de lire \(path) : \(Self.reason(reason).fr)", en: description)
        case .isDirectory(let path): return Phrase("impossible de lire \(path) : c'est un dossier, pas un fichier", en: description)
        case .tooLarge(let path, let limit): return Phrase("\(path) dépasse la limite de \(Limits.describe(bytes: limit, in: .fr))", en: description)
        }
    }

    /// A system reason (`strerror`, in English), with the usual ones said in French.
    public static func reason(_ reason: String) -> Phrase {
        switch reason {
        case "No such file or directory": return Phrase("fichier ou dossier introuvable", en: reason)
        case "Permission denied": return Phrase("permission refusée", en: reason)
        case "Is a directory": return Phrase("c'est un dossier", en: reason)
        case "Too many levels of symbolic links": return Phrase("trop de liens symboliques", en: reason)
        case "No space left on device": return Phrase("plus de place sur le disque", en: reason)
        case "Read-only file system": return Phrase("système de fichiers en lecture seule", en: reason)
        default: return .same(reason)
        }
    }

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot read \(path): \(reason)"
        case .isDirectory(let path): return "cannot read \(path): it is a folder, not a file"
        case .tooLarge(let path, let limit): return "\(path) is larger than the limit of \(Limits.describe(bytes: limit))"
        case .readFailed(let path, let reason): return "cannot read \(path): \(reason)"
        }
    }
}

/// The limits on what Parcours reads, in one place (docs/limites.md).
public enum Limits {
    /// A profile file, or a profile on standard input.
    public static let profileBytes = 1 << 20
    /// One rule, vocabulary, catalogue, scheme or case file.
    public static let ruleFileBytes = 8 << 20
    /// One line of a corpus (`batch`, `diff`).
    public static let corpusLineBytes = 1 << 20
    /// A field name or value, as quoted back in messages (longer ones are cut).
    public static let quotedText = 80
    /// Rules in one rule set.
    public static let rules = 20_000

    /// `1 MiB`-style size (`1 Mio`, `500 octets` in French).
    public static func describe(bytes: Int, in language: Language = .en) -> String {
        let mebibytes = bytes >= 1 << 20 && bytes % (1 << 20) == 0
        switch language {
        case .en: return mebibytes ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
        case .fr: return mebibytes ? "\(bytes >> 20) Mio" : "\(bytes) octets"
        }
    }

    /// `text` cut to `quotedText` characters, with an ellipsis when cut.
    public static func quoted(_ text: String) -> String {
        text.count <= quotedText ? text : String(text.prefix(quotedText)) + "…"
    }
}

/// Reads whole inputs through the system's file descriptors, bounded in size, with the reason
/// when it fails (no such file, a folder, no permission, standard input closed).
public enum InputFile {
    /// The bytes of `path`, at most `limit`.
    public static func read(_ path: String, limit: Int) throws(InputError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: reason()) }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory(path: path) }
        return try read(descriptor: descriptor, name: path, limit: limit)
    }

    /// The bytes of an open descriptor (standard input: 0), at most `limit`.
    public static func read(descriptor: Int32, name: String, limit: Int) throws(InputError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .readFailed(path: name, reason: reason())
            }
            if count == 0 { return bytes }
            if bytes.count + count > limit { throw .tooLarge(path: name, limit: limit) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    static func reason() -> String {
        guard let text = strerror(errno) else { return "error \(errno)" }
        return String(cString: text)
    }
}
