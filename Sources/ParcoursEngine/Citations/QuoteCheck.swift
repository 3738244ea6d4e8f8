import Platform

/// Checks that every « … » quote of a `source:` is in a document its citation names
/// (`check --sources DIR`): the rule set's `reference/` files always, the seeds in `DIR`.
package struct QuoteCheck {
    let register: SourceRegister
    let documents: SourceDocuments
    /// True when seed folders were given: a seed whose file is in none of them is an error
    /// (without them, quotes of seeds are not checked).
    let seedsGiven: Bool

    /// The documents of a rule set's `reference/` folder and of the folders given: every
    /// regular file directly in each folder, by its name. A folder or file that cannot be
    /// read is a diagnostic.
    package static func documents(references: [SourceFile], folders: [String]) -> (SourceDocuments, [Diagnostic]) {
        var documents = SourceDocuments()
        var diagnostics: [Diagnostic] = []
        for file in references {
            let name = String(file.path.split(separator: "/").last ?? "")
            documents.add(name: RuleSetFiles.referenceFolder + "/" + name, text: String(decoding: file.bytes, as: UTF8.self))
        }
        for folder in folders {
            let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
            do {
                let entries = try FolderLister.system.list(base).filter { $0.kind == .regular && !$0.name.hasPrefix(".") }.sorted { $0.name < $1.name }
                for entry in entries {
                    let file = try SourceFile.load(base + "/" + entry.name, limit: Limits.ruleFileBytes, regularOnly: true)
                    documents.add(name: entry.name, text: String(decoding: file.bytes, as: UTF8.self))
                }
            } catch {
                diagnostics.append(Diagnostic(.error, .unreadableFile, at: SourceLocation(file: error.path, line: 1, column: 1), error.phrase, hint: error.hint))
            }
        }
        return (documents, diagnostics)
    }

    /// Every quote not found, at its place in the rule set, with the closest passage; and every
    /// registered document that is missing.
    package func run(_ cited: [CitedText]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for source in register.sources {
            guard let file = source.file, !documents.has(file), source.kind == .reference || seedsGiven else { continue }
            diagnostics.append(Diagnostic(.error, .missingFile, at: source.location,
                                          Phrase("le document de \(source.id) (\(file)) est introuvable", en: "the document of \(source.id) (\(file)) is not found"),
                                          hint: source.kind == .seed ? Phrase("passez le dossier des documents sources : check --sources DOSSIER", en: "pass the source documents' folder: check --sources DIR")
                                                                     : Phrase("copiez la liste dans reference/", en: "copy the list into reference/")))
        }
        for text in cited {
            for citation in text.citations {
                guard let source = register.source(citation.sourceID), let file = source.file, documents.has(file) else { continue }
                for quote in citation.quotes {
                    guard let (passage, closest) = documents.missing(quote, in: file) else { continue }
                    let near = closest.map { Phrase(" ; passage le plus proche : « \($0) »", en: "; closest passage: « \($0) »") }
                    diagnostics.append(Diagnostic(.error, .quoteNotFound, at: text.location(of: quote),
                                                  Phrase("« \(Limits.quoted(passage)) » n'est pas dans \(source.id) (\(file))", en: "« \(Limits.quoted(passage)) » is not in \(source.id) (\(file))"),
                                                  hint: Phrase("recopiez le passage mot pour mot\(near?.fr ?? "")", en: "copy the passage word for word\(near?.en ?? "")")))
                }
            }
        }
        return diagnostics
    }
}
