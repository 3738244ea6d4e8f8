/// What `recommend` answers: the recommendation, and what a front end says around it.
public struct RecommendAnswer: Sendable {
    /// The rules that answered.
    public let ruleSet: RuleSet
    /// The profile as read (before defaults).
    public let profile: Profile
    public let recommendation: Recommendation
    /// The import report, when the input was another platform's diagnosis.
    public let imported: ImportAnswer?
    /// Services were asked for but the person's département is unknown: only services open to
    /// all of France are listed.
    public let servicesWithoutDepartment: Bool

    /// What reaches the paper handed to the person (`recommend --format fiche`, the API's
    /// `include_discreet`): discreet entries only when the counsellor asks for them.
    public func sheet(includeDiscreet: Bool = false) -> PaperSheet {
        PaperSheet(recommendation, catalogue: ruleSet.catalogue, glossary: ruleSet.glossary, includeDiscreet: includeDiscreet)
    }

    /// The JSON contract (`recommend --format json`, `POST /api/v1/recommend`), with the import
    /// report when there is one.
    public var jsonBytes: [UInt8] {
        guard let imported else { return recommendation.jsonBytes }
        return recommendation.jsonBytes(imported: imported.result, vocabulary: ruleSet.vocabulary)
    }
}

/// What `explain` answers: the evaluated tree of a rule, or a scheme's criteria. Its words and
/// its JSON are `ParcoursRendering`'s (`ExplanationText`, `ExplanationJSON`).
public enum ExplainAnswer: Sendable {
    case rule(Rule, ExplanationNode)
    case scheme(Scheme, SchemeResult, criteria: [(criterion: Criterion, priority: Bool, node: ExplanationNode)])
}

/// What `import` answers: the profile and what was not used, with the reader's warnings.
public struct ImportAnswer: Sendable {
    public let result: ImportResult
    /// Warnings of the diagnosis reader (the import went on).
    public let warnings: [Diagnostic]
}

/// What `check` answers: every finding, and what was checked.
public struct CheckAnswer: Sendable {
    /// The rule set, nil when it does not load.
    public let ruleSet: RuleSet?
    /// Loading, case files and deep analysis, sorted.
    public let diagnostics: [Diagnostic]
    /// The case files read.
    public let cases: [ScenarioCase]

    /// True when the rule set loads and no finding is an error.
    public var passed: Bool { ruleSet != nil && !diagnostics.hasErrors }
}
