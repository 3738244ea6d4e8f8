extension RuleSetFiles {
    /// These files with a draft's over them, in memory (nothing is written): each draft file
    /// replaces the file at its path or is added beside the others; case files are held for
    /// `check` and `replay`. `scenarios`: the scheme plugins folder the draft's `Scenarios/`
    /// paths stand for.
    /// - Throws: `invalid-draft` when the draft names a scheme but there is no plugins folder.
    public func applying(_ draft: Draft, scenarios: String?) throws(ParcoursError) -> RuleSetFiles {
        var files = self
        var added = false
        for change in draft.files {
            let file = SourceFile(path: try absolute(change.path, scenarios: scenarios), text: change.content)
            let segments = change.path.split(separator: "/").map(String.init)
            if change.path.hasPrefix(Draft.scenariosPrefix) {
                if segments.count == 4 {
                    files.heldCases.removeAll { $0.path == file.path }
                    files.heldCases.append(file)
                } else if let index = files.schemes.firstIndex(where: { $0.path == file.path }) {
                    files.schemes[index] = file
                } else {
                    files.schemes.append(file)
                    files.schemes.sort { $0.path < $1.path }
                }
                continue
            }
            switch segments.first {
            case RuleSetFiles.casesFolder?:
                files.heldCases.removeAll { $0.path == file.path }
                files.heldCases.append(file)
            case _ where change.path == RuleSetFiles.vocabularyName: files.vocabulary = file
            case _ where change.path == RuleSetFiles.catalogueName: files.catalogue = file
            case _ where change.path == RuleSetFiles.sourcesName: files.sources = file
            case RuleSetFiles.referenceFolder?: Self.put(file, in: &files.references, added: &added)
            case RuleSetFiles.importsFolder?: Self.put(file, in: &files.imports, added: &added)
            default: Self.put(file, in: &files.rules, added: &added)
            }
        }
        if added {
            files.rules.sort { $0.path < $1.path }
            files.references.sort { $0.path < $1.path }
            files.imports.sort { $0.path < $1.path }
        }
        return files
    }

    private static func put(_ file: SourceFile, in list: inout [SourceFile], added: inout Bool) {
        if let index = list.firstIndex(where: { $0.path == file.path }) {
            list[index] = file
        } else {
            list.append(file)
            added = true
        }
    }

    /// The path on disk a draft's relative path stands for.
    func absolute(_ path: String, scenarios: String?) throws(ParcoursError) -> String {
        guard path.hasPrefix(Draft.scenariosPrefix) else { return directory + "/" + path }
        guard let scenarios else {
            throw ParcoursError(.invalidDraft, Phrase("le brouillon change \(Limits.quoted(path)) mais ces règles n'ont pas de dossier de dispositifs",
                                                      en: "the draft changes \(Limits.quoted(path)) but these rules have no scheme plugins folder"))
        }
        let base = scenarios.hasSuffix("/") ? String(scenarios.dropLast()) : scenarios
        return base + "/" + path.dropFirst(Draft.scenariosPrefix.count)
    }

    /// A path on disk as a draft names it (`facts.yaml`, `Scenarios/sma/scheme.yaml`); other
    /// paths as they are.
    public func relative(_ path: String, scenarios: String?) -> String {
        if path.hasPrefix(directory + "/") { return String(path.dropFirst(directory.count + 1)) }
        if let scenarios {
            let base = scenarios.hasSuffix("/") ? String(scenarios.dropLast()) : scenarios
            if path.hasPrefix(base + "/") { return Draft.scenariosPrefix + path.dropFirst(base.count + 1) }
        }
        return path
    }

    /// The current content of the file a draft's relative path names, nil when there is none
    /// (in memory: what the rules in force were loaded from).
    public func content(of path: String, scenarios: String?) -> SourceFile? {
        guard let full = try? absolute(path, scenarios: scenarios) else { return nil }
        let all = [vocabulary, catalogue, sources].compactMap { $0 } + references + imports + rules + schemes + heldCases
        return all.first { $0.path == full }
    }
}
