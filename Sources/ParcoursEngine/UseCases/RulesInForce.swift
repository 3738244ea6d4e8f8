/// The rules in force on one day, ready to answer: the rule set, its evaluator and explainer,
/// built once. Each operation is the one home of its use case: which reader reads a profile,
/// where defaults are applied, how a diagnosis is imported and local services attached.
public struct RulesInForce: Sendable {
    public let ruleSet: RuleSet
    let evaluator: Evaluator
    let explainer: Explainer

    init(_ ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        self.evaluator = Evaluator(ruleSet: ruleSet)
        self.explainer = Explainer(ruleSet: ruleSet)
    }

    /// The day these rules are in force (`YYYY-MM-DD`).
    public var date: String { ruleSet.date }

    /// The typed profile of `input`, with the import report when it was a diagnosis.
    public func profile(_ input: ProfileInput) throws(ParcoursError) -> (profile: Profile, imported: ImportAnswer?) {
        switch input {
        case .profile(let profile): return (profile, nil)
        case .file(let file): return (try read(file), nil)
        case .diagnosis(let file, let format):
            let imported = try importDiagnosis(file, from: format)
            return (imported.result.profile, imported)
        }
    }

    /// A profile file, read and typed: a one-line JSON object by the corpus's precise reader
    /// (what the page and most clients send), anything else by `ProfileLoader` (strict JSON when
    /// it is JSON, YAML otherwise).
    private func read(_ file: SourceFile) throws(ParcoursError) -> Profile {
        let vocabulary = ruleSet.vocabulary
        let bytes = file.bytes
        var end = bytes.count
        while end > 0, [0x0A, 0x0D, 0x20, 0x09].contains(bytes[end - 1]) { end -= 1 }
        if !bytes[..<end].contains(0x0A), bytes.first(where: { $0 != 0x20 && $0 != 0x09 }) == 0x7B {
            var reader = CorpusLineParser(path: file.path, format: .jsonLines, vocabulary: vocabulary)
            if let record = reader.parse(Array(bytes[..<end]), line: 1) {
                guard let profile = record.profile else { throw .profile(record.diagnostics) }
                return profile
            }
        }
        let result = ProfileLoader.load(file, vocabulary: vocabulary)
        guard let profile = result.profile else { throw .profile(result.diagnostics) }
        return profile
    }

    /// The recommendation for `input`; with `services`, each step's local services in the
    /// person's département (or open to all of France when it is unknown).
    public func recommend(_ input: ProfileInput, services: ServiceDirectory? = nil) throws(ParcoursError) -> RecommendAnswer {
        let (profile, imported) = try profile(input)
        var recommendation = evaluator.recommend(profile)
        var department: Int?
        if let services {
            department = ruleSet.department(of: profile)
            recommendation = services.attach(to: recommendation, department: department)
        }
        return RecommendAnswer(ruleSet: ruleSet, profile: profile, recommendation: recommendation, imported: imported,
                               servicesWithoutDepartment: services != nil && department == nil)
    }

    /// The recommendation for a profile already read (nothing can fail).
    public func recommend(_ profile: Profile) -> Recommendation {
        evaluator.recommend(profile)
    }

    /// Why a rule applies or not, or a scheme's criteria, condition by condition.
    /// - Throws: `unknown-rule` or `unknown-scheme` (with the nearest id); the profile's errors.
    public func explain(_ target: ExplainTarget, for input: ProfileInput) throws(ParcoursError) -> ExplainAnswer {
        try explain(target, reading: { () throws(ParcoursError) -> ProfileInput in input })
    }

    /// Like `explain(_:for:)`, the input read only once the rule or scheme is known (an unknown
    /// id is said first, whatever the input).
    public func explain(_ target: ExplainTarget, reading input: () throws(ParcoursError) -> ProfileInput) throws(ParcoursError) -> ExplainAnswer {
        switch target {
        case .rule(let id):
            guard let rule = ruleSet.rule(id) else {
                throw ParcoursError(.unknownRule, Phrase("aucune règle « \(Limits.quoted(id)) » en vigueur le \(date)", en: "no rule \"\(Limits.quoted(id))\" in force on \(date)"),
                                    hint: Spelling.hint(for: id, in: ruleSet.rules.map(\.id)))
            }
            let node = explainer.explain(rule, for: try profile(try input()).profile)
            return .rule(rule, node)
        case .scheme(let id):
            guard let scheme = ruleSet.scheme(id) else {
                throw ParcoursError(.unknownScheme, Phrase("aucun dispositif « \(Limits.quoted(id)) » en vigueur le \(date)", en: "no scheme \"\(Limits.quoted(id))\" in force on \(date)"),
                                    hint: Spelling.hint(for: id, in: ruleSet.schemes.map(\.id)))
            }
            let profile = try profile(try input()).profile
            let criteria = explainer.explain(scheme, for: profile)
            let result = evaluator.schemeResult(scheme, for: profile)
            return .scheme(scheme, result, criteria: criteria)
        }
    }

    /// A diagnosis read and mapped to a profile through the rule set's `imports/` mapping.
    public func importDiagnosis(_ file: SourceFile, from format: DiagnosisFormat) throws(ParcoursError) -> ImportAnswer {
        guard let mapping = ruleSet.importMapping(format) else {
            throw ParcoursError(.noMapping, Phrase("le jeu de règles n'a pas de correspondance pour \(format.rawValue) (imports/\(format.fileName))",
                                                   en: "the rule set has no mapping for \(format.rawValue) (imports/\(format.fileName))"),
                                hint: Phrase("ajoutez imports/\(format.fileName) au dossier de règles (voir le guide des auteurs)",
                                             en: "add imports/\(format.fileName) to the rule set folder (see the authors' guide)"))
        }
        let read = DiagnosisReader.read(file, format: format)
        guard let diagnosis = read.diagnosis else { throw .diagnosis(read.diagnostics) }
        return ImportAnswer(result: DiagnosisImport.apply(diagnosis, mapping: mapping, vocabulary: ruleSet.vocabulary), warnings: read.diagnostics)
    }
}
