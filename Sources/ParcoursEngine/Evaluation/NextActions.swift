/// One of the few actions a counsellor can start now: the short plan « Prochaines actions ».
public struct NextAction: Sendable, Equatable {
    public var id: String
    public var kind: EntryKind
    public var label: String
    /// The reason of the first step that suggested it (one line for the counsellor).
    public var why: String
    public var stage: Stage
    /// Deals with an urgency (catalogue `urgent`).
    public var urgent: Bool
}

/// How the next actions are chosen from the steps: the one home of that choice, shared by
/// the text, the « fiche », the page and the JSON contract.
///
/// Urgencies first (shelter, safety, rights, childcare: 004, partie 2, « en fonction des
/// urgences »), then the pathway's order (stage), then the deciding rule's priority, then the
/// order of the steps; one action per catalogue entry; nothing of the in-job stage (it comes
/// once a job starts); at most `limit` (5: what fits a 30-minute appointment).
public enum NextActions {
    public static let limit = 5

    public static func choose(from steps: [Step], limit: Int = NextActions.limit) -> [NextAction] {
        var seen: Set<String> = []
        let candidates = steps.enumerated().filter { item in
            item.element.stage != .inJob && seen.insert(item.element.id).inserted
        }
        let ordered = candidates.sorted { a, b in
            let x = a.element, y = b.element
            if x.urgent != y.urgent { return x.urgent }
            if x.stage != y.stage { return x.stage < y.stage }
            if x.priority != y.priority { return x.priority > y.priority }
            return a.offset < b.offset
        }
        return ordered.prefix(limit).map { item in
            let step = item.element
            return NextAction(id: step.id, kind: step.kind, label: step.label, why: step.why, stage: step.stage, urgent: step.urgent)
        }
    }
}
