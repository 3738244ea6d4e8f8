import Platform
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

    /// Reads a file from disk, at most `limit` bytes; nil when it cannot be read.
    public static func read(_ path: String, limit: Int = Limits.ruleFileBytes) -> SourceFile? {
        try? load(path, limit: limit)
    }

    /// Reads a file from disk, at most `limit` bytes, or says why it cannot.
    public static func load(_ path: String, limit: Int = Limits.ruleFileBytes) throws(InputError) -> SourceFile {
        SourceFile(path: path, bytes: try SystemFile.read(path, limit: limit))
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
    /// `imports/*.yaml`: how other platforms' diagnoses become profiles.
    public var imports: [SourceFile] = []
    /// Where the rule set was read from, for "missing file" diagnostics.
    public var directory: String
    /// Files that belong to the rule set but could not be read (or are misnamed), and why:
    /// reported as errors, never skipped in silence.
    public var problems: [(path: String, message: Phrase, hint: Phrase?)] = []

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
    /// The set field where the counsellor records the schemes the person chose to enter.
    public static let chosenField = "chosen_schemes"
    /// The folder of a rule set (or scheme) that holds replayable cases.
    public static let casesFolder = "cases"
    public static let importsFolder = "imports"

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
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base, isDirectory: &isFolder), isFolder.boolValue else {
            files.problems.append((base, Phrase("le dossier des dispositifs \(base) n'existe pas", en: "the scheme plugins folder \(base) does not exist"),
                                   Phrase("passez --scenarios DOSSIER, ou créez le dossier", en: "pass --scenarios DIR, or create the folder")))
            return files
        }
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for folder in folders {
            let directory = base + "/" + folder
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else { continue }
            let path = directory + "/" + schemeFileName
            do {
                files.schemes.append(try SourceFile.load(path))
            } catch {
                let other = ["scheme.yml", "scheme.YAML", "Scheme.yaml"].first { FileManager.default.fileExists(atPath: directory + "/" + $0) }
                if case .cannotOpen = error, other == nil, !FileManager.default.fileExists(atPath: path) {
                    files.problems.append((path, Phrase("le dossier de dispositif \(folder) n'a pas de \(schemeFileName)", en: "scheme folder \(folder) has no \(schemeFileName)"),
                                           Phrase("ajoutez \(schemeFileName), ou sortez le dossier de \(base)", en: "add \(schemeFileName), or move the folder out of \(base)")))
                } else if let other, !FileManager.default.fileExists(atPath: path) {
                    files.problems.append((directory + "/" + other, Phrase("le fichier du dispositif doit s'appeler \(schemeFileName)", en: "the scheme file must be named \(schemeFileName)"),
                                           Phrase("renommez \(other) en \(schemeFileName)", en: "rename \(other) to \(schemeFileName)")))
                } else {
                    files.problems.append((path, error.phrase, nil))
                }
            }
        }
        return files
    }

    public static let vocabularyName = "profile.yaml"
    public static let catalogueName = "catalogue.yaml"
    public static let referenceFolder = "reference"

    /// Reads a rule set folder: `profile.yaml`, `catalogue.yaml`, `reference/*.yaml` and every
    /// other `*.yaml` below it as rule files, in path order; `cases/` holds replayable cases
    /// (the counsellors' review suite), not rules.
    public static func read(directory: String) -> RuleSetFiles {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let manager = FileManager.default
        let all = (manager.enumerator(atPath: base)?.allObjects as? [String] ?? []).sorted()
        var problems: [(path: String, message: Phrase, hint: Phrase?)] = []
        // A file that looks like YAML but is not named *.yaml or *.yml would be skipped: say so.
        for relative in all where !(relative.hasSuffix(".yaml") || relative.hasSuffix(".yml")) {
            let lower = relative.lowercased()
            if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
                let name = String(relative.split(separator: "/").last ?? "")
                let renamed = "\(name.dropLast(name.lowercased().hasSuffix(".yaml") ? 5 : 4)).yaml"
                problems.append((base + "/" + relative, Phrase("\(name) n'est pas lu : les fichiers de règles finissent par .yaml", en: "\(name) is not read: rule files end in .yaml"),
                                 Phrase("renommez-le en \(renamed)", en: "rename it to \(renamed)")))
            }
        }
        let paths = all.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(casesFolder + "/") }
        var references: [SourceFile] = []
        var rules: [SourceFile] = []
        var imports: [SourceFile] = []
        func load(_ path: String) -> SourceFile? {
            do {
                return try SourceFile.load(path)
            } catch {
                if case .isDirectory = error { return nil }
                problems.append((path, error.phrase, nil))
                return nil
            }
        }
        for relative in paths where relative != vocabularyName && relative != catalogueName {
            guard let file = load(base + "/" + relative) else { continue }
            if relative.hasPrefix(referenceFolder + "/") {
                references.append(file)
            } else if relative.hasPrefix(importsFolder + "/") {
                imports.append(file)
            } else {
                rules.append(file)
            }
        }
        let vocabularyPath = base + "/" + vocabularyName, cataloguePath = base + "/" + catalogueName
        var files = RuleSetFiles(directory: base,
                                 vocabulary: manager.fileExists(atPath: vocabularyPath) ? load(vocabularyPath) : nil,
                                 catalogue: manager.fileExists(atPath: cataloguePath) ? load(cataloguePath) : nil,
                                 references: references, rules: rules)
        files.problems = problems
        files.imports = imports
        return files
    }
}
