import YAML

/// Reads `imports/<format>.yaml`: the correspondence from one platform's diagnosis codes to
/// profile values. Every code is checked against the rule set's reference lists, every field
/// and value against the vocabulary (through the profile reader: a value is read as in a
/// profile), and two lines giving one field different values are reported.
struct ImportMappingLoader {
    var reader: NodeReader
    let vocabulary: Vocabulary
    let taxonomy: Taxonomy

    init(file: String, vocabulary: Vocabulary, taxonomy: Taxonomy) {
        reader = NodeReader(file: file)
        self.vocabulary = vocabulary
        self.taxonomy = taxonomy
    }

    /// The sections of a mapping file, by item kind.
    static let sections: [(key: String, kind: DiagnosisItemKind)] = Array(zip(FileShapes.importSections, [DiagnosisItemKind.theme, .situation, .objective]))

    mutating func load(_ root: Node, fileName: String) -> ImportMapping? {
        guard let keys = reader.keys(of: root, Phrase("la correspondance", en: "the mapping"), FileShapes.importMapping) else { return nil }
        var format: DiagnosisFormat?
        if let node = keys["format"], let text = reader.text(node, Phrase("format", en: "format")) {
            format = DiagnosisFormat(rawValue: text)
            if format == nil {
                reader.report(.unknownValue, node, Phrase("format inconnu « \(Limits.quoted(text)) » (formats : \(DiagnosisFormat.allCases.map(\.rawValue).joined(separator: ", ")))",
                                                          en: "unknown format \"\(Limits.quoted(text))\" (formats: \(DiagnosisFormat.allCases.map(\.rawValue).joined(separator: ", ")))"))
            } else if let format, format.fileName != fileName {
                reader.report(.wrongKind, node, Phrase("le format \(format.rawValue) se déclare dans imports/\(format.fileName), pas dans \(fileName)",
                                                       en: "format \(format.rawValue) belongs in imports/\(format.fileName), not \(fileName)"),
                              hint: Phrase("renommez le fichier en \(format.fileName)", en: "rename the file to \(format.fileName)"))
            }
        }
        let label = keys["label"].flatMap { reader.text($0, Phrase("label", en: "label")) }
        let source = keys["source"].flatMap { reader.text($0, Phrase("source", en: "source")) }
        guard let format else { return nil }
        var entries: [ImportMapping.Entry] = []
        for (key, kind) in Self.sections {
            guard let node = keys[key] else { continue }
            guard let items = node.sequence else {
                reader.report(.typeMismatch, node, Phrase("liste attendue pour \(key), trouvé : \(node.kind.fr)", en: "expected a list for \(key), found \(node.kind.en)"))
                continue
            }
            for item in items {
                if let entry = self.entry(item, kind, format, section: key) {
                    if let first = entries.first(where: { $0.kind == entry.kind && $0.code == entry.code && $0.theme == entry.theme }) {
                        reader.report(.duplicateID, item, Phrase("le code « \(Limits.quoted(entry.code)) » a déjà sa correspondance en \(first.location)",
                                                                  en: "code \"\(Limits.quoted(entry.code))\" is already mapped at \(first.location)"),
                                      hint: Phrase("gardez une seule ligne par code", en: "keep one line per code"),
                                      notes: [DiagnosticNote(at: first.location, Phrase("première correspondance du code", en: "the code's first mapping"))])
                    } else {
                        entries.append(entry)
                    }
                }
            }
        }
        reportConflicts(entries)
        guard let label, let source else { return nil }
        return ImportMapping(format: format, label: label, source: source, entries: entries, file: reader.file)
    }

    private mutating func entry(_ node: Node, _ kind: DiagnosisItemKind, _ format: DiagnosisFormat, section: String) -> ImportMapping.Entry? {
        guard let keys = reader.keys(of: node, Phrase("une ligne de \(section)", en: "a line of \(section)"), FileShapes.importEntry) else { return nil }
        guard let codeNode = keys["code"], let code = reader.text(codeNode, Phrase("code", en: "code")) else { return nil }
        let theme = keys["theme"].flatMap { reader.text($0, Phrase("theme", en: "theme")) }
        guard known(code, theme: theme, kind, format, at: codeNode, themeNode: keys["theme"]) else { return nil }
        var values: [(field: Int, value: FieldValue)] = []
        if let set = keys["set"] {
            guard let pairs = set.mapping, !pairs.isEmpty else {
                reader.report(.typeMismatch, set, Phrase("set attend des champs du profil et leurs valeurs, par ex. { barriers: [mobility] }",
                                                         en: "set expects profile fields and their values, e.g. { barriers: [mobility] }"))
                return nil
            }
            for pair in pairs {
                let name = pair.key.scalar?.text ?? ""
                guard let field = vocabulary.field(named: name) else {
                    reader.report(.unknownField, pair.key, .unknownProfileField(Limits.quoted(name)), hint: vocabulary.suggestion(for: name))
                    continue
                }
                if let value = ProfileLoader.value(pair.value, of: field, codec: vocabulary.codecs[field.index], reader: &reader) {
                    values.append((field.index, value))
                }
            }
        }
        guard let source = keys["source"].flatMap({ reader.text($0, Phrase("source", en: "source")) }), !values.isEmpty else { return nil }
        return ImportMapping.Entry(kind: kind, code: code, theme: theme, label: label(code, theme: theme, kind, format), values: values, source: source,
                                   location: reader.location(node))
    }

