import Testing

/// The engine's folders in layers, each using only its own layer and those below: the one place
/// the layers are written (docs/architecture.md shows the same table). A type declared in a
/// folder of a higher layer, named in a file of a lower one, is an upward reference.
@Suite("Engine sources: folders in layers")
struct EngineLayersTests {
    /// The layers, lowest first, with their folders.
    static let layers: [(name: String, folders: [String])] = [
        ("language", ["Citations", "Concurrency", "Core", "Diagnostics", "Fingerprint", "Import", "JSON", "Loading", "Model", "Schema"]),
        ("decision", ["Compiled", "Evaluation"]),
        ("analysis", ["Validation"]),
        ("features", ["Corpus", "Impact", "Sampling", "Services"]),
        ("contract", ["Contract", "Drafts", "Replay", "UseCases"]),
    ]

    /// Upward references kept on purpose, as `file: type`, each with its reason. The test fails
    /// when one is no longer found, so that the list stays exact.
    static let allowed: [(reference: String, reason: String)] = [
        ("Loading/RuleSetLoader.swift: RuleSetAnalysis",
         "loading refuses a rule set whose rules conflict: the loader runs the analysis on the rule set it built"),
    ]

    static let declarationKeywords: Set<String> = ["struct", "enum", "class", "protocol", "actor", "typealias"]
    static let modifiers: Set<String> = ["public", "package", "internal", "private", "fileprivate", "final", "indirect", "nonisolated", "open"]

    /// The words of `line` outside string literals and `//` comments: identifiers, and `@name`
    /// attributes as one word with their `@`.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inString = false
        var previous: Character = " "
        let characters = Array(line)
        var index = 0
        func flush() {
            if !current.isEmpty { words.append(current) }
            current = ""
        }
        while index < characters.count {
            let character = characters[index]
            if inString {
                if character == "\"" && previous != "\\" { inString = false }
                previous = character == "\\" && previous == "\\" ? " " : character
                index += 1
                continue
            }
            if character == "\"" {
                flush()
                inString = true
                previous = " "
            } else if character == "/" && index + 1 < characters.count && characters[index + 1] == "/" {
                break
            } else if character.isLetter || character.isNumber || character == "_" || (character == "@" && current.isEmpty) {
                current.append(character)
            } else {
                flush()
            }
            index += 1
        }
        flush()
        return words
    }

    /// The type a top-level line declares (`struct`, `enum`, `class`, `protocol`, `actor`,
    /// `typealias`; an `extension` declares none), or nil. Nested types are reached through
    /// their outer type's name, so only top-level declarations count.
    static func declaredType(_ line: String) -> String? {
        guard let first = line.first, !first.isWhitespace, !line.hasPrefix("//") else { return nil }
        let words = words(line)
        // A declaration starts with its attributes (whose arguments are words too), its
        // modifiers or its keyword.
        guard let head = words.first, head.hasPrefix("@") || modifiers.contains(head) || declarationKeywords.contains(head),
              let keyword = words.firstIndex(where: { declarationKeywords.contains($0) }),
              keyword + 1 < words.count, words[keyword + 1].first?.isUppercase == true else { return nil }
        return words[keyword + 1]
    }

    /// The upward references of `sources`: `path:line: Type (declared in Folder, layer) used in Folder (layer)`, sorted.
    static func upwardReferences(_ sources: EngineSources) -> (findings: [String], references: [String]) {
        var layerOf: [String: Int] = [:]
        for (position, layer) in layers.enumerated() {
            for folder in layer.folders { layerOf[folder] = position }
        }
        var declaredIn: [String: Set<String>] = [:]
        for file in sources.files {
            var inText = false
            for line in file.lines {
                if line.components(separatedBy: "\"\"\"").count % 2 == 0 { inText.toggle(); continue }
                if inText { continue }
                if let name = declaredType(line) { declaredIn[name, default: []].insert(file.folder) }
            }
        }
        var findings: [String] = []
        var references: [String] = []
        for file in sources.files {
            guard let userLayer = layerOf[file.folder] else { continue }
            var inText = false
            for (index, line) in file.lines.enumerated() {
                if line.components(separatedBy: "\"\"\"").count % 2 == 0 { inText.toggle(); continue }
                if inText || line.trimmingPrefix(while: { $0 == " " }).hasPrefix("//") { continue }
                var seen: Set<String> = []
                for word in words(line) where word.first?.isUppercase == true && seen.insert(word).inserted {
                    guard let folders = declaredIn[word], !folders.contains(file.folder) else { continue }
                    let lowest = folders.compactMap { folder in layerOf[folder].map { (folder, $0) } }.min { $0.1 < $1.1 }
                    guard let (folder, layer) = lowest, layer > userLayer else { continue }
                    references.append("\(file.path): \(word)")
                    findings.append("\(file.path):\(index + 1): \(word) (declared in \(folder), \(layers[layer].name)) used in \(file.folder) (\(layers[userLayer].name))")
                }
            }
        }
        return (findings.sorted(), references)
    }

    @Test func theCheckFindsAnUpwardReference() {
        let sources = EngineSources(files: [
            .init(path: "Model/A.swift", folder: "Model", lines: ["package struct A {", "    let b: B  // B, in a comment, does not count", "    let text = \"B\"", "}"]),
            .init(path: "Evaluation/B.swift", folder: "Evaluation", lines: ["@usableFromInline final class B {", "    let a: A", "}", "extension A {}"]),
        ], folders: ["Evaluation", "Model"])
        #expect(Self.upwardReferences(sources).findings == ["Model/A.swift:2: B (declared in Evaluation, decision) used in Model (language)"])
        #expect(Self.declaredType("extension Recommendation {") == nil)
        #expect(Self.declaredType("    struct Nested {") == nil)
        #expect(Self.declaredType("@available(*, deprecated) public enum Old: String {") == "Old")
    }

    @Test func everyFolderIsInOneLayer() throws {
        let sources = try EngineSources.read()
        let listed = Self.layers.flatMap(\.folders)
        #expect(listed.count == Set(listed).count, "a folder is in two layers")
        #expect(sources.folders == listed.sorted(), "the layer table and the folders of Sources/ParcoursEngine differ")
    }

    @Test func noFolderUsesATypeOfAHigherLayer() throws {
        let sources = try EngineSources.read()
        let (findings, references) = Self.upwardReferences(sources)
        let allowed = Set(Self.allowed.map(\.reference))
        let unexpected = zip(findings, findings.map { finding in
            // `path:line: Type (...)` back to `path: Type`.
            let parts = finding.split(separator: ":", maxSplits: 2)
            let type = parts.count == 3 ? String(parts[2].dropFirst().prefix { $0 != " " }) : ""
            return "\(parts[0]): \(type)"
        }).filter { !allowed.contains($0.1) }.map(\.0)
        #expect(unexpected.isEmpty, "upward references between the engine's folders (move the type or the function down, or the user up):\n\(unexpected.joined(separator: "\n"))")
        let stale = Self.allowed.map(\.reference).filter { !references.contains($0) }
        #expect(stale.isEmpty, "allowed upward references no longer found (remove them from the list): \(stale)")
    }
}
