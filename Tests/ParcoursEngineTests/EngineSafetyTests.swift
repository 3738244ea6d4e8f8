import Testing

/// The engine holds no unsafe code and makes no system call: pointers live in `Bytes`, system
/// calls in `Platform` (issue 32). Checked on the source text, comments included.
@Suite("Engine sources: no unsafe code")
struct EngineSafetyTests {
    /// Text that marks code reading or writing memory directly.
    static let unsafeMarks = ["Unsafe", "unsafe", "Unmanaged", "OpaquePointer", "@_silgen_name", "@_extern"]

    /// The modules the engine may import; anything else (Glibc, CSystem, Musl, Darwin, CYAML…) is refused.
    static let allowedImports: Set<String> = ["Bytes", "Dispatch", "Foundation", "Platform", "Synchronization", "YAML"]

    /// Each unsafe mark in `lines`, as `path:line: mark`.
    static func unsafeFindings(path: String, lines: [String]) -> [String] {
        var findings: [String] = []
        for (index, line) in lines.enumerated() {
            for mark in unsafeMarks where line.contains(mark) {
                findings.append("\(path):\(index + 1): \(mark)")
            }
        }
        return findings
    }

    /// The module a line imports, if it is an import (`import X`, `@preconcurrency import X`,
    /// `import struct X.Y`, `@_implementationOnly import X`).
    static func importedModule(_ line: String) -> String? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        while let first = words.first, first.hasPrefix("@") || ["public", "package", "internal", "private", "fileprivate"].contains(first) {
            words.removeFirst()
        }
        guard words.first == "import", words.count >= 2 else { return nil }
        let kinds: Set<String> = ["struct", "class", "enum", "protocol", "typealias", "func", "var", "let"]
        let path = kinds.contains(words[1]) && words.count >= 3 ? words[2] : words[1]
        return path.split(separator: ".").first.map(String.init)
    }

    /// Each import of a module not in `allowedImports`, as `path:line: module`.
    static func importFindings(path: String, lines: [String]) -> [String] {
        lines.enumerated().compactMap { index, line in
            guard let module = importedModule(line), !allowedImports.contains(module) else { return nil }
            return "\(path):\(index + 1): import \(module)"
        }
    }

    @Test func theCheckFindsUnsafeCodeAndSystemImports() {
        let sample = ["import Foundation", "@preconcurrency import Glibc", "import struct CSystem.stat",
                      "let x = a.withUnsafeBufferPointer { $0[0] }", "let y = unsafeBitCast(x, to: Int.self)", "let z = 1"]
        #expect(Self.unsafeFindings(path: "S.swift", lines: sample) == ["S.swift:4: Unsafe", "S.swift:5: unsafe"])
        #expect(Self.importFindings(path: "S.swift", lines: sample) == ["S.swift:2: import Glibc", "S.swift:3: import CSystem"])
    }

    @Test func theEngineHoldsNoUnsafeCode() throws {
        let sources = try EngineSources.read()
        #expect(sources.files.count > 100, "the engine's sources were not found")
        let findings = sources.files.flatMap { Self.unsafeFindings(path: $0.path, lines: $0.lines) }
        #expect(findings.isEmpty, "unsafe code in Sources/ParcoursEngine (it belongs in Bytes):\n\(findings.joined(separator: "\n"))")
    }

    @Test func theEngineImportsNoSystemModule() throws {
        let sources = try EngineSources.read()
        #expect(sources.files.contains { file in file.lines.contains { Self.importedModule($0) == "YAML" } })
        let findings = sources.files.flatMap { Self.importFindings(path: $0.path, lines: $0.lines) }
        #expect(findings.isEmpty, "Sources/ParcoursEngine imports a module it may not (system calls belong in Platform):\n\(findings.joined(separator: "\n"))")
    }
}
