/// A replayable case: one invented person as a timeline, an initial profile then steps that
/// change it, each with partial expectations on the recommendation.
public struct ScenarioCase: Sendable {
    public let name: String
    public let file: String
    /// The scheme whose `cases/` folder holds this case, if any.
    public let scheme: String?
    public let steps: [CaseStep]
    /// The day whose rules the case is replayed with (`date:`), nil: the replay's date. A
    /// scheme that ran in the past (the CLCA until 2017) stays replayable on its own dates.
    public var date: String? = nil
}

/// One point of a case's timeline: what changes in the profile, and what must then come out.
public struct CaseStep: Sendable {
    public let name: String
    /// Fields set (a value) or cleared (nil) at this step, in the order written.
    public let changes: [(field: Int, value: FieldValue?)]
    public let expectations: Expectations
    public let location: SourceLocation
}

/// What a step expects. Everything is optional: a case says only what it cares about.
public struct Expectations: Sendable {
    /// `.some(nil)` expects no route at all.
    public var route: String??
    public var routeScheme: String?
    public var referent: String??
    /// Référents by role (`referents: {justice: spip}`); nil expects none for that role.
    public var referents: [(role: ReferentRole, partner: String?)] = []
    public var schemes: [SchemeExpectation] = []
    public var stepsIncluded: [String] = []
    public var stepsExcluded: [String] = []
    public var questionsIncluded: [String] = []
    public var questionsExcluded: [String] = []
    /// The exact set of questions, when given (an empty list: nothing left to ask).
    public var questionsExactly: [String]?
    /// Next actions that must (not) be there, and ids that must come in this relative order.
    public var nextActionsIncluded: [String] = []
    public var nextActionsExcluded: [String] = []
    public var nextActionsOrder: [String] = []
    /// Questions that must be the first ones asked (in any order among themselves).
    public var firstQuestions: [String] = []
    /// Words the person's sheet must (not) contain (without `--include-discreet`), case aside.
    public var ficheIncluded: [String] = []
    public var ficheExcluded: [String] = []
    /// Rules that must have applied: the right answer for the right reason.
    public var fired: [String] = []
    public var notFired: [String] = []

    public init() {}
}

/// What a step expects of one scheme.
public struct SchemeExpectation: Sendable {
    public var scheme: String
    public var status: SchemeStatus?
    public var advice: SchemeAdvice?
    /// `.some(nil)` expects no current stage.
    public var stage: String??
    public var criteria: [(id: String, status: CriterionStatus)] = []
}