    /// The code's label in the reference list.
    private func label(_ code: String, theme: String?, _ kind: DiagnosisItemKind, _ format: DiagnosisFormat) -> String? {
        switch (format, kind) {
        case (_, .theme): return taxonomy.themeLabels[format.rawValue + "/" + code]
        case (.carnetDeBord, _): return code
        case (.franceTravail, _):
            let themes = theme.map { [$0] } ?? taxonomy.contraintes
            return themes.lazy.compactMap { theme in
                let items = taxonomy.contrainteItems[theme]
                return (kind == .situation ? items?.situations : items?.objectives)?.first { $0.code == code }?.label
            }.first
        }
    }

    /// Whether the code is in the platform's reference list (reported when not).
    private mutating func known(_ code: String, theme: String?, _ kind: DiagnosisItemKind, _ format: DiagnosisFormat, at node: Node, themeNode: Node?) -> Bool {
        func refuse(_ list: [String], _ what: Phrase, at node: Node) -> Bool {
            reader.report(.unknownCode, node, Phrase("« \(Limits.quoted(code)) » n'est pas un code de \(what.fr) dans la liste de référence",
                                                     en: "\"\(Limits.quoted(code))\" is not a \(what.en) code in the reference list"),
                          hint: Spelling.hint(for: code, in: list) ?? Phrase("voir reference/ du jeu de règles", en: "see the rule set's reference/ folder"))
            return false
        }
        switch (format, kind) {
        case (.franceTravail, .theme):
            return taxonomy.contraintes.contains(code) || refuse(taxonomy.contraintes, Phrase("contrainte France Travail", en: "France Travail contrainte"), at: node)
        case (.franceTravail, .situation), (.franceTravail, .objective):
            let themes = theme.map { [$0] } ?? taxonomy.contraintes
            if let theme, !taxonomy.contraintes.contains(theme), let themeNode {
                return refuse(taxonomy.contraintes, Phrase("contrainte France Travail", en: "France Travail contrainte"), at: themeNode)
            }
            let codes = themes.flatMap { theme in
                let items = taxonomy.contrainteItems[theme]
                return (kind == .situation ? items?.situations : items?.objectives)?.map(\.code) ?? []
            }
            return codes.contains(code) || refuse(codes, kind == .situation ? Phrase("situation France Travail", en: "France Travail situation") : Phrase("objectif France Travail", en: "France Travail objective"), at: node)
        case (.carnetDeBord, .theme):
            return taxonomy.carnetThemes.contains(code) || refuse(taxonomy.carnetThemes, Phrase("thème Carnet de bord", en: "Carnet de bord theme"), at: node)
        case (.carnetDeBord, .situation):
            guard let theme else {
                reader.report(.missingKey, node, Phrase("une situation Carnet de bord a besoin de son thème (theme:)", en: "a Carnet de bord situation needs its theme (theme:)"),
                              hint: Phrase("le référentiel range ses situations par thème, par ex. theme: mobilite", en: "the referential files its situations by theme, e.g. theme: mobilite"))
                return false
            }
            guard let situations = taxonomy.carnetSituations[theme] else {
                return refuse(taxonomy.carnetThemes, Phrase("thème Carnet de bord", en: "Carnet de bord theme"), at: themeNode ?? node)
            }
            return situations.contains(code) || refuse(situations, Phrase("situation Carnet de bord (thème \(theme))", en: "Carnet de bord situation (theme \(theme))"), at: node)
        case (.carnetDeBord, .objective):
            reader.report(.unknownKey, node, Phrase("les objectifs Carnet de bord ne sont pas importés", en: "Carnet de bord objectives are not imported"),
                          hint: Phrase("mettez la correspondance sur la situation ou le thème", en: "map the situation or the theme instead"))
            return false
        }
    }

    /// Two lines that give one field different values (a set field only adds members: never a
    /// conflict); both could be in one diagnosis, so the import would leave the field unknown.
    private mutating func reportConflicts(_ entries: [ImportMapping.Entry]) {
        var first: [Int: (value: FieldValue, entry: ImportMapping.Entry)] = [:]
        for entry in entries {
            for (field, value) in entry.values where !vocabulary.fields[field].kind.holdsMembers {
                guard let earlier = first[field] else {
                    first[field] = (value, entry)
                    continue
                }
                if earlier.value != value {
                    let name = vocabulary.fields[field].name
                    reader.diagnostics.append(Diagnostic(.warning, .mappingConflict, at: entry.location,
                                                         Phrase("le code « \(Limits.quoted(entry.code)) » donne à \(name) une autre valeur que le code « \(Limits.quoted(earlier.entry.code)) » (\(earlier.entry.location))",
                                                                en: "code \"\(Limits.quoted(entry.code))\" gives \(name) another value than code \"\(Limits.quoted(earlier.entry.code))\" (\(earlier.entry.location))"),
                                                         hint: Phrase("si les deux codes sont dans un diagnostic, \(name) reste inconnu et la question est posée", en: "when a diagnosis has both codes, \(name) stays unknown and is asked"))
                                               .noting(Phrase("le code « \(Limits.quoted(earlier.entry.code)) »", en: "code \"\(Limits.quoted(earlier.entry.code))\""), at: earlier.entry.location))
                }
            }
        }
    }
}
