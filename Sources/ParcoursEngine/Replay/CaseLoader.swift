import Platform
import YAML

/// Reads case files (`Scenarios/<scheme>/cases/*.yaml`) against a loaded rule set, checking
/// every field, value, rule, scheme and criterion they name.
public enum CaseLoader {
    /// Every case under the `cases/` folder of each directory.
    /// `held`: case files in memory (a draft's), read instead of the disk's at the same path or
    /// beside them.
    public static func loadAll(in directories: [String], ruleSet: RuleSet, held: [SourceFile] = [], lister: FolderLister = .system) -> (cases: [ScenarioCase], diagnostics: [Diagnostic]) {
        let folders = directories.map { $0 + "/cases" }
        guard !held.isEmpty else { return load(paths: folders.filter { FileKind.of($0) != .unknown }, ruleSet: ruleSet, lister: lister) }
        let listed = caseFiles(folders.filter { FileKind.of($0) != .unknown }, lister: lister)
        let inFolders = held.filter { file in folders.contains { file.path.hasPrefix($0 + "/") } }
        let onDisk = listed.files.map(\.path)
        let paths = (onDisk + inFolders.map(\.path).filter { !onDisk.contains($0) }).sorted()
        var cases: [ScenarioCase] = []
        var diagnostics = listed.diagnostics
        for path in paths {
            let file: SourceFile
            if let memory = inFolders.first(where: { $0.path == path }) {
                file = memory
            } else {
                let loaded = load(paths: [path], ruleSet: ruleSet, lister: lister)
                cases += loaded.cases
                diagnostics += loaded.diagnostics
                continue
            }
            read(file, ruleSet: ruleSet, into: &cases, &diagnostics)
        }
        return (cases, diagnostics.sorted())
    }

    /// Cases from files, or from every `.yaml` below the directories given, in path order. A
    /// folder that cannot be read, or a `.yaml` in a folder that is not a regular file, is an
    /// error: never fewer cases in silence.
    public static func load(paths: [String], ruleSet: RuleSet, lister: FolderLister = .system) -> (cases: [ScenarioCase], diagnostics: [Diagnostic]) {
        var cases: [ScenarioCase] = []
        let listed = caseFiles(paths, lister: lister)
        var diagnostics = listed.diagnostics
        for (path, found) in listed.files {
            let file: SourceFile
            do {
                file = try SourceFile.load(path, regularOnly: found)
            } catch {
                // A path given that is not there is missing; one found or given but unreadable is unreadable.
                let missing = !found && FileKind.of(path) == .unknown
                diagnostics.append(Diagnostic(.error, missing ? .missingFile : .unreadableFile, at: SourceLocation(file: path, line: 1, column: 1),
                                              Phrase("fichier de cas illisible : \(error.phrase.fr)", en: "unreadable case file: \(error.phrase.en)"), hint: error.hint))
                continue
            }
            read(file, ruleSet: ruleSet, into: &cases, &diagnostics)
        }
        return (cases, diagnostics.sorted())
    }

    /// One case file read: its case appended when it has no error, its diagnostics always.
    private static func read(_ file: SourceFile, ruleSet: RuleSet, into cases: inout [ScenarioCase], _ diagnostics: inout [Diagnostic]) {
        var reader = CaseReader(file: file.path, ruleSet: ruleSet, scheme: owningScheme(of: file.path, in: ruleSet))
        guard let root = RuleSetLoader.parse(file, into: &diagnostics) else { return }
        let loaded = reader.read(root)
        diagnostics += reader.reader.diagnostics
        if let loaded, !reader.reader.diagnostics.hasErrors { cases.append(loaded) }
    }

    /// Files as given, directories expanded to the `.yaml` files they hold (recursively), each
    /// with whether it was found in a folder (then only a regular file is read); a folder that
    /// cannot be read is an error.
    static func caseFiles(_ paths: [String], lister: FolderLister = .system) -> (files: [(path: String, found: Bool)], diagnostics: [Diagnostic]) {
        var result: [(path: String, found: Bool)] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            guard FileKind.of(path) == .folder else {
                result.append((path, false))
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let walked = lister.walk(base)
            for error in walked.unreadable {
                diagnostics.append(Diagnostic(.error, .unreadableFile, at: SourceLocation(file: error.path, line: 1, column: 1), error.phrase, hint: error.hint))
            }
            result += walked.entries
                .filter { $0.kind != .folder && ($0.path.hasSuffix(".yaml") || $0.path.hasSuffix(".yml")) && ($0.path.hasPrefix("cases/") || $0.path.contains("/cases/") || base.hasSuffix("cases")) }
                .map { (base + "/" + $0.path, true) }
        }
        return (result, diagnostics)
    }

