import CSystem
#if canImport(Glibc)
import Glibc
#endif

/// The system calls Parcours makes on files, in one place: reading whole inputs within a
/// limit, reading and writing file descriptors, swapping two paths. Nothing here knows what
/// the bytes mean.
public enum SystemFile {
    /// The bytes of `path`, at most `limit`. With `regularOnly`, anything but a regular file
    /// (a named pipe, a device, a socket) is refused, without an open that could block.
    public static func read(_ path: String, limit: Int, regularOnly: Bool = false) throws(InputError) -> [UInt8] {
        let descriptor = regularOnly ? try openRegular(path) : try open(path)
        defer { close(descriptor) }
        return try read(descriptor: descriptor, name: path, limit: limit)
    }

    /// The bytes of an open descriptor (standard input: 0), at most `limit`.
    public static func read(descriptor: Int32, name: String, limit: Int) throws(InputError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, into: $0.baseAddress, count: $0.count) }
            if count < 0 { throw .readFailed(path: name, reason: lastError()) }
            if count == 0 { return bytes }
            if bytes.count + count > limit { throw .tooLarge(path: name, limit: limit) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Opens `path` for reading (`-`: a copy of standard input's descriptor); a folder is refused,
    /// and so is a closed standard input (an empty one is read as empty).
    public static func open(_ path: String) throws(InputError) -> Int32 {
        if path == "-", let reason = StandardStreams.unreadableInput() { throw .cannotOpen(path: path, reason: reason) }
        let descriptor = path == "-" ? dup(0) : Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: lastError()) }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw .isDirectory(path: path)
        }
        return descriptor
    }

    /// Opens the regular file at `path` for reading; anything else is refused. The kind is
    /// checked before opening (opening a named pipe blocks until a writer comes, opening a
    /// device may act on it), the open does not block, and the kind is checked again on the
    /// descriptor (the path may have changed in between).
    public static func openRegular(_ path: String) throws(InputError) -> Int32 {
        let kind = FileKind.of(path)
        if kind == .folder { throw .isDirectory(path: path) }
        if kind != .regular && kind != .unknown { throw .notRegularFile(path: path, kind: kind) }
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: lastError()) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = lastError()
            close(descriptor)
            throw .readFailed(path: path, reason: reason)
        }
        let opened = FileKind.kind(mode: info.st_mode)
        guard opened == .regular else {
            close(descriptor)
            if opened == .folder { throw .isDirectory(path: path) }
            throw .notRegularFile(path: path, kind: opened)
        }
        return descriptor
    }

    /// The size of the open file when it is a regular file (not a pipe or a terminal).
    public static func regularFileSize(_ descriptor: Int32) -> Int? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// Reads at most `count` bytes into `target`, resuming after interruptions: the count read,
    /// 0 at the end, -1 on an error.
    @inlinable
    public static func read(_ descriptor: Int32, into target: UnsafeMutableRawPointer?, count: Int) -> Int {
        while true {
            let read = Glibc.read(descriptor, target, count)
            if read < 0 && errno == EINTR { continue }
            return read
        }
    }

    /// Writes all of `buffer` (resuming after partial writes and interruptions); false on an error.
    public static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < buffer.count {
            guard let base = buffer.baseAddress else { return true }
            let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// Closes a descriptor.
    public static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }

    /// Puts the file at `temporary` at `path`: swapped in one step with the regular file there
    /// (Linux's `renameat2` with `RENAME_EXCHANGE`: a plain `rename` over a large file makes ext4
    /// write the new data out first), which is then deleted; renamed when there is none or the
    /// file system cannot swap. False on failure (`lastError()` says why; `temporary` is left).
    public static func replace(_ path: String, with temporary: String) -> Bool {
        // RENAME_EXCHANGE, from <linux/fs.h>.
        let renameExchange: UInt32 = 1 << 1
        var existing = stat()
        if lstat(path, &existing) == 0, (existing.st_mode & S_IFMT) == S_IFREG,
           renameat2(AT_FDCWD, temporary, AT_FDCWD, path, renameExchange) == 0 {
            unlink(temporary)
            return true
        }
        return rename(temporary, path) == 0
    }

    /// The last system error (`strerror(errno)`, in English).
    public static func lastError() -> String {
        guard let text = strerror(errno) else { return "error \(errno)" }
        return String(cString: text)
    }
}

/// Scans bytes with the C library's string functions.
public enum SystemText {
    /// The first newline (`\n`) or NUL at or after `start`: `strchrnul`, so the bytes must end
    /// with a zero past them.
    @inlinable
    public static func newlineOrNul(from start: UnsafePointer<CChar>) -> UnsafePointer<CChar>? {
        UnsafePointer(strchrnul(start, 0x0A))
    }
}

/// The system's clock and calendar.
public enum SystemClock {
    /// Seconds since 1970-01-01T00:00:00Z.
    public static func now() -> Int { Int(time(nil)) }

    /// The local calendar day (`TZ`) at `seconds` since 1970, `YYYY-MM-DD`.
    public static func localDay(at seconds: Int) -> String {
        var moment = time_t(seconds)
        var parts = tm()
        localtime_r(&moment, &parts)
        let year = Int(parts.tm_year) + 1900, month = Int(parts.tm_mon) + 1, day = Int(parts.tm_mday)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}
