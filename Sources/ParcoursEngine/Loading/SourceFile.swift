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

    /// Reads a file from disk, at most `limit` bytes, or says why it cannot. With `regularOnly`
    /// (files found in a folder), a named pipe or a device is refused without blocking.
    public static func load(_ path: String, limit: Int = Limits.ruleFileBytes, regularOnly: Bool = false) throws(InputError) -> SourceFile {
        SourceFile(path: path, bytes: try SystemFile.read(path, limit: limit, regularOnly: regularOnly))
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
    /// `sources.yaml`: the register of the documents and public texts rules may cite.
    public var sources: SourceFile?
    /// `glossaire.yaml`: the acronyms the person may read, with their meaning.
    public var glossary: SourceFile?
    /// Where the rule set was read from, for "missing file" diagnostics.
    public var directory: String
    /// Case files held in memory (a draft's), by full path: read instead of the file at the same
    /// path on disk, or beside the files of their `cases/` folder.
    public var heldCases: [SourceFile] = []
    /// Files that belong to the rule set but could not be read (or are misnamed), and why:
    /// reported as errors, never skipped in silence.
    public var problems: [(path: String, message: Phrase, hint: Phrase?)] = []
    /// A file or folder of the rule set could not be read: what was read is not the rule set,
    /// and loading reports only the problems (anything more would be about missing parts).
    public var incomplete = false

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
    /// `lister` lists the folders (the disk's by default).
    public static func read(directory: String, scenarios: String?, lister: FolderLister = .system) -> RuleSetFiles {
        var files = read(directory: directory, lister: lister)
        guard let scenarios else { return files }
        let base = scenarios.hasSuffix("/") ? String(scenarios.dropLast()) : scenarios
        guard FileKind.of(base) == .folder else {
            files.problems.append((base, Phrase("le dossier des dispositifs \(base) n'existe pas", en: "the scheme plugins folder \(base) does not exist"),
                                   Phrase("passez --scenarios DOSSIER, ou créez le dossier", en: "pass --scenarios DIR, or create the folder")))
            return files
        }
        let folders: [(name: String, kind: FileKind, isLink: Bool)]
        do {
            folders = try lister.list(base).filter { !$0.name.hasPrefix(".") }.sorted { $0.name < $1.name }
        } catch {
            files.unreadable(error)
            return files
        }
        for folder in folders where folder.kind == .folder {
            let directory = base + "/" + folder.name
            let path = directory + "/" + schemeFileName
            let entries: [(name: String, kind: FileKind, isLink: Bool)]
            do {
                entries = try lister.list(directory)
            } catch {
                files.unreadable(error)
                continue
            }
            if entries.contains(where: { $0.name == schemeFileName }) {
                do {
                    files.schemes.append(try SourceFile.load(path, regularOnly: true))
                } catch {
                    files.unreadable(error)
                }
            } else if let other = ["scheme.yml", "scheme.YAML", "Scheme.yaml"].first(where: { name in entries.contains { $0.name == name } }) {
                files.problems.append((directory + "/" + other, Phrase("le fichier du dispositif doit s'appeler \(schemeFileName)", en: "the scheme file must be named \(schemeFileName)"),
                                       Phrase("renommez \(other) en \(schemeFileName)", en: "rename \(other) to \(schemeFileName)")))
            } else {
                files.problems.append((path, Phrase("le dossier de dispositif \(folder.name) n'a pas de \(schemeFileName)", en: "scheme folder \(folder.name) has no \(schemeFileName)"),
                                       Phrase("ajoutez \(schemeFileName), ou sortez le dossier de \(base)", en: "add \(schemeFileName), or move the folder out of \(base)")))
            }
        }
        return files
    }

    /// Records a file or folder of the rule set that could not be read: the rule set is
    /// incomplete, and loading says only that.
    mutating func unreadable(_ error: InputError) {
        problems.append((error.path, error.phrase, error.hint))
        incomplete = true
    }

    public static let vocabularyName = "profile.yaml"
    public static let catalogueName = "catalogue.yaml"
    public static let sourcesName = "sources.yaml"
    public static let glossaryName = "glossaire.yaml"
    public static let referenceFolder = "reference"

    /// Reads a rule set folder: `profile.yaml`, `catalogue.yaml`, `reference/*.yaml` and every
    /// other `*.yaml` below it as rule files, in path order; `cases/` holds replayable cases
    /// (the counsellors' review suite), not rules. A folder below it that cannot be read, or a
    /// `*.yaml` that is not a regular file (a named pipe, a device), is a problem, never skipped.
    public static func read(directory: String, lister: FolderLister = .system) -> RuleSetFiles {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var files = RuleSetFiles(directory: base, vocabulary: nil, catalogue: nil, references: [], rules: [])
        let walked = FileKind.of(base) == .folder ? lister.walk(base, descend: { $0 != casesFolder }) : (entries: [], unreadable: [])
        walked.unreadable.forEach { files.unreadable($0) }
        let all = walked.entries.filter { $0.kind != .folder }
        // A file that looks like YAML but is not named *.yaml or *.yml would be skipped: say so.
        for entry in all where !(entry.path.hasSuffix(".yaml") || entry.path.hasSuffix(".yml")) {
            let lower = entry.path.lowercased()
            if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
                let name = String(entry.path.split(separator: "/").last ?? "")
                let renamed = "\(name.dropLast(name.lowercased().hasSuffix(".yaml") ? 5 : 4)).yaml"
                files.problems.append((base + "/" + entry.path, Phrase("\(name) n'est pas lu : les fichiers de règles finissent par .yaml", en: "\(name) is not read: rule files end in .yaml"),
                                       Phrase("renommez-le en \(renamed)", en: "rename it to \(renamed)")))
            }
        }
        let paths = all.map(\.path).filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(casesFolder + "/") }
        func load(_ path: String) -> SourceFile? {
            do {
                return try SourceFile.load(path, regularOnly: true)
            } catch {
                files.unreadable(error)
                return nil
            }
        }
        for relative in paths {
            guard let file = load(base + "/" + relative) else { continue }
            if relative == vocabularyName {
                files.vocabulary = file
            } else if relative == catalogueName {
                files.catalogue = file
            } else if relative == sourcesName {
                files.sources = file
            } else if relative == glossaryName {
                files.glossary = file
            } else if relative.hasPrefix(referenceFolder + "/") {
                files.references.append(file)
            } else if relative.hasPrefix(importsFolder + "/") {
                files.imports.append(file)
            } else {
                files.rules.append(file)
            }
        }
        return files
    }
}
