import YAML

/// What loading a rule set gives: the rule set when it has no errors, and every diagnostic.
public struct LoadResult: Sendable {
    public let ruleSet: RuleSet?
    public let diagnostics: [Diagnostic]
    /// True when the search for conflicts stopped at the first few (the rule set is refused);
    /// `check` loads again to find them all.
    public var conflictsCut = false
    /// The register of sources and every `source:` text, even when the rule set is refused
    /// (`check` verifies their quotes all the same).
    public internal(set) var sources = SourceRegister.empty
    public internal(set) var citations: [CitedText] = []
    /// The days on which what is in force changes (`ValidityBoundaries`), sorted: `check`
    /// verifies the rule set on each and on the day before.
    public internal(set) var boundaries: [String] = []

    init(ruleSet: RuleSet?, diagnostics: [Diagnostic], conflictsCut: Bool = false) {
        self.ruleSet = ruleSet
        self.diagnostics = diagnostics
        self.conflictsCut = conflictsCut
    }
}

/// Loads and validates a whole rule set: vocabulary, references, catalogue, facts, rules,
/// then the checks across rules (cycles, duplicates, unreachable rules, conflicts).
package enum RuleSetLoader {
    /// Loads `Rules/`-like `directory` and, when given, the scheme plugins of `scenarios`, as in
    /// force on `date` (`YYYY-MM-DD`, default today).
    package static func load(directory: String, scenarios: String? = nil, date: String? = nil) -> LoadResult {
        load(RuleSetFiles.read(directory: directory, scenarios: scenarios), date: date)
    }

    /// - Parameter allConflicts: look for every conflict (`check`), not only the first
    ///   `Limits.conflictsOnLoad`.
    package static func load(_ files: RuleSetFiles, date: String? = nil, allConflicts: Bool = false) -> LoadResult {
        let date = date ?? Validity.today()
        var diagnostics = files.problems.map { problem in
            Diagnostic(.error, .unreadableFile, at: SourceLocation(file: problem.path, line: 1, column: 1), problem.message, hint: problem.hint)
        }
        // Without the vocabulary, every condition would fail on its fields: say only that.
        if files.vocabulary == nil {
            var only: [Diagnostic] = []
            _ = required(nil, RuleSetFiles.vocabularyName, in: files.directory, into: &only)
            return LoadResult(ruleSet: nil, diagnostics: (diagnostics + only).sorted())
        }
        // A part of the rule set could not be read: what follows would be about the missing
        // part (dozens of unknown codes for an unreadable reference/), so say only that.
        if files.incomplete { return LoadResult(ruleSet: nil, diagnostics: diagnostics.sorted()) }

        // Every file's YAML at once, on all cores: the files are independent until read.
        let trees = Trees(parsing: files.references + files.schemes + [files.vocabulary, files.catalogue, files.sources, files.glossary].compactMap { $0 } + files.rules + files.imports)
        var taxonomy = Taxonomy()
        for file in files.references {
            guard let root = trees.root(of: file, into: &diagnostics) else { continue }
            TaxonomyLoader.read(root, fileName: String(file.path.split(separator: "/").last ?? ""), into: &taxonomy)
        }
        for (name, present) in [(TaxonomyLoader.dataInclusionFile, !taxonomy.thematiques.isEmpty),
                                (TaxonomyLoader.franceTravailFile, !taxonomy.contraintes.isEmpty),
                                (TaxonomyLoader.carnetDeBordFile, !taxonomy.carnetThemes.isEmpty)] where !present {
            diagnostics.append(Diagnostic(.error, .missingFile, at: SourceLocation(file: files.directory + "/" + RuleSetFiles.referenceFolder + "/" + name, line: 1, column: 1),
                                          Phrase("la liste de référence \(name) manque ou est vide", en: "reference list \(name) is missing or empty"),
                                          hint: Phrase("copiez-la dans le dossier reference/ du jeu de règles", en: "copy it into the rule set's reference/ folder")))
        }

        // Scheme ids (their folder names) are values of the vocabulary's `enrolled_schemes`.
        var schemeRoots: [(file: SourceFile, root: Node)] = []
        for file in files.schemes {
            if let root = trees.root(of: file, into: &diagnostics) { schemeRoots.append((file, root)) }
        }
        let schemeValues = schemeRoots.map { item in
            let folder = RuleSetFiles.folderName(of: item.file)
            return EnumValue(id: folder, label: item.root["name"]?.scalar?.text ?? folder)
        }

        var vocabulary = Vocabulary(fields: [])
        var askWhen: (file: String, nodes: [(field: Int, node: Node)]) = ("", [])
        if let file = required(files.vocabulary, RuleSetFiles.vocabularyName, in: files.directory, into: &diagnostics) {
            guard let root = trees.root(of: file, into: &diagnostics) else {
                // The vocabulary's YAML is broken: every condition would fail on its fields and
                // bury the one error that matters under hundreds. Say only that.
                return LoadResult(ruleSet: nil, diagnostics: diagnostics.sorted())
            }
            var loader = VocabularyLoader(file: file.path, taxonomy: taxonomy, schemes: schemeValues)
            vocabulary = loader.load(root)
            diagnostics += loader.reader.diagnostics
            askWhen = (file.path, loader.askWhenNodes)
        }

        // Fact names first: conditions anywhere may use a fact defined in another file.
        var ruleRoots: [(file: SourceFile, root: Node)] = []
        for file in files.rules {
            if let root = trees.root(of: file, into: &diagnostics) { ruleRoots.append((file, root)) }
        }
        var factNames: [String] = []
        var factKeys: [String: SourceLocation] = [:]
        for (file, root) in ruleRoots {
            for (name, key) in RuleFileLoader.factNames(in: root) {
                let location = SourceLocation(file: file.path, mark: key.mark)
                if let first = factKeys[name] {
                    diagnostics.append(Diagnostic(.error, .duplicateID, at: location, Phrase("le fait « \(Limits.quoted(name)) » est déjà défini en \(first)", en: "fact \"\(Limits.quoted(name))\" is already defined at \(first)"))
                        .noting(Phrase("première définition", en: "first defined here"), at: first))
                } else if vocabulary.field(named: name) != nil {
                    diagnostics.append(Diagnostic(.error, .duplicateID, at: location, Phrase("le fait « \(Limits.quoted(name)) » porte le nom d'un champ du profil", en: "fact \"\(Limits.quoted(name))\" has the name of a profile field"),
                                                  hint: Phrase("renommez le fait", en: "rename the fact")))
                } else {
                    factKeys[name] = location
                    factNames.append(name)
                }
            }
        }
        let conditions = ConditionReader(vocabulary: vocabulary, factNames: factNames)
        if !askWhen.nodes.isEmpty {
            var reader = NodeReader(file: askWhen.file)
            for (field, node) in askWhen.nodes { vocabulary.askWhen[field] = conditions.read(node, into: &reader) }
            diagnostics += reader.diagnostics
        }

        var catalogue = Catalogue(routes: [], stages: [], entries: [])
        if let file = required(files.catalogue, RuleSetFiles.catalogueName, in: files.directory, into: &diagnostics),
           let root = trees.root(of: file, into: &diagnostics) {
            var loader = CatalogueLoader(file: file.path, taxonomy: taxonomy, conditions: conditions)
            catalogue = loader.load(root)
            diagnostics += loader.reader.diagnostics
            // A route's follow-up steps name catalogue entries: read once the catalogue is known.
            var steps = RuleFileLoader(file: file.path, conditions: conditions, catalogue: catalogue)
            for (index, info) in catalogue.routes.enumerated() {
                guard let node = root["routes"]?[info.route.rawValue]?["follow_up"] else { continue }
                catalogue.setFollowUp(steps.suggestions(node, "follow_up"), at: index)
            }
            diagnostics += steps.reader.diagnostics
        }

        var facts: [Fact] = []
        var rules: [Rule] = []
        var ruleIndex: [String: [Int]] = [:]
        // Rule files are read independently (on all cores), then merged in file order.
        let frozenCatalogue = catalogue
        let loadedFiles = OrderedParallelMap.map(ruleRoots.map { ($0.file.path, $0.root) }) { path, root in
            var loader = RuleFileLoader(file: path, conditions: conditions, catalogue: frozenCatalogue)
            let loaded = loader.load(root)
            return (loaded, loader.reader.diagnostics)
        }
        for (loaded, fileDiagnostics) in loadedFiles {
            diagnostics += fileDiagnostics
            facts += loaded.facts.filter { factKeys[$0.name] != nil }
            for rule in loaded.rules { add(rule, to: &rules, index: &ruleIndex, into: &diagnostics) }
        }

        var schemes: [Scheme] = []
        for (file, root) in schemeRoots {
            let folder = RuleSetFiles.folderName(of: file)
            var loader = SchemeLoader(file: file.path, conditions: conditions, catalogue: catalogue, vocabulary: vocabulary)
            let directory = String(file.path.dropLast(RuleSetFiles.schemeFileName.count + 1))
            let loaded = loader.load(root, folder: folder, directory: directory)
            diagnostics += loader.diagnostics
            guard let (scheme, schemeRules) = loaded else { continue }
            schemes.append(scheme)
            for rule in schemeRules { add(rule, to: &rules, index: &ruleIndex, into: &diagnostics) }
        }

        // Each rule giving a route carries the route's follow-up steps, suggested only when it wins.
        rules = rules.map { rule in
            guard let route = rule.route, let info = catalogue.info(for: route), !info.followUp.isEmpty else { return rule }
            return rule.adding(info.followUp.map { var step = $0; step.followsRoute = true; return step })
        }
        diagnostics += FactGraph.find(in: facts)
        var imports: [ImportMapping] = []
        for file in files.imports {
            guard let root = trees.root(of: file, into: &diagnostics) else { continue }
            var loader = ImportMappingLoader(file: file.path, vocabulary: vocabulary, taxonomy: taxonomy)
            let fileName = String(file.path.split(separator: "/").last ?? "")
            if let mapping = loader.load(root, fileName: fileName) { imports.append(mapping) }
            diagnostics += loader.reader.diagnostics
        }
        let (register, citations) = cited(files, trees: trees, into: &diagnostics)
        var glossary = Glossary.empty
        if let file = files.glossary, let root = trees.root(of: file, into: &diagnostics) {
            var loader = GlossaryLoader(file: file.path)
            glossary = loader.load(root)
            diagnostics += loader.reader.diagnostics
        }
        let boundaries = ValidityBoundaries.days(rules: rules, facts: facts, catalogue: catalogue, schemes: schemes, vocabulary: vocabulary)
        // From here on, the rule set of `date`.
        let undated = catalogue
        let everyRuleID = rules.map(\.id)
        rules = DateResolution.rules(rules, on: date)
        facts = DateResolution.facts(facts, on: date)
        catalogue = DateResolution.catalogue(catalogue, on: date)
        schemes = DateResolution.schemes(schemes, on: date)
        diagnostics += DatedReferences.missing(rules: rules, schemes: schemes, catalogue: catalogue, all: undated)
        var ruleSet: RuleSet?
        var conflictsCut = false
        if !diagnostics.hasErrors {
            // The fingerprint (hashing the whole canonical text) and the analyses are independent:
            // one core each.
            let (resolvedVocabulary, resolvedCatalogue, resolvedFacts, resolvedRules, resolvedSchemes) = (vocabulary, catalogue, facts, rules, schemes)
            let parts = OrderedParallelMap.map([false, true]) { analyse -> Analysed in
                guard analyse else {
                    return .fingerprint(RuleSet.fingerprint(vocabulary: resolvedVocabulary, catalogue: resolvedCatalogue, facts: resolvedFacts,
                                                            rules: resolvedRules, schemes: resolvedSchemes))
                }
                let built = RuleSet(vocabulary: resolvedVocabulary, catalogue: resolvedCatalogue, facts: resolvedFacts, rules: resolvedRules,
                                    schemes: resolvedSchemes, date: date, fingerprint: "")
                let analysis = RuleSetAnalysis(ruleSet: built)
                let conflicts = allConflicts ? (analysis.conflicts(), false) : analysis.firstConflicts(Limits.conflictsOnLoad)
                return .analysed(built, analysis.unreachableSchemes() + analysis.unreachableRules() + conflicts.0, cut: conflicts.1)
            }
            if case .analysed(let built, let found, let cut) = parts.last {
                diagnostics += found
                conflictsCut = cut
                if !diagnostics.hasErrors { ruleSet = built }
            }
            if case .fingerprint(let fingerprint) = parts.first { ruleSet?.fingerprint = fingerprint }
            ruleSet?.imports = imports
            ruleSet?.sources = register
            ruleSet?.citations = citations
            ruleSet?.glossary = glossary
            let inForce = Set(rules.map(\.id))
            ruleSet?.otherDaysRuleIDs = everyRuleID.filter { !inForce.contains($0) }
        }
        diagnostics.sort()
        var result = LoadResult(ruleSet: ruleSet, diagnostics: diagnostics, conflictsCut: conflictsCut)
        (result.sources, result.citations) = (register, citations)
        result.boundaries = boundaries
        return result
    }

    /// The register of sources and every `source:` of the vocabulary, catalogue, rule and scheme
    /// files, checked against it; without `sources.yaml`, sources stay free text, unchecked.
    private static func cited(_ files: RuleSetFiles, trees: Trees, into diagnostics: inout [Diagnostic]) -> (SourceRegister, [CitedText]) {
        guard let file = files.sources, let root = trees.root(of: file, into: &diagnostics) else { return (.empty, []) }
        var loader = SourceRegisterLoader(file: file.path)
        let register = loader.load(root)
        diagnostics += loader.reader.diagnostics
        var scan = CitationScan(register: register)
        for file in [files.vocabulary, files.catalogue].compactMap({ $0 }) + files.rules + files.schemes {
            var ignored: [Diagnostic] = []
            if let root = trees.root(of: file, into: &ignored) { scan.scan(root, file: file) }
        }
        diagnostics += scan.diagnostics
        return (register, scan.cited)
    }

    /// What each of the two last loading tasks gives.
    private enum Analysed: Sendable {
        case fingerprint(String)
        case analysed(RuleSet, [Diagnostic], cut: Bool)
    }

    /// The YAML trees of a rule set's files, parsed together; read back file by file.
    private struct Trees {
        private var results: [String: (root: Node?, diagnostics: [Diagnostic])] = [:]

        init(parsing files: [SourceFile]) {
            let parsed = OrderedParallelMap.map(files) { file in
                var diagnostics: [Diagnostic] = []
                let root = RuleSetLoader.parse(file, into: &diagnostics)
                return (root, diagnostics)
            }
            for (file, result) in zip(files, parsed) { results[file.path] = (result.0, result.1) }
        }

        /// The file's tree, its parse diagnostics added to `diagnostics`; parsed now if it was not.
        func root(of file: SourceFile, into diagnostics: inout [Diagnostic]) -> Node? {
            guard let result = results[file.path] else { return RuleSetLoader.parse(file, into: &diagnostics) }
            diagnostics += result.diagnostics
            return result.root
        }
    }

    /// Adds a rule; the same id again is an error unless the two versions are in force in
    /// periods that do not overlap.
    private static func add(_ rule: Rule, to rules: inout [Rule], index: inout [String: [Int]], into diagnostics: inout [Diagnostic]) {
        let versions = index[rule.id, default: []].map { rules[$0] }
        if let other = versions.first {
            if rule.validity.isAlways && other.validity.isAlways {
                diagnostics.append(Diagnostic(.error, .duplicateID, at: rule.location, Phrase("l'identifiant de règle « \(Limits.quoted(rule.id)) » est déjà pris en \(other.location)", en: "rule id \"\(Limits.quoted(rule.id))\" is already used at \(other.location)"),
                                              hint: Phrase("donnez à chaque règle son identifiant, ou à chaque version valid_from / valid_until", en: "give each rule its own id, or give each version valid_from / valid_until"))
                                    .noting(Phrase("première définition", en: "first defined here"), at: other.location))
                return
            }
            if let overlapping = versions.first(where: { $0.validity.overlaps(rule.validity) }) {
                diagnostics.append(Diagnostic(.error, .validityOverlap, at: rule.location,
                                              Phrase("la règle « \(Limits.quoted(rule.id)) » (\(rule.validity.phrase.fr)) chevauche sa version en \(overlapping.location) (\(overlapping.validity.phrase.fr))",
                                                     en: "rule \"\(Limits.quoted(rule.id))\" (\(rule.validity)) overlaps its version at \(overlapping.location) (\(overlapping.validity))"),
                                              hint: Phrase("terminez l'ancienne version la veille du début de la nouvelle", en: "end the older version the day before the new one starts"))
                                    .noting(Phrase("la version qui chevauche (\(overlapping.validity.phrase.fr))", en: "the overlapping version (\(overlapping.validity))"), at: overlapping.location))
                return
            }
        }
        index[rule.id, default: []].append(rules.count)
        rules.append(rule)
    }

    private static func required(_ file: SourceFile?, _ name: String, in directory: String, into diagnostics: inout [Diagnostic]) -> SourceFile? {
        if file == nil {
            diagnostics.append(Diagnostic(.error, .missingFile, at: SourceLocation(file: directory + "/" + name, line: 1, column: 1),
                                          Phrase("le jeu de règles n'a pas de \(name)", en: "the rule set has no \(name)"),
                                          hint: Phrase("\(directory) est-il bien un dossier de règles Parcours ?", en: "is \(directory) a Parcours rule set folder?")))
        }
        return file
    }

    /// The tree of a document a person's data comes in (a profile, a diagnosis): as JSON, by the
    /// strict JSON reader, when it is JSON (named `.json`, or starting with `{` or `[`), as YAML
    /// otherwise; nil with its error reported. An empty file is an error too.
    static func parseDocument(_ file: SourceFile, into diagnostics: inout [Diagnostic]) -> Node? {
        guard JSONParser.isJSON(file.bytes, path: file.path) else { return parse(file, into: &diagnostics) }
        var reader = NodeReader(file: file.path)
        switch JSONParser.parse(document: file.bytes) {
        case .success(let document) where document.root != nil:
            document.duplicateKeys.forEach { reader.report($0) }
            diagnostics += reader.diagnostics
            return document.root
        case .success: reader.report(.typeMismatch, at: SourceLocation(file: file.path, line: 1, column: 1), Phrase("le fichier est vide", en: "the file is empty"))
        case .failure(let error): reader.report(error)
        }
        diagnostics += reader.diagnostics
        return nil
    }

    /// The YAML tree of a file, or nil with its error reported. An empty file is an error too.
    static func parse(_ file: SourceFile, into diagnostics: inout [Diagnostic]) -> Node? {
        var reader = NodeReader(file: file.path)
        do {
            let document = try YAMLParser.parseDocument(bytes: file.bytes)
            document.duplicateKeys.forEach { reader.report($0) }
            diagnostics += reader.diagnostics
            if let root = document.root { return root }
            reader.diagnostics = []
            reader.report(.typeMismatch, at: SourceLocation(file: file.path, line: 1, column: 1), Phrase("le fichier est vide", en: "the file is empty"))
        } catch {
            reader.report(error)
        }
        diagnostics += reader.diagnostics
        return nil
    }
}