    /// The scheme of `<scheme folder>/cases/<file>`.
    static func owningScheme(of path: String, in ruleSet: RuleSet) -> String? {
        let parts = path.split(separator: "/").map(String.init)
        guard let index = parts.lastIndex(of: "cases"), index > 0 else { return nil }
        let folder = parts[index - 1]
        return ruleSet.scheme(folder) != nil ? folder : nil
    }
}

/// Reads one case file.
struct CaseReader {
    var reader: NodeReader
    let ruleSet: RuleSet
    let scheme: String?

    init(file: String, ruleSet: RuleSet, scheme: String?) {
        self.reader = NodeReader(file: file)
        self.ruleSet = ruleSet
        self.scheme = scheme
    }

    mutating func read(_ root: Node) -> ScenarioCase? {
        guard let keys = reader.keys(of: root, Phrase("un cas", en: "a case"), FileShapes.caseFile) else { return nil }
        var date: String?
        if let node = keys["date"], let text = reader.text(node, .same("date")) {
            if Validity.isDate(text) { date = text } else {
                reader.report(.typeMismatch, node, Phrase("« \(Limits.quoted(text)) » n'est pas une date", en: "\"\(Limits.quoted(text))\" is not a date"),
                              hint: Phrase("écrivez le jour en AAAA-MM-JJ, par ex. date: 2014-06-01", en: "write the day as YYYY-MM-DD, e.g. date: 2014-06-01"))
            }
        }
        let name = keys["name"].flatMap { reader.text($0, .same("name")) } ?? reader.file
        var steps: [CaseStep] = []
        if let profileNode = keys["profile"] {
            let changes = setChanges(profileNode, Phrase("le profil initial", en: "the initial profile"))
            var expectations = Expectations()
            if let node = keys["expect"] { expectations = self.expectations(node) }
            steps.append(CaseStep(name: "profil initial", changes: changes, expectations: expectations, location: reader.location(profileNode)))
        }
        if let node = keys["steps"], let items = reader.list(node, .same("steps")) {
            for item in items {
                guard let stepKeys = reader.keys(of: item, Phrase("une étape du cas", en: "a step"), FileShapes.caseStep) else { continue }
                let stepName = stepKeys["name"].flatMap { reader.text($0, Phrase("nom d'étape", en: "step name")) } ?? "?"
                var changes = stepKeys["set"].map { setChanges($0, .quoted("set")) } ?? []
                if let unset = stepKeys["unset"], let items = reader.list(unset, .same("unset")) {
                    for item in items {
                        if let field = field(item) { changes.append((field.index, nil)) }
                    }
                }
                var expectations = Expectations()
                if let node = stepKeys["expect"] { expectations = self.expectations(node) }
                steps.append(CaseStep(name: stepName, changes: changes, expectations: expectations, location: reader.location(item)))
            }
        }
        return ScenarioCase(name: name, file: reader.file, scheme: scheme, steps: steps, date: date)
    }

    private mutating func field(_ node: Node) -> Field? {
        let name = node.scalar?.text ?? ""
        guard let field = ruleSet.vocabulary.field(named: name) else {
            reader.report(.unknownField, node, .unknownProfileField(name), hint: ruleSet.vocabulary.suggestion(for: name))
            return nil
        }
        return field
    }

    private mutating func setChanges(_ node: Node, _ what: Phrase) -> [(field: Int, value: FieldValue?)] {
        guard let pairs = node.mapping else {
            if !node.isNull { reader.report(.typeMismatch, node, Phrase("mapping de champs du profil attendu pour \(what.fr), trouvé : \(node.kind.fr)", en: "expected a mapping of profile fields for \(what.en), found \(node.kind.en)")) }
            return []
        }
        var changes: [(field: Int, value: FieldValue?)] = []
        for pair in pairs {
            guard let field = field(pair.key) else { continue }
            if pair.value.isNull {
                changes.append((field.index, nil))
            } else if let value = ProfileLoader.value(replacingThis(in: pair.value, field: field), of: field, reader: &reader) {
                changes.append((field.index, value))
            }
        }
        return changes
    }

    /// In `enrolled_schemes` and `chosen_schemes`, `this` stands for the case's own scheme (so a
    /// copied plugin works).
    private func replacingThis(in node: Node, field: Field) -> Node {
        guard [RuleSetFiles.enrolledField, RuleSetFiles.chosenField].contains(field.name), let scheme, let items = node.sequence else { return node }
        let replaced = items.map { item -> Node in
            guard item.scalar?.text == "this" else { return item }
            return Node(.scalar(Scalar(text: scheme, style: .plain)), mark: item.mark)
        }
        return Node(.sequence(replaced), mark: node.mark, tag: node.tag)
    }

