import Bytes

/// A loaded, validated rule set: vocabulary, catalogue, facts and rules, with its fingerprint.
public struct RuleSet: Sendable {
    public let vocabulary: Vocabulary
    public let catalogue: Catalogue
    public let facts: [Fact]
    /// Rules of `Rules/` first, then each scheme's own rules (ids `<scheme>.<rule>`).
    public let rules: [Rule]
    public let schemes: [Scheme]
    /// The day the rule set is in force for (`YYYY-MM-DD`).
    public let date: String
    /// SHA-256 of the canonical content, so a recommendation can be traced to a rule version.
    public internal(set) var fingerprint: String
    /// How other platforms' diagnoses become profiles (`imports/`), one per format at most. Not
    /// in the fingerprint: they decide which profile is read, not what is recommended for it.
    public internal(set) var imports: [ImportMapping] = []
    /// The register of sources (`sources.yaml`), empty when the rule set has none. Not in the
    /// fingerprint: the rules' `source:` texts are.
    public internal(set) var sources = SourceRegister.empty
    /// Every `source:` text of the rule set's files and schemes, with its place and citations.
    public internal(set) var citations: [CitedText] = []
    /// The acronyms the person may read and their meaning (`glossaire.yaml`), empty without
    /// one. Not in the fingerprint: it changes the words of the sheet, not a decision.
    public internal(set) var glossary = Glossary.empty
    /// The ids of the rules not in force on `date` (in force another day): a case dated another
    /// day may name them.
    public internal(set) var otherDaysRuleIDs: [String] = []
    /// Every condition in core form (facts inlined, dates resolved), aligned with the arrays above:
    /// what evaluation, compilation and analysis read.
    package let lowered: LoweredRuleSet
    private let factIndex: [String: Int]

    public init(vocabulary: Vocabulary, catalogue: Catalogue, facts: [Fact], rules: [Rule], schemes: [Scheme] = [], date: String = "") {
        self.init(vocabulary: vocabulary, catalogue: catalogue, facts: facts, rules: rules, schemes: schemes, date: date,
                  fingerprint: Self.fingerprint(vocabulary: vocabulary, catalogue: catalogue, facts: facts, rules: rules, schemes: schemes))
    }

    /// SHA-256 of the canonical content (`CanonicalForm`), `sha256:` and 64 hexadecimal digits.
    static func fingerprint(vocabulary: Vocabulary, catalogue: Catalogue, facts: [Fact], rules: [Rule], schemes: [Scheme]) -> String {
        "sha256:" + SHA256.hex(of: CanonicalForm.text(vocabulary: vocabulary, catalogue: catalogue, facts: facts, rules: rules, schemes: schemes))
    }

    /// A rule set whose fingerprint was worked out apart (while the loader analysed it).
    init(vocabulary: Vocabulary, catalogue: Catalogue, facts: [Fact], rules: [Rule], schemes: [Scheme], date: String, fingerprint: String) {
        self.date = date
        self.vocabulary = vocabulary
        self.catalogue = catalogue
        self.facts = facts
        self.rules = rules
        self.schemes = schemes
        var index: [String: Int] = [:]
        for (position, fact) in facts.enumerated() where index[fact.name] == nil { index[fact.name] = position }
        self.factIndex = index
        self.lowered = LoweredRuleSet(facts: facts, rules: rules, catalogue: catalogue, schemes: schemes,
                                      askWhen: vocabulary.askWhen, date: date)
        self.fingerprint = fingerprint
    }

    public func fact(named name: String) -> Fact? {
        factIndex[name].map { facts[$0] }
    }

    public func rule(_ id: String) -> Rule? {
        rules.first { $0.id == id }
    }

    public func scheme(_ id: String) -> Scheme? {
        schemes.first { $0.id == id }
    }

    /// The mapping for a diagnosis format, if the rule set has one.
    public func importMapping(_ format: DiagnosisFormat) -> ImportMapping? {
        imports.first { $0.format == format }
    }

    /// The person's département (the vocabulary's `department` field), if known, as the
    /// service directory numbers it (Corsica's 2A and 2B are 20 there).
    public func department(of profile: Profile) -> Int? {
        guard let field = vocabulary.field(named: "department"), case .scalar(let value)? = profile[field.index] else { return nil }
        if field.kind is DepartmentKind, value >= 0, value < field.values.count { return DepartmentKind.department(ofZone: field.values[value].id) }
        return value
    }
}
