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
    /// The `scheme.yaml` of each scheme plugin folder, by folder name.
    public var schemes: [SourceFile]
    /// Where the rule set was read from, for "missing file" diagnostics.
    public var directory: String

    public init(directory: String, vocabulary: SourceFile?, catalogue: SourceFile?, references: [SourceFile], rules: [SourceFile],
                schemes: [SourceFile] = []) {
        self.directory = directory
        self.vocabulary = vocabulary
        self.catalogue = catalogue
        self.references = references
        self.rules = rules
        self.schemes = schemes
    }

    public static let schemeFileName = "scheme.yaml"
    /// The vocabulary field whose values are the loaded schemes (`values_from: schemes`).
    public static let enrolledField = "enrolled_schemes"

    /// The folder name of a scheme file (`Scenarios/sma/scheme.yaml` gives `sma`).
    static func folderName(of scheme: SourceFile) -> String {
        let parts = scheme.path.split(separator: "/")
        return parts.count >= 2 ? String(parts[parts.count - 2]) : ""
    }

    /// Reads a rule set folder and, when given, a folder of scheme plugins (`<id>/scheme.yaml`).
    public static func read(directory: String, scenarios: String?) -> RuleSetFiles {
        var files = read(directory: directory)
        guard let scenarios else { return files }
        let base = scenarios.hasSuffix("/") ? String(scenarios.dropLast()) : scenarios
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).sorted()
        files.schemes = folders.compactMap { SourceFile.read(base + "/" + $0 + "/" + schemeFileName) }
        return files
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