    private mutating func expectations(_ node: Node) -> Expectations {
        let ruleSet = self.ruleSet
        var result = Expectations()
        guard let keys = reader.keys(of: node, Phrase("les attentes", en: "expectations"), FileShapes.expectations) else { return result }
        if let node = keys["route"] {
            result.route = nullable(node) { reader, node in
                guard let id = reader.text(node, .same("route")) else { return nil }
                if Route(rawValue: id) == nil {
                    let ids = Route.allCases.map(\.rawValue)
                    reader.report(.unknownValue, node, Phrase("parcours inconnu « \(Limits.quoted(id)) »", en: "unknown route \"\(Limits.quoted(id))\""), hint: Spelling.hint(for: id, in: ids))
                }
                return id
            }
        }
        if let node = keys["route_scheme"] {
            // `this`: the case's own scheme, so that a copied plugin folder keeps working.
            if node.scalar?.text == "this" {
                if let scheme { result.routeScheme = scheme } else {
                    reader.report(.unknownValue, node, Phrase("« this » désigne le dispositif du cas, mais le cas n'est pas dans le dossier cases/ d'un dispositif", en: "\"this\" names the case's own scheme, but the case is not in a scheme's cases/ folder"))
                }
            } else {
                result.routeScheme = schemeID(node)
            }
        }
        if let node = keys["referent"] {
            result.referent = nullable(node) { reader, node in
                guard let id = reader.text(node, .same("referent")) else { return nil }
                if ruleSet.catalogue.entryOnAnyDay(id)?.kind != .partner {
                    reader.report(.danglingReference, node, .notInCatalogue(id, kind: .partner),
                                  hint: Spelling.hint(for: id, in: ruleSet.catalogue.entries.filter { $0.kind == .partner }.map(\.id)))
                }
                return id
            }
        }
        if let node = keys["referents"], let pairs = node.mapping {
            for pair in pairs {
                let text = pair.key.scalar?.text ?? ""
                guard let role = ReferentRole(rawValue: text) else {
                    let ids = ReferentRole.allCases.map(\.rawValue)
                    reader.report(.unknownValue, pair.key, Phrase("rôle de référent inconnu « \(Limits.quoted(text)) » (possibles : \(ids.joined(separator: ", ")))", en: "unknown referent role \"\(Limits.quoted(text))\" (expected: \(ids.joined(separator: ", ")))"),
                                  hint: Spelling.hint(for: text, in: ids))
                    continue
                }
                if pair.value.isNull { result.referents.append((role, nil)); continue }
                guard let id = reader.text(pair.value, .same("referent")) else { continue }
                if ruleSet.catalogue.entryOnAnyDay(id)?.kind != .partner {
                    reader.report(.danglingReference, pair.value, .notInCatalogue(id, kind: .partner),
                                  hint: Spelling.hint(for: id, in: ruleSet.catalogue.entries.filter { $0.kind == .partner }.map(\.id)))
                }
                result.referents.append((role, id))
            }
        }
        if let node = keys["scheme"] {
            if let scheme {
                if let expectation = schemeExpectation(scheme, node) { result.schemes.append(expectation) }
            } else {
                reader.report(.unknownKey, node, Phrase("« scheme » attend le dispositif du cas, mais le cas n'est pas dans le dossier cases/ d'un dispositif", en: "\"scheme\" expects this case's own scheme, but the case is not in a scheme's cases/ folder"),
                              hint: Phrase("écrivez schemes: {id: statut}", en: "use schemes: {id: status}"))
            }
        }
        if let node = keys["schemes"], let pairs = node.mapping {
            for pair in pairs {
                guard let id = schemeID(pair.key), let expectation = schemeExpectation(id, pair.value) else { continue }
                result.schemes.append(expectation)
            }
        }
        if let node = keys["steps"] {
            (result.stepsIncluded, result.stepsExcluded, _) = inclusion(node, "steps") { reader, node in
                guard let id = reader.text(node, .same("step")) else { return nil }
                if ruleSet.catalogue.entryOnAnyDay(id) == nil {
                    reader.report(.danglingReference, node, Phrase("aucune entrée « \(Limits.quoted(id)) » dans le catalogue", en: "no catalogue entry \"\(Limits.quoted(id))\""), hint: Spelling.hint(for: id, in: ruleSet.catalogue.entries.map(\.id)))
                }
                return id
            }
        }
        if let node = keys["questions"] {
            (result.questionsIncluded, result.questionsExcluded, result.questionsExactly) = inclusion(node, "questions") { reader, node in
                let name = node.scalar?.text ?? ""
                if ruleSet.vocabulary.field(named: name) == nil {
                    reader.report(.unknownField, node, .unknownProfileField(name), hint: ruleSet.vocabulary.suggestion(for: name))
                }
                return name
            }
        }
        if let node = keys["next_actions"], let actions = reader.keys(of: node, .quoted("next_actions"), FileShapes.nextActionsExpectation) {
            result.nextActionsIncluded = actions["include"].map { entryIDs($0) } ?? []
            result.nextActionsExcluded = actions["exclude"].map { entryIDs($0) } ?? []
            result.nextActionsOrder = actions["order"].map { entryIDs($0) } ?? []
        }
        if let node = keys["first_questions"], let items = reader.list(node, .quoted("first_questions")) {
            result.firstQuestions = items.compactMap { node in
                let name = node.scalar?.text ?? ""
                if ruleSet.vocabulary.field(named: name) == nil {
                    reader.report(.unknownField, node, .unknownProfileField(name), hint: ruleSet.vocabulary.suggestion(for: name))
                }
                return name
            }
        }
        if let node = keys["fiche"], let fiche = reader.keys(of: node, .quoted("fiche"), FileShapes.ficheExpectation) {
            func words(_ node: Node?) -> [String] {
                guard let node, let items = reader.list(node, .quoted("fiche")) else { return [] }
                return items.compactMap { reader.text($0, Phrase("mot de la fiche", en: "sheet word")) }
            }
            result.ficheIncluded = words(fiche["include"])
            result.ficheExcluded = words(fiche["exclude"])
        }
        if let node = keys["why"], let why = reader.keys(of: node, .quoted("why"), FileShapes.why) {
            if let node = why["fired"] { result.fired = ruleIDs(node) }
            if let node = why["not_fired"] { result.notFired = ruleIDs(node) }
        }
        return result
    }

