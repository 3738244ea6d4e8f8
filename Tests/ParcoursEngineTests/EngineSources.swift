import Foundation

/// The engine's Swift sources as text, for the tests that check rules about the code itself
/// (no unsafe code, folders layered): files in path order, each with its folder and lines.
struct EngineSources {
    /// One source file: its path under `Sources/ParcoursEngine`, its top folder and its lines.
    struct File {
        let path: String
        let folder: String
        let lines: [String]
    }

    static let directory = TestSupport.packageRoot + "/Sources/ParcoursEngine"

    let files: [File]
    /// The engine's top folders, sorted.
    let folders: [String]

    /// Reads every `.swift` file under `Sources/ParcoursEngine`, sorted by path.
    static func read() throws -> EngineSources {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw TestFailure("cannot list \(directory)")
        }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.hasSuffix(".swift") { paths.append(path) }
        }
        paths.sort()
        let files = try paths.map { path -> File in
            let text = try String(contentsOfFile: directory + "/" + path, encoding: .utf8)
            let folder = path.split(separator: "/").count > 1 ? String(path.split(separator: "/")[0]) : ""
            return File(path: path, folder: folder, lines: text.components(separatedBy: "\n"))
        }
        let folders = try FileManager.default.contentsOfDirectory(atPath: directory).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
        return EngineSources(files: files, folders: folders)
    }
}
