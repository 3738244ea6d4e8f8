/// What reaches the paper handed to the person (`recommend --format fiche`, `POST /api/v1/fiche`):
/// the one place that decides it, so that the rendering and the replayable cases
/// (`fiche: {exclude: [...]}`) see the same words.
///
/// The words are the person's (`for_person:` of each catalogue entry, route and stage), never
/// the counsellor's reasons: second person, plain words, no stage names. Each acronym is
/// explained at its first use on the sheet, from the glossary (« la CAF (caisse d'allocations
/// familiales) »). Discreet entries (catalogue `discreet`) are left out unless the counsellor
/// asks (`includeDiscreet`): a sheet found at home must not reveal violence, a helpline or a
/// victims' association (004, partie 2: violences conjugales are part of the global support,
/// not of what is written down).
public struct PaperSheet: Sendable, Equatable {
    /// One line of the sheet: a label, what it is for, and the heading of its stage.
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

    public init(_ recommendation: Recommendation, catalogue: Catalogue, glossary: Glossary = .empty, includeDiscreet: Bool) {
        func shown(_ discreet: Bool) -> Bool { includeDiscreet || !discreet }
        // A scheme still to be checked locally (`verify_locally`: described years ago, it may no
        // longer run) is not promised on paper before the counsellor has checked it; the person
        // in it, or who chose it, sees it.
        func printable(_ scheme: SchemeResult) -> Bool { includeDiscreet || scheme.enrolled || scheme.chosen || scheme.verifyLocally == nil }
        func item(_ id: String, label: String, stage: Stage) -> Item {
            let entry = catalogue.entry(id)
            let stageInfo = catalogue.info(for: stage)
            return Item(label: entry?.personLabel ?? label, why: entry?.forPerson?.text ?? "",
                        stageLabel: stageInfo?.forPerson?.label ?? stageInfo?.label ?? stage.rawValue, stage: stage)
        }
        let nextActions = recommendation.nextActions
        date = recommendation.date
        actions = nextActions.filter { shown($0.discreet) }.map { item($0.id, label: $0.label, stage: $0.stage) }
        if let route = recommendation.route {
            let info = Route(rawValue: route.id).flatMap { catalogue.info(for: $0) }
            // The scheme route is the scheme itself, by its name (unless it is not to be printed).
            let scheme = route.scheme.flatMap { id in recommendation.schemes.first { $0.id == id && printable($0) }?.name }
            routeLabel = scheme ?? info?.forPerson?.label ?? route.label
            routeDescription = info?.forPerson?.text
        }
        // A discreet référent (the SPIP names a sentence) is a contact given orally, like its steps.
        referents = recommendation.referents.filter { shown(catalogue.entry($0.id)?.discreet ?? false) }.map {
            (catalogue.entry($0.id)?.personLabel ?? $0.label, $0.role == .justice)
        }
        var seen = Set(nextActions.map(\.id))
        let allLater = recommendation.steps.filter { shown($0.discreet) && seen.insert($0.id).inserted }
        later = allLater.prefix(Self.laterLimit).map { item($0.id, label: $0.label, stage: $0.stage) }
        moreLater = allLater.count - later.count
        schemes = recommendation.schemes.filter { $0.enrolled || $0.chosen || ($0.advice == .proposed && printable($0)) }.map(\.name)
        keptOff = includeDiscreet ? 0 : recommendation.keptOffPaper.count
        explainAcronyms(glossary)
    }

    /// Each acronym followed by its meaning where the sheet first prints it, in print order.
    private mutating func explainAcronyms(_ glossary: Glossary) {
        guard !glossary.isEmpty else { return }
        var explained: Set<String> = []
        for index in actions.indices {
            actions[index].label = glossary.explain(actions[index].label, explained: &explained)
            actions[index].why = glossary.explain(actions[index].why, explained: &explained)
        }
        routeLabel = routeLabel.map { glossary.explain($0, explained: &explained) }
        routeDescription = routeDescription.map { glossary.explain($0, explained: &explained) }
        for index in referents.indices { referents[index].label = glossary.explain(referents[index].label, explained: &explained) }
        var stage: Stage?
        for index in later.indices {
            if later[index].stage != stage {
                stage = later[index].stage
                later[index].stageLabel = glossary.explain(later[index].stageLabel, explained: &explained)
            }
            later[index].label = glossary.explain(later[index].label, explained: &explained)
        }
        schemes = schemes.map { glossary.explain($0, explained: &explained) }
    }

    /// Every word the sheet can print, for checks (`fiche: {exclude: [...]}` in a case).
    public var texts: [String] {
        actions.flatMap { [$0.label, $0.why] } + [routeLabel, routeDescription].compactMap { $0 } + referents.map(\.label)
            + later.flatMap { [$0.stageLabel, $0.label] } + schemes
    }

    public static func == (lhs: PaperSheet, rhs: PaperSheet) -> Bool {
        lhs.texts == rhs.texts && lhs.date == rhs.date && lhs.keptOff == rhs.keptOff && lhs.moreLater == rhs.moreLater
    }
}