    /// Catalogue entry ids, each checked.
    private mutating func entryIDs(_ node: Node) -> [String] {
        guard let items = reader.list(node, .quoted("next_actions")) else { return [] }
        return items.compactMap { node in
            guard let id = reader.text(node, .same("step")) else { return nil }
            if ruleSet.catalogue.entryOnAnyDay(id) == nil {
                reader.report(.danglingReference, node, Phrase("aucune entrée « \(Limits.quoted(id)) » dans le catalogue", en: "no catalogue entry \"\(Limits.quoted(id))\""), hint: Spelling.hint(for: id, in: ruleSet.catalogue.entries.map(\.id)))
            }
            return id
        }
    }

    private mutating func nullable(_ node: Node, _ read: (inout NodeReader, Node) -> String?) -> String?? {
        if node.isNull { return .some(nil) }
        guard let value = read(&reader, node) else { return nil }
        return .some(value)
    }

    private mutating func schemeID(_ node: Node) -> String? {
        guard let id = reader.text(node, .same("scheme")) else { return nil }
        guard ruleSet.scheme(id) != nil else {
            reader.report(.danglingReference, node, Phrase("aucun dispositif « \(Limits.quoted(id)) » n'est chargé", en: "no scheme \"\(Limits.quoted(id))\" is loaded"), hint: Spelling.hint(for: id, in: ruleSet.schemes.map(\.id)))
            return nil
        }
        return id
    }

