/// `check` beyond one day: the rule set is loaded and analysed on each day what is in force
/// changes (`LoadResult.boundaries`) and on the day before, and each finding not already made
/// for the day checked is added, naming the days it holds on. A 2014 replay, or a law that
/// takes effect next month, is then verified as much as today.
struct BoundaryCheck {
    let files: RuleSetFiles
    /// The day checked in full (today or `--date`).
    let day: String
    /// The change days of the rule set.
    let boundaries: [String]

    /// The days verified besides `day`: each change day and the day before it, sorted.
    var days: [String] {
        var days: Set<String> = []
        for boundary in boundaries {
            days.insert(boundary)
            if let before = Validity.day(before: boundary) { days.insert(before) }
        }
        days.remove(day)
        return days.sorted()
    }

    /// The findings on the other days that `known` (the findings for `day`) does not hold,
    /// each once, with the days it holds on.
    func findings(besides known: [Diagnostic]) -> [Diagnostic] {
        let perDay = OrderedParallelMap.map(days) { date -> [Diagnostic] in
            let result = RuleSetLoader.load(files, date: date)
            // A day whose search for conflicts stopped early: its conflicts are listed, not the stop.
            guard let ruleSet = result.ruleSet else { return result.diagnostics.filter { !(result.conflictsCut && $0.code == .tooMany) } }
            // Entries and fields unused before their layer exists are expected, not findings.
            return result.diagnostics + DeepAnalysis(ruleSet: ruleSet).run().filter { $0.code != .unused }
        }
        let seen = Set(known)
        var order: [Diagnostic] = []
        var dates: [Diagnostic: [String]] = [:]
        for (date, found) in zip(days, perDay) {
            for diagnostic in found where !seen.contains(diagnostic) {
                if dates[diagnostic] == nil { order.append(diagnostic) }
                dates[diagnostic, default: []].append(date)
            }
        }
        return order.map { diagnostic in
            var dated = diagnostic
            let days = dates[diagnostic] ?? []
            let shown = Array(days.prefix(3)), more = days.count - shown.count
            let french = Self.list(shown.map { "le \($0)" }, and: "et") + (more > 0 ? " (et \(more) autres jours)" : "")
            let english = Self.list(shown, and: "and") + (more > 0 ? " (and \(more) other days)" : "")
            dated.message = Phrase("règles en vigueur \(french) : \(diagnostic.message.fr)", en: "rules in force on \(english): \(diagnostic.message.en)")
            return dated
        }
    }

    /// « a, b et c ».
    private static func list(_ items: [String], and: String) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " \(and) " + last
    }
}
