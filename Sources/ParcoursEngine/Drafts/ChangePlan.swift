import Bytes

/// A change file checked against a rules folder before anything is written (`parcours
/// apply`): each file's place on disk, its current text and its new one. Refused when a file
/// changed since the change was made (its SHA-256 differs from the `base` the change names).
public struct ChangePlan: Sendable {
    /// One file to write.
    public struct Item: Sendable {
        /// As the change names it (`facts.yaml`, `Scenarios/sma/scheme.yaml`).
        public let path: String
        /// Where it is written.
        public let disk: String
        /// Its current text, nil for a new file.
        public let old: String?
        public let new: String
    }

    public let items: [Item]
    public let summary: String?

    /// The SHA-256 of a file's bytes, in hex: what a change file's `base` names.
    public static func hash(_ bytes: [UInt8]) -> String { SHA256.hex(of: bytes) }

    /// Checks `draft` against the files of `rules` (and `scenarios` for `Scenarios/` paths).
    /// - Throws: `invalid-draft` when a file has no `base`; `stale-change` naming every file
    ///   that changed since (or appeared, or went away).
    public static func prepare(_ draft: Draft, rules: String, scenarios: String?) throws(ParcoursError) -> ChangePlan {
        let files = RuleSetFiles(directory: rules.hasSuffix("/") ? String(rules.dropLast()) : rules, vocabulary: nil, catalogue: nil, references: [], rules: [])
        var items: [Item] = []
        var stale: [String] = []
        var unbased: [String] = []
        for change in draft.files {
            let disk = try files.absolute(change.path, scenarios: scenarios)
            let current = try? SourceFile.load(disk, regularOnly: true)
            guard let base = change.base else {
                unbased.append(change.path)
                continue
            }
            let now = current.map { hash($0.bytes) } ?? Draft.newFile
            if now != base { stale.append(change.path) }
            items.append(Item(path: change.path, disk: disk, old: current.map { String(decoding: $0.bytes, as: UTF8.self) }, new: change.content))
        }
        guard unbased.isEmpty else {
            throw ParcoursError(.invalidDraft, Phrase("le fichier de changement ne dit pas sur quelle version s'appuie : \(unbased.joined(separator: ", ")) ; rien n'est écrit",
                                                      en: "the change file does not say which version it is based on: \(unbased.joined(separator: ", ")); nothing written"),
                                hint: Phrase("chaque fichier porte base: l'empreinte SHA-256 du fichier d'origine, ou absent", en: "each file carries base: the SHA-256 of the original file, or absent"))
        }
        guard stale.isEmpty else {
            throw ParcoursError(.staleChange, Phrase("ces fichiers ont changé depuis le brouillon : \(stale.joined(separator: ", ")) ; rien n'est écrit",
                                                     en: "these files changed since the draft: \(stale.joined(separator: ", ")); nothing written"),
                                hint: Phrase("rouvrez le brouillon sur les règles actuelles, puis téléchargez un nouveau fichier de changement",
                                             en: "reopen the draft over the current rules, then download a new change file"))
        }
        return ChangePlan(items: items, summary: draft.summary)
    }
}
