/// What reaches the paper handed to the person (`recommend --format fiche`, and the page's
/// sheet): the one place that decides it, so that the rendering and the replayable cases
/// (`fiche: {exclude: [...]}`) see the same words.
///
/// Discreet entries (catalogue `discreet`) are left out, and a discreet reason is replaced by
/// the entry's neutral description, unless the counsellor asks (`includeDiscreet`): a sheet
/// found at home must not reveal violence, a helpline or a victims' association (004, partie
/// 2: violences conjugales are part of the global support, not of what is written down).
public struct PaperSheet: Sendable, Equatable {
    /// One line of the sheet: a label and what it is for.
    public struct Item: Sendable, Equatable {
        public var label: String
        public var why: String
        public var stageLabel: String
        public var stage: Stage
    }

    /// The later steps that fit on one page after the next actions and the contacts.
    public static let laterLimit = 6

    public var date: String
    /// « Ce que nous faisons d'abord ».
    public var actions: [Item]
    public var routeLabel: String?
    public var routeDescription: String?
    /// Référents: label, and whether it is the justice one.
    public var referents: [(label: String, justice: Bool)]
    /// « Ensuite »: the other steps, once each, in step order, at most `laterLimit`.
    public var later: [Item]
    /// How many more steps the counsellor has (« … et 3 autres étapes »).
    public var moreLater: Int
    /// Schemes the person is in, chose, or that are proposed to them.
    public var schemes: [String]
    /// How many entries were kept off paper.
    public var keptOff: Int

    public init(_ recommendation: Recommendation, catalogue: Catalogue, includeDiscreet: Bool) {
        func shown(_ discreet: Bool) -> Bool { includeDiscreet || !discreet }
        func why(_ id: String, _ why: String, discreetReason: Bool) -> String {
            let reason = shown(discreetReason) ? why : (catalogue.entry(id)?.description ?? "")
            // A reason written for the counsellor (« la personne ne peut pas venir ») is not said to the person.
            return reason.contains("la personne") ? "" : reason
        }
        let nextActions = recommendation.nextActions
        date = recommendation.date
        actions = nextActions.filter { shown($0.discreet) }.map { action in
            Item(label: action.label, why: why(action.id, action.why, discreetReason: action.discreetReason),
                 stageLabel: catalogue.info(for: action.stage)?.label ?? action.stage.rawValue, stage: action.stage)
        }
        if let route = recommendation.route {
            routeLabel = route.label
            routeDescription = Route(rawValue: route.id).flatMap { catalogue.info(for: $0)?.description }
        }
        referents = recommendation.referents.map { ($0.label, $0.role == .justice) }
        var seen = Set(nextActions.map(\.id))
        let allLater = recommendation.steps.filter { shown($0.discreet) && seen.insert($0.id).inserted }
        later = allLater.prefix(Self.laterLimit).map { step in
            Item(label: step.label, why: why(step.id, step.why, discreetReason: step.discreetReason), stageLabel: step.stageLabel, stage: step.stage)
        }
        moreLater = allLater.count - later.count
        schemes = recommendation.schemes.filter { $0.enrolled || $0.chosen || $0.advice == .proposed }.map(\.name)
        keptOff = includeDiscreet ? 0 : recommendation.keptOffPaper.count
    }

    /// Every word the sheet can print, for checks (`fiche: {exclude: [...]}` in a case).
    public var texts: [String] {
        actions.flatMap { [$0.label, $0.why] } + [routeLabel, routeDescription].compactMap { $0 } + referents.map(\.label)
            + later.map(\.label) + schemes
    }

    public static func == (lhs: PaperSheet, rhs: PaperSheet) -> Bool {
        lhs.texts == rhs.texts && lhs.date == rhs.date && lhs.keptOff == rhs.keptOff && lhs.moreLater == rhs.moreLater
    }
}
