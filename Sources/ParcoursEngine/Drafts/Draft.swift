import YAML

/// A draft rule set: the files a policy officer changed, each with its new content, over the
/// rules in force. The body of `POST /api/v1/drafts/*` (JSON) and, with the hashes of the
/// files it was based on and a summary, the change file `parcours apply` reads (YAML): one
/// reader for both. Paths are relative to the rules folder (`facts.yaml`, `cases/x.yaml`) or
/// name a scheme plugin (`Scenarios/<id>/scheme.yaml`, `Scenarios/<id>/cases/x.yaml`).
public struct Draft: Sendable {
    /// One changed file.
    public struct File: Sendable {
        /// Where it goes, relative (see `Draft`).
        public let path: String
        /// Its whole new content.
        public let content: String
        /// The SHA-256 (hex) of the file it was based on; `absent` for a new file; nil when
        /// not said (a draft sent to the API).
        public let base: String?

        public init(path: String, content: String, base: String? = nil) {
            self.path = path
            self.content = content
            self.base = base
        }
    }

    public let files: [File]
    /// What changed, in the officer's words (change files).
    public let summary: String?

    public init(files: [File], summary: String? = nil) {
        self.files = files
        self.summary = summary
    }

    /// The `base` of a file the change creates.
    public static let newFile = "absent"
    /// The prefix of a scheme plugin's path in a draft.
    public static let scenariosPrefix = "Scenarios/"

    /// The limits of a draft: few files, each no larger than a rule file (the server's body
    /// limit, 1 MiB, bounds them all together).
    public enum Bounds {
        public static let files = 32
        public static let fileBytes = Limits.ruleFileBytes
    }

    /// Reads a draft (JSON or YAML): `{files: [{path, content, base?}], summary?}`.
    /// - Throws: `invalid-draft` with positioned diagnostics.
    public static func read(_ source: SourceFile) throws(ParcoursError) -> Draft {
        var diagnostics: [Diagnostic] = []
        guard let root = RuleSetLoader.parseDocument(source, into: &diagnostics) else { throw .draft(diagnostics) }
        var reader = NodeReader(file: source.path)
        var files: [File] = []
        var summary: String?
        var repeated: [Diagnostic] = []
        if let keys = reader.keys(of: root, Phrase("le brouillon", en: "the draft"), required: ["files"], optional: ["summary"]) {
            if let node = keys["summary"] { summary = string(node, Phrase("summary", en: "summary"), &reader) }
            if let node = keys["files"], let items = reader.list(node, Phrase("files", en: "files")) {
                if items.count > Bounds.files {
                    reader.report(.tooMany, node, Phrase("un brouillon change au plus \(Bounds.files) fichiers, celui-ci \(items.count)",
                                                         en: "a draft changes at most \(Bounds.files) files, this one \(items.count)"))
                }
                for item in items.prefix(Bounds.files) {
                    if let file = readFile(item, &reader) {
                        if files.contains(where: { $0.path == file.path }) {
                            var other = NodeReader(file: source.path)
                            other.report(.duplicateID, item, Phrase("le fichier \(Limits.quoted(file.path)) est donné deux fois", en: "file \(Limits.quoted(file.path)) is given twice"))
                            repeated += other.diagnostics
                        } else {
                            files.append(file)
                        }
                    }
                }
            }
        }
        diagnostics += reader.diagnostics
        guard !diagnostics.hasErrors else { throw .draft(diagnostics + repeated) }
        // Well formed, but which of the two contents is meant? The draft cannot be evaluated.
        guard repeated.isEmpty else {
            throw ParcoursError(.draftConflict, Phrase("le brouillon donne deux fois le même fichier ; rien n'est évalué", en: "the draft gives the same file twice; nothing evaluated"),
                                hint: Phrase("gardez un seul contenu par fichier", en: "keep one content per file"), diagnostics: repeated)
        }
        return Draft(files: files, summary: summary)
    }

    /// A text field of the draft: a string, never a number, a boolean or null written without
    /// quotes (`content: false` is not the text « false »), as in its JSON Schema.
    private static func string(_ node: Node, _ what: Phrase, _ reader: inout NodeReader) -> String? {
        if let plain = node.plainText, isTypedPlain(plain) {
            reader.report(.typeMismatch, node, Phrase("texte attendu pour \(what.fr), trouvé : \(Limits.quoted(plain)) (un nombre ou un booléen)",
                                                      en: "expected text for \(what.en), found \(Limits.quoted(plain)) (a number or a boolean)"),
                          hint: Phrase("écrivez-le entre guillemets", en: "write it between quotes"))
            return nil
        }
        return reader.text(node, what)
    }

