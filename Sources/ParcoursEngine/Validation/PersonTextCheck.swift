/// What `check` says of the words written for the person (`for_person:` in the catalogue, and
/// the scheme names the sheet prints), once the rule set has a glossary (`glossaire.yaml`):
/// a text that is missing, one that speaks about the person (« la personne ») instead of to
/// them, and an acronym the glossary does not explain, each at its line and column.
struct PersonTextCheck {
    let ruleSet: RuleSet
    /// The text of each file, by path, to place a word at its column.
    let lines: [String: [Substring]]

    init(ruleSet: RuleSet, files: [SourceFile]) {
        self.ruleSet = ruleSet
        var lines: [String: [Substring]] = [:]
        for file in files { lines[file.path] = String(decoding: file.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) }
        self.lines = lines
    }

    func run() -> [Diagnostic] {
        guard !ruleSet.glossary.isEmpty else { return [] }
        let catalogue = ruleSet.catalogue
        var diagnostics: [Diagnostic] = []
        for info in catalogue.routes {
            diagnostics += check(info.forPerson, at: info.location, what: Phrase("le parcours « \(info.route.rawValue) »", en: "route \"\(info.route.rawValue)\""), needs: .text)
        }
        for info in catalogue.stages {
            diagnostics += check(info.forPerson, at: info.location, what: Phrase("l'étape « \(info.stage.rawValue) »", en: "stage \"\(info.stage.rawValue)\""), needs: .label)
        }
        for entry in catalogue.entries {
            let what = Phrase("\(entry.kind.frenchLabel) « \(Limits.quoted(entry.id)) »", en: "\(entry.kind.rawValue) \"\(Limits.quoted(entry.id))\"")
            diagnostics += check(entry.forPerson, at: entry.location, what: what, needs: .text)
            // Without a label of its own, the entry's name is what the person reads.
            if entry.forPerson?.label == nil { diagnostics += words(entry.name, at: entry.location) }
        }
        for scheme in ruleSet.schemes { diagnostics += words(scheme.name, at: scheme.location) }
        return diagnostics
    }

    enum Needed { case label, text }

    private func check(_ text: PersonText?, at location: SourceLocation?, what: Phrase, needs: Needed) -> [Diagnostic] {
        let missing = needs == .text ? text?.text == nil : text?.label == nil
        var diagnostics: [Diagnostic] = []
        if missing, let location {
            let key = needs == .text ? "text" : "label"
            diagnostics.append(Diagnostic(.warning, .missingPersonText, at: location,
                                          Phrase("\(what.fr) n'a pas de texte pour la personne (for_person: \(key))", en: "\(what.en) has no text for the person (for_person: \(key))"),
                                          hint: needs == .text
                                              ? Phrase("ajoutez « for_person: {text: …} » : une phrase simple qui dit « vous », sans sigle inexpliqué", en: "add \"for_person: {text: …}\": a plain sentence that says « vous », with no unexplained acronym")
                                              : Phrase("ajoutez « for_person: {label: …} » : le titre que lit la personne, en mots simples", en: "add \"for_person: {label: …}\": the heading the person reads, in plain words")))
        }
        for (written, place) in [(text?.label, text?.labelLocation), (text?.text, text?.textLocation)] {
            guard let written, let place else { continue }
            diagnostics += words(written, at: place)
        }
        return diagnostics
    }

    /// « la personne » and unexplained acronyms in one text written at `location`.
    private func words(_ text: String, at location: SourceLocation) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if let range = text.range(of: "la personne", options: .caseInsensitive) {
            let phrase = String(text[range])
            diagnostics.append(Diagnostic(.warning, .thirdPerson, at: place(phrase, from: location),
                                          Phrase("« \(phrase) » : ce texte est lu par la personne, il lui parle", en: "« \(phrase) »: this text is read by the person, it speaks to them"),
                                          hint: Phrase("écrivez « vous » : « vous pouvez… », « votre… »", en: "write « vous »: « vous pouvez… », « votre… »")))
        }
        var seen: [String] = []
        for (word, _) in Glossary.acronyms(in: text) where ruleSet.glossary.meaning(of: word) == nil && !seen.contains(word) {
            seen.append(word)
            let near = Spelling.closest(to: word, in: ruleSet.glossary.terms.map(\.acronym))
            diagnostics.append(Diagnostic(.warning, .unexplainedAcronym, at: place(word, from: location),
                                          Phrase("le sigle « \(Limits.quoted(word)) » n'est pas dans le glossaire : la personne ne saura pas ce qu'il veut dire",
                                                 en: "acronym \"\(Limits.quoted(word))\" is not in the glossary: the person will not know what it means"),
                                          hint: near.map { Phrase("vouliez-vous dire « \($0) » ? Sinon, ajoutez « \(word): … » à glossaire.yaml, ou écrivez les mots en entier", en: "did you mean \"\($0)\"? Otherwise add \"\(word): …\" to glossaire.yaml, or write the words out") }
                                              ?? Phrase("ajoutez « \(Limits.quoted(word)): … » à glossaire.yaml, ou écrivez les mots en entier", en: "add \"\(Limits.quoted(word)): …\" to glossaire.yaml, or write the words out")))
        }
        return diagnostics
    }

    /// Where `word` is on the line of `location`, from its column on; `location` when the
    /// word is further down (a text on several lines).
    private func place(_ word: String, from location: SourceLocation) -> SourceLocation {
        guard let fileLines = lines[location.file], location.line >= 1, location.line <= fileLines.count else { return location }
        let line = Array(fileLines[location.line - 1])
        let target = Array(word)
        let start = max(location.column - 1, 0)
        guard !target.isEmpty, line.count >= target.count, start <= line.count - target.count else { return location }
        for index in start...(line.count - target.count) where String(line[index..<(index + target.count)]).lowercased() == word.lowercased() {
            return SourceLocation(file: location.file, line: location.line, column: index + 1)
        }
        return location
    }
}
