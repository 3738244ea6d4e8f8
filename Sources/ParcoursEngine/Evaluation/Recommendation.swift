/// What Parcours answers for one profile: route, référent, steps, questions, with the rule
/// behind each, and the rule set version used.
public struct Recommendation: Sendable, Equatable {
    public var route: Decision?
    /// The insertion référent (the first of `referents` when it has that role).
    public var referent: Decision? { referents.first { $0.role == .insertion } }
    /// One référent per role that a rule gives, in `ReferentRole` order (insertion, justice).
    public var referents: [Decision]
    public var steps: [Step]
    /// At most five actions to start now, the most severe urgency first (`NextActions`).
    public var nextActions: [NextAction] { NextActions.choose(from: steps, route: route.flatMap { Route(rawValue: $0.id) }) }
    /// The steps kept off the paper handed to the person (discreet entries), in step order, once each.
    public var keptOffPaper: [Step] {
        var seen: Set<String> = []
        return steps.filter { $0.discreet && seen.insert($0.id).inserted }
    }
    public var questions: [Question]
    /// Every loaded scheme, in folder order, with its eligibility for this profile.
    public var schemes: [SchemeResult]
    /// Ids of the rules that applied, in rule set order.
    public var fired: [String]
    /// Ids of the rules left undecided by unknown fields, in rule set order.
    public var undetermined: [String]
    public var fingerprint: String
    public var ruleCount: Int
    /// The day whose rules were applied.
    public var date: String
}

/// A chosen route or référent, with the reason and the rule that gave it.
public struct Decision: Sendable, Equatable {
    public var id: String
    public var label: String
    public var why: String
    public var rule: String
    public var priority: Int
    /// For the `scheme` route: which scheme.
    public var scheme: String?
    /// For a référent: its role.
    public var role: ReferentRole? = nil
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
    /// How urgent the catalogue entry is (`Urgency`), nil when it is no emergency.
    public var severity: Urgency?
    /// The catalogue entry is kept off the paper handed to the person.
    public var discreet: Bool = false
    /// This reason is kept off paper (the entry may still be shown, without it).
    public var discreetReason: Bool = false
    /// The entry formalises an explained plan (the contract): never the first next action.
    public var afterPlan: Bool = false
    /// The entry opens a re-engagement after a rupture: new partners wait (at most one).
    public var reengagement: Bool = false
    var priority: Int
    /// The catalogue entry's data·inclusion codes, so that any client can query a service directory.
    public var thematiques: [String] = []
    public var reseauxPorteurs: [String] = []
    /// Local services for this step from a data·inclusion export (`--services`); nil without one.
    public var services: [LocalService]?
}

extension Step {
    /// The catalogue entry deals with an urgency (the JSON `urgent`).
    public var urgent: Bool { severity != nil }
}

/// A field the counsellor should still ask about, and the rules its answer would decide.
public struct Question: Sendable, Equatable {
    public var field: String
    public var label: String
    public var question: String
    public var rules: [String]
    /// What the answer could still change (empty: only suggestions or schemes).
    public var changes: [QuestionChange]
    /// The emergency the question screens for (`screens:` in the vocabulary), asked first.
    public var screens: Urgency? = nil
}

/// What answering a question could still change.
public enum QuestionChange: String, Sendable, CaseIterable {
    case route, referent
}

/// How one criterion came out for a profile.
public enum CriterionStatus: String, Sendable {
    case passed, failed, undetermined

    init(_ truth: Truth) {
        switch truth {
        case .yes: self = .passed
        case .no: self = .failed
        case .unknown: self = .undetermined
        }
    }

    /// The truth this status stands for.
    public var truth: Truth {
        switch self {
        case .passed: return .yes
        case .failed: return .no
        case .undetermined: return .unknown
        }
    }
}

/// One scheme's eligibility for a profile, criterion by criterion, and the current stage.
public struct SchemeResult: Sendable, Equatable {
    public var id: String
    public var name: String
    public var status: SchemeStatus
    /// The profile says the person is already in the scheme (`enrolled_schemes`).
    public var enrolled: Bool
    /// The counsellor recorded that the person chose the scheme (`chosen_schemes`).
    public var chosen: Bool
    public var criteria: [CriterionResult]
    public var priorityCriteria: [CriterionResult]
    /// The scheme's cautions that hold for this profile: what to discuss before proposing it.
    public var cautions: [CriterionResult]
    /// The first stage whose condition holds, for an eligible or enrolled person.
    public var stage: StageResult?
    /// The verdict for this person (`SchemeAdvice`): eligible is not advised.
    public var advice: SchemeAdvice = .toCheck
    /// Why to check locally before proposing it (a scheme described in 2014), nil when not needed.
    public var verifyLocally: String? = nil
}

/// One criterion's outcome, with its reason and the fields still to ask.
public struct CriterionResult: Sendable, Equatable {
    public var id: String
    public var label: String
    public var status: CriterionStatus
    public var reason: String
    /// Names of the fields still to ask, and their French labels.
    public var missing: [String]
    public var missingLabels: [String]
    /// The criterion is a personal matter (`sensitive: true`), not asked because of a scheme.
    public var sensitive: Bool = false
}

/// The stage of a scheme a person is at.
public struct StageResult: Sendable, Equatable {
    public var id: String
    public var label: String
}

extension Decision {
    /// The route decided, as reports name it (`Route.name(scheme:)`).
    public var routeName: String { Route(rawValue: id)?.name(scheme: scheme) ?? id }
}
