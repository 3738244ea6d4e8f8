import ParcoursEngine

/// What an imported diagnosis gave, for people: a few French lines (English on request) that
/// `recommend --from` prints first and `import` prints on standard error, so that nothing the
/// diagnosis said is lost without a word.
package enum ImportText {
    package static func render(_ result: ImportResult, vocabulary: Vocabulary, language: Language) -> [String] {
        let fr = language == .fr
        func name(_ item: Diagnosis.Item) -> String {
            let kind = item.kind.phrase.text(language)
            let label = item.label.map { " « \($0) »" } ?? ""
            let code = item.kind == .situation && result.format == .carnetDeBord ? "" : " \(item.code)"
            let theme = result.format == .carnetDeBord && item.kind == .situation ? " (\(item.theme ?? ""))" : ""
            let line = item.location.map { fr ? ", ligne \($0.line)" : ", line \($0.line)" } ?? ""
            return kind + code + label + theme + line
        }
        var lines = [(fr ? "DIAGNOSTIC IMPORTÉ : " : "IMPORTED DIAGNOSIS: ") + result.mappingLabel]
        // What the profile now says, in the vocabulary's words.
        var used: [String] = []
        for field in vocabulary.fields {
            guard let value = result.profile[field.index] else { continue }
            guard let text = FieldValueText.text(value, of: field, language: language) else { continue }
            used.append("\(field.label) : \(text)")
        }
        let count = result.applied.count
        lines.append("  " + (fr ? "Repris (\(count) élément\(count > 1 ? "s" : "") du diagnostic) : " : "Used (\(count) item\(count == 1 ? "" : "s") of the diagnosis): ")
                     + (used.isEmpty ? (fr ? "rien" : "nothing") : used.joined(separator: " ; ")))
        if !result.unmapped.isEmpty {
            lines.append("  " + (fr ? "Non repris, sans correspondance (ajoutez-les à \(result.mappingFile)) : " : "Not used, no mapping (add them to \(result.mappingFile)): ")
                         + result.unmapped.map(name).joined(separator: " ; "))
        }
        if !result.unaddressed.isEmpty {
            lines.append("  " + (fr ? "Non abordés (comptés sans frein, à vérifier avec la personne) : " : "Not discussed (counted as no barrier, check with the person): ")
                         + result.unaddressed.map { theme in theme.label.map { "\($0) (\(theme.code))" } ?? theme.code }.joined(separator: ", "))
        }
        for conflict in result.conflicts {
            lines.append("  " + (fr ? "Désaccord sur \(conflict.field) (codes \(conflict.codes.joined(separator: ", "))) : laissé inconnu, la question est posée"
                                    : "Disagreement on \(conflict.field) (codes \(conflict.codes.joined(separator: ", "))): left unknown, the question is asked"))
        }
        if !result.duplicates.isEmpty {
            lines.append("  " + (fr ? "En double (une seule fois prise en compte) : " : "Given twice (counted once): ") + result.duplicates.map(name).joined(separator: " ; "))
        }
        return lines.map { TerminalText.escaped($0) }
    }
}
