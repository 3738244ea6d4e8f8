/// One of the few actions a counsellor can start now: the short plan « Prochaines actions ».
public struct NextAction: Sendable, Equatable {
    public var id: String
    public var kind: EntryKind
    public var label: String
    /// The reason of the first step that suggested it (one line for the counsellor).
    public var why: String
    public var stage: Stage
    /// How urgent it is (catalogue `severity`), nil when it is no emergency.
    public var severity: Urgency?
    /// Kept off the paper handed to the person (catalogue `discreet`).
    public var discreet: Bool
    /// Its reason is kept off paper (the rule's suggestion is `discreet`).
    public var discreetReason: Bool

    /// Deals with an urgency (the JSON `urgent`).
    public var urgent: Bool { severity != nil }
}

/// How the next actions are chosen from the steps: the one home of that choice and of the
/// order of urgencies, shared by the text, the « fiche », the page and the JSON contract.
///
/// - Urgencies first, the most severe first (`Urgency`: safety, shelter, resources, rights,
///   health, childcare; 004, partie 2, « en fonction des urgences des bénéficiaires »), then
///   the pathway's order (stage), then the deciding rule's priority, then the steps' order.
/// - In a safety or shelter crisis: no contract, immersion or job step (stage `transition`).
/// - The contract (`after_plan` entries) is never the first action: it formalises a plan once
///   explained and understood (002, 2.1).
/// - In-job steps only when the route is `in_work` (the person already works: 003,
///   « accompagner les personnes dans l'emploi »), then first after urgencies and with no job
///   search step (stage `transition`); otherwise they come once a job starts.
/// - Work first (`work_first`: « accès direct à l'emploi ») : job access steps (stage
///   `transition`) before training (`skills`).
/// - After a rupture (a `reengagement` entry among the steps): no contract yet, and at most one
///   new partner or immersion (urgencies aside), so that the person is not sent from one scheme to the next (003).
/// - One action per catalogue entry; at most `limit` (5: what fits a 30-minute appointment).
public enum NextActions {
    public static let limit = 5

    public static func choose(from steps: [Step], route: Route? = nil, limit: Int = NextActions.limit) -> [NextAction] {
        let crisis = steps.contains { $0.severity?.isCrisis ?? false }
        let rupture = steps.contains { $0.reengagement }
        let keepsInJob = route == .inWork
        let jobFirst = route == .workFirst
        var seen: Set<String> = []
        var candidates = steps.enumerated().filter { item in
            let step = item.element
            if step.stage == .inJob && !keepsInJob { return false }
            if crisis && (step.afterPlan || step.kind == .immersion || step.stage == .transition) { return false }
            if keepsInJob && step.stage == .transition { return false }
            // After a rupture, the link comes back before any new commitment is signed.
            if rupture && step.afterPlan { return false }
            return seen.insert(step.id).inserted
        }
        candidates.sort { a, b in
            let x = a.element, y = b.element
            if x.severity != y.severity { return (x.severity?.rank ?? Urgency.allCases.count) < (y.severity?.rank ?? Urgency.allCases.count) }
            if x.reengagement != y.reengagement { return x.reengagement }
            if x.stage != y.stage {
                // In work, the in-job follow-up comes first after urgencies.
                if keepsInJob && (x.stage == .inJob || y.stage == .inJob) { return x.stage == .inJob }
                // Work first: access to a job comes before training.
                if jobFirst && Set([x.stage, y.stage]) == [.skills, .transition] { return x.stage == .transition }
                return x.stage < y.stage
            }
            if x.priority != y.priority { return x.priority > y.priority }
            return a.offset < b.offset
        }
        if rupture {
            var partners = 0
            candidates = candidates.filter { item in
                guard item.element.kind != .action && item.element.severity == nil else { return true }
                partners += 1
                return partners <= 1
            }
        }
        // A contract comes after the plan: never first while anything else can start (with
        // several contracts, the first step that is not one comes first).
        if candidates.first?.element.afterPlan == true, let plan = candidates.firstIndex(where: { !$0.element.afterPlan }) {
            candidates.insert(candidates.remove(at: plan), at: 0)
        }
        return candidates.prefix(limit).map { item in
            let step = item.element
            return NextAction(id: step.id, kind: step.kind, label: step.label, why: step.why, stage: step.stage, severity: step.severity,
                              discreet: step.discreet, discreetReason: step.discreetReason)
        }
    }
}
