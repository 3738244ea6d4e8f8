import YAML

/// Reads `Rules/sources.yaml`, the register of the documents and public texts rules may cite.
struct SourceRegisterLoader {
    var reader: NodeReader

    init(file: String) {
        reader = NodeReader(file: file)
    }

    mutating func load(_ root: Node) -> SourceRegister {
        guard let pairs = reader.section("sources", of: root, Phrase("le registre des sources", en: "the source register"), FileShapes.sourcesFile,
                                         expected: Phrase("une source par identifiant", en: "one source per id")) else { return .empty }
        var sources: [RegisteredSource] = []
        for pair in pairs {
            guard let id = pair.key.scalar?.text else { continue }
            guard !id.isEmpty, id.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }) else {
                reader.report(.typeMismatch, pair.key, Phrase("l'identifiant de source « \(Limits.quoted(id)) » n'est pas valide", en: "source id \"\(Limits.quoted(id))\" is not valid"),
                              hint: Phrase("utilisez des lettres sans accent, des chiffres et _", en: "use unaccented letters, digits and _"))
                continue
            }
            if sources.contains(where: { $0.id == id }) {
                reader.report(.duplicateID, pair.key, Phrase("la source « \(Limits.quoted(id)) » est déjà enregistrée", en: "source \"\(Limits.quoted(id))\" is already registered"))
                continue
            }
            if let source = read(id: id, pair.value) { sources.append(source) }
        }
        return SourceRegister(sources: sources)
    }

    private mutating func read(id: String, _ node: Node) -> RegisteredSource? {
        let what = Phrase("la source « \(Limits.quoted(id)) »", en: "source \"\(Limits.quoted(id))\"")
        guard let keys = reader.keys(of: node, what, FileShapes.registeredSource) else { return nil }
        let title = keys["title"].flatMap { reader.text($0, .same("title")) }
        let year = keys["year"].flatMap { reader.integer($0, .same("year")) }
        let issuer = keys["issuer"].flatMap { reader.text($0, .same("issuer")) }
        var kind: RegisteredSource.Kind?
        if let node = keys["kind"], let text = reader.text(node, .same("kind")) {
            kind = RegisteredSource.Kind(rawValue: text)
            if kind == nil {
                let kinds = RegisteredSource.Kind.allCases.map(\.rawValue)
                reader.report(.unknownValue, node, Phrase("kind « \(Limits.quoted(text)) » inconnu (valeurs possibles : \(kinds.joined(separator: ", ")))",
                                                         en: "unknown kind \"\(Limits.quoted(text))\" (expected: \(kinds.joined(separator: ", ")))"),
                              hint: Spelling.hint(for: text, in: kinds))
            }
        }
        let file = keys["file"].flatMap { reader.text($0, .same("file")) }
        let reference = keys["reference"].flatMap { reader.text($0, .same("reference")) }
        if let kind, (kind == .seed || kind == .reference) != (file != nil) {
            reader.report(.missingKey, node, kind == .seed || kind == .reference
                          ? Phrase("\(what.fr) (\(kind.rawValue)) doit nommer son fichier (file)", en: "\(what.en) (\(kind.rawValue)) must name its file")
                          : Phrase("\(what.fr) (\(kind.rawValue)) n'a pas de fichier que check puisse lire : retirez file", en: "\(what.en) (\(kind.rawValue)) has no file check can read: remove file"))
            return nil
        }
        if kind == .reference, let file, !file.hasPrefix(RuleSetFiles.referenceFolder + "/") {
            reader.report(.outOfRange, keys["file"] ?? node, Phrase("une liste de référence est lue dans reference/ : écrivez « reference/\(Limits.quoted(file)) »",
                                                                   en: "a reference list is read from reference/: write \"reference/\(Limits.quoted(file))\""))
            return nil
        }
        guard let title, let year, let issuer, let kind else { return nil }
        return RegisteredSource(id: id, title: title, year: year, issuer: issuer, kind: kind, file: file, reference: reference, location: reader.location(node))
    }
}
