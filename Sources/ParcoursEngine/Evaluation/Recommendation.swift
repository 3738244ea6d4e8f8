/// What Parcours answers for one profile: route, référent, steps, questions, with the rule
/// behind each, and the rule set version used.
public struct Recommendation: Sendable, Equatable {
    public var route: Decision?
    public var referent: Decision?
    public var steps: [Step]
    public var questions: [Question]
    /// Ids of the rules that applied, in rule set order.
    public var fired: [String]
    /// Ids of the rules left undecided by unknown fields, in rule set order.
    public var undetermined: [String]
    public var fingerprint: String
    public var ruleCount: Int
}

/// A chosen route or référent, with the reason and the rule that gave it.
public struct Decision: Sendable, Equatable {
    public var id: String
    public var label: String
    public var why: String
    public var rule: String
    public var priority: Int
}

/// One suggested partner, immersion or action, at a stage of the pathway.
public struct Step: Sendable, Equatable {
    public var stage: Stage
    public var stageLabel: String
    public var kind: EntryKind
    public var id: String
    public var label: String
    public var why: String
    public var rule: String
    /// Other rules that suggested the same thing at the same stage.
    public var alsoSuggestedBy: [String]
    var priority: Int
}

/// A field the counsellor should still ask about, and the rules its answer would decide.
public struct Question: Sendable, Equatable {
    public var field: String
    public var label: String
    public var question: String
    public var rules: [String]
}
