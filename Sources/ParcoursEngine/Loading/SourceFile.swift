import Foundation

/// The text of one input file and the path shown in diagnostics.
public struct SourceFile: Sendable {
    public let path: String
    public let bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// Reads a file from disk; nil when it cannot be read.
    public static func read(_ path: String) -> SourceFile? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return SourceFile(path: path, bytes: [UInt8](data))
    }
}

/// The files of a rule set, by role.
public struct RuleSetFiles: Sendable {
    public var vocabulary: SourceFile?
    public var catalogue: SourceFile?
    public var references: [SourceFile]
    public var rules: [SourceFile]
    /// Where the rule set was read from, for "missing file" diagnostics.
    public var directory: String

    public init(directory: String, vocabulary: SourceFile?, catalogue: SourceFile?, references: [SourceFile], rules: [SourceFile]) {
        self.directory = directory
        self.vocabulary = vocabulary
        self.catalogue = catalogue
        self.references = references
        self.rules = rules
    }

    public static let vocabularyName = "profile.yaml"
    public static let catalogueName = "catalogue.yaml"
    public static let referenceFolder = "reference"

    /// Reads a rule set folder: `profile.yaml`, `catalogue.yaml`, `reference/*.yaml` and every
    /// other `*.yaml` below it as rule files, in path order.
    public static func read(directory: String) -> RuleSetFiles {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let manager = FileManager.default
        let paths = (manager.enumerator(atPath: base)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
        var references: [SourceFile] = []
        var rules: [SourceFile] = []
        for relative in paths where relative != vocabularyName && relative != catalogueName {
            guard let file = SourceFile.read(base + "/" + relative) else { continue }
            if relative.hasPrefix(referenceFolder + "/") { references.append(file) } else { rules.append(file) }
        }
        return RuleSetFiles(directory: base,
                            vocabulary: SourceFile.read(base + "/" + vocabularyName),
                            catalogue: SourceFile.read(base + "/" + catalogueName),
                            references: references, rules: rules)
    }
}