    /// `eligible`, or `{status, stage, criteria: {id: passed}}`.
    private mutating func schemeExpectation(_ id: String, _ node: Node) -> SchemeExpectation? {
        guard let scheme = ruleSet.scheme(id) else { return nil }
        var expectation = SchemeExpectation(scheme: id)
        if node.scalar != nil && !node.isNull {
            expectation.status = status(node)
            return expectation
        }
        guard let keys = reader.keys(of: node, Phrase("les attentes du dispositif « \(Limits.quoted(id)) »", en: "scheme \"\(Limits.quoted(id))\" expectations"), FileShapes.schemeExpectation) else { return nil }
        if let node = keys["status"] { expectation.status = status(node) }
        if let node = keys["advice"] {
            let text = node.scalar?.text ?? ""
            expectation.advice = SchemeAdvice(rawValue: text)
            if expectation.advice == nil {
                let ids = SchemeAdvice.allCases.map(\.rawValue)
                reader.report(.unknownValue, node, Phrase("avis inconnu « \(Limits.quoted(text)) » (possibles : \(ids.joined(separator: ", ")))", en: "unknown advice \"\(Limits.quoted(text))\" (expected: \(ids.joined(separator: ", ")))"), hint: Spelling.hint(for: text, in: ids))
            }
        }
        if let node = keys["stage"] {
            expectation.stage = nullable(node) { reader, node in
                guard let stage = reader.text(node, .same("stage")) else { return nil }
                if !scheme.stages.contains(where: { $0.id == stage }) {
                    reader.report(.unknownValue, node, Phrase("le dispositif « \(Limits.quoted(id)) » n'a pas d'étape « \(Limits.quoted(stage)) »", en: "scheme \"\(Limits.quoted(id))\" has no stage \"\(Limits.quoted(stage))\""), hint: Spelling.hint(for: stage, in: scheme.stages.map(\.id)))
                }
                return stage
            }
        }
        if let node = keys["criteria"], let pairs = node.mapping {
            let ids = (scheme.criteria + scheme.priorityCriteria).map(\.id)
            for pair in pairs {
                let criterion = pair.key.scalar?.text ?? ""
                guard ids.contains(criterion) else {
                    reader.report(.unknownValue, pair.key, Phrase("le dispositif « \(Limits.quoted(id)) » n'a pas de critère « \(Limits.quoted(criterion)) »", en: "scheme \"\(Limits.quoted(id))\" has no criterion \"\(Limits.quoted(criterion))\""), hint: Spelling.hint(for: criterion, in: ids))
                    continue
                }
                guard let text = reader.text(pair.value, Phrase("statut de critère", en: "criterion status")), let status = CriterionStatus(rawValue: text) else {
                    reader.report(.unknownValue, pair.value, Phrase("passed, failed ou undetermined attendu", en: "expected passed, failed or undetermined"),
                                  hint: Spelling.hint(for: pair.value.scalar?.text ?? "", in: ["passed", "failed", "undetermined"]))
                    continue
                }
                expectation.criteria.append((criterion, status))
            }
        }
        return expectation
    }

    private mutating func status(_ node: Node) -> SchemeStatus? {
        let text = node.scalar?.text ?? ""
        guard let status = SchemeStatus(rawValue: text) else {
            let ids = ["eligible", "not_eligible", "undetermined"]
            reader.report(.unknownValue, node, Phrase("statut de dispositif inconnu « \(Limits.quoted(text)) » (possibles : \(ids.joined(separator: ", ")))", en: "unknown scheme status \"\(Limits.quoted(text))\" (expected: \(ids.joined(separator: ", ")))"), hint: Spelling.hint(for: text, in: ids))
            return nil
        }
        return status
    }

    /// A list (all must be there) or `{include, exclude, exactly}`.
    private mutating func inclusion(_ node: Node, _ what: String, _ read: (inout NodeReader, Node) -> String?) -> ([String], [String], [String]?) {
        func items(_ node: Node) -> [String] {
            if node.isNull { return [] }
            guard let list = reader.list(node, .quoted(what)) else { return [] }
            return list.compactMap { read(&reader, $0) }
        }
        if node.sequence != nil { return (items(node), [], nil) }
        guard let keys = reader.keys(of: node, Phrase("les attentes « \(what) »", en: "\"\(what)\" expectations"), FileShapes.inclusion) else { return ([], [], nil) }
        let include = keys["include"].map { items($0) } ?? []
        let exclude = keys["exclude"].map { items($0) } ?? []
        let exactly = keys["exactly"].map { items($0) }
        return (include, exclude, exactly)
    }

    /// Rule ids; a bare id is looked up in the case's own scheme first (`<scheme>.<id>`).
    private mutating func ruleIDs(_ node: Node) -> [String] {
        guard let items = reader.list(node, Phrase("identifiants de règles", en: "rule ids")) else { return [] }
        return items.compactMap { item in
            guard let id = reader.text(item, Phrase("identifiant de règle", en: "rule id")) else { return nil }
            func known(_ id: String) -> Bool { ruleSet.rule(id) != nil || ruleSet.otherDaysRuleIDs.contains(id) }
            if let scheme, known(scheme + "." + id) { return scheme + "." + id }
            if known(id) { return id }
            reader.report(.danglingReference, item, Phrase("aucune règle « \(Limits.quoted(id)) »", en: "no rule \"\(Limits.quoted(id))\""), hint: Spelling.hint(for: id, in: ruleSet.rules.map(\.id) + ruleSet.rules.compactMap { rule in
                rule.scheme == scheme ? rule.id.split(separator: ".").last.map(String.init) : nil
            }))
            return nil
        }
    }
}