    /// What YAML's core schema (and JSON) reads as a boolean or a number when unquoted.
    static func isTypedPlain(_ text: String) -> Bool {
        if ["true", "True", "TRUE", "false", "False", "FALSE", ".inf", ".Inf", ".INF", "-.inf", "+.inf", "-.Inf", "+.Inf", "-.INF", "+.INF", ".nan", ".NaN", ".NAN"].contains(text) {
            return true
        }
        var body = Substring(text)
        if body.hasPrefix("0x") || body.hasPrefix("0o") { return body.count > 2 && body.dropFirst(2).allSatisfy(\.isHexDigit) }
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let digits = body.prefix { $0.isASCII && $0.isNumber }
        body = body.dropFirst(digits.count)
        var fraction = 0
        if body.first == "." {
            body = body.dropFirst()
            fraction = body.prefix { $0.isASCII && $0.isNumber }.count
            body = body.dropFirst(fraction)
        }
        guard digits.count + fraction > 0 else { return false }
        if body.first == "e" || body.first == "E" {
            body = body.dropFirst()
            if body.first == "-" || body.first == "+" { body = body.dropFirst() }
            let exponent = body.prefix { $0.isASCII && $0.isNumber }.count
            guard exponent > 0 else { return false }
            body = body.dropFirst(exponent)
        }
        return body.isEmpty
    }

    private static func readFile(_ node: Node, _ reader: inout NodeReader) -> File? {
        guard let keys = reader.keys(of: node, Phrase("un fichier du brouillon", en: "a draft file"), required: ["path", "content"], optional: ["base"]),
              let pathNode = keys["path"], let path = string(pathNode, Phrase("path", en: "path"), &reader), let contentNode = keys["content"]
        else { return nil }
        if let plain = contentNode.plainText, isTypedPlain(plain) {
            _ = string(contentNode, Phrase("content", en: "content"), &reader)
            return nil
        }
        guard let content = contentNode.scalar?.text, !contentNode.isNull else {
            reader.report(.typeMismatch, contentNode, Phrase("content attend le texte entier du fichier", en: "content expects the file's whole text"))
            return nil
        }
        if let problem = pathProblem(path) {
            reader.report(.typeMismatch, pathNode, problem,
                          hint: Phrase("un chemin relatif au dossier des règles (facts.yaml, cases/x.yaml) ou Scenarios/<dispositif>/scheme.yaml",
                                       en: "a path relative to the rules folder (facts.yaml, cases/x.yaml) or Scenarios/<scheme>/scheme.yaml"))
            return nil
        }
        if content.utf8.count > Bounds.fileBytes {
            reader.report(.tooLong, contentNode, Phrase("\(path) dépasse \(Bounds.fileBytes) octets", en: "\(path) is larger than \(Bounds.fileBytes) bytes"))
            return nil
        }
        var base: String?
        if let baseNode = keys["base"] {
            base = string(baseNode, Phrase("base", en: "base"), &reader)
            if let given = base, given != newFile, !(given.count == 64 && given.allSatisfy(\.isHexDigit)) {
                reader.report(.typeMismatch, baseNode, Phrase("base attend l'empreinte SHA-256 du fichier d'origine (64 chiffres hexadécimaux) ou « \(newFile) »",
                                                              en: "base expects the SHA-256 of the original file (64 hex digits) or \"\(newFile)\""))
                return nil
            }
        }
        return File(path: path, content: content, base: base)
    }

    /// Why `path` cannot be a draft's file, nil when it can: relative, plain segments (letters,
    /// digits, `-`, `_`, `.`), no `.` or `..`, at most four deep, a `.yaml` file.
    static func pathProblem(_ path: String) -> Phrase? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let plain = segments.allSatisfy { segment in
            !segment.isEmpty && segment != "." && segment != ".." && !segment.hasPrefix(".")
                && segment.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
        }
        guard plain, segments.count <= 4 else {
            return Phrase("chemin refusé : « \(Limits.quoted(path)) »", en: "path refused: \"\(Limits.quoted(path))\"")
        }
        guard path.hasSuffix(".yaml") else {
            return Phrase("\(Limits.quoted(path)) : les fichiers de règles finissent par .yaml", en: "\(Limits.quoted(path)): rule files end in .yaml")
        }
        if path.hasPrefix(scenariosPrefix) {
            let rest = segments.dropFirst(2)
            guard segments.count >= 3, rest.map(String.init) == [RuleSetFiles.schemeFileName] || (rest.first == Substring(RuleSetFiles.casesFolder) && rest.count == 2) else {
                return Phrase("\(Limits.quoted(path)) : un dispositif n'a que Scenarios/<id>/scheme.yaml et Scenarios/<id>/cases/*.yaml",
                              en: "\(Limits.quoted(path)): a scheme has only Scenarios/<id>/scheme.yaml and Scenarios/<id>/cases/*.yaml")
            }
        }
        return nil
    }
}

extension ParcoursError {
    /// A draft or change file with errors: nothing evaluated, nothing written.
    static func draft(_ diagnostics: [Diagnostic]) -> ParcoursError {
        let count = diagnostics.reduce(0) { $0 + $1.counted.errors }
        return ParcoursError(.invalidDraft, Phrase("le brouillon a \(count) erreur\(count > 1 ? "s" : "") ; rien n'est évalué",
                                                   en: "the draft has \(count) error\(count == 1 ? "" : "s"); nothing evaluated"),
                             diagnostics: diagnostics)
    }
}
