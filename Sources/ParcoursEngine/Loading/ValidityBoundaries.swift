/// The days on which what is in force changes: each `valid_from` of a rule, criterion, scheme
/// period, dated condition or catalogue entry, and the day after each `valid_until` (or former
/// name's end). `check` verifies the rule set on each of them and on the day before, so that a
/// rule in force only in the past (or from a future date) is checked as well as today's.
enum ValidityBoundaries {
    /// The change days, sorted, each once.
    static func days(rules: [Rule], facts: [Fact], catalogue: Catalogue, schemes: [Scheme], vocabulary: Vocabulary) -> [String] {
        var periods: [Validity] = []
        var conditions: [Condition] = vocabulary.askWhen.compactMap { $0 } + facts.map(\.condition)
        for rule in rules {
            periods.append(rule.validity)
            conditions.append(rule.condition)
        }
        for entry in catalogue.entries {
            periods.append(entry.validity)
            periods += entry.formerNames.map { Validity(until: $0.until) }
            conditions.append(entry.requires)
            if let when = entry.discreetWhen { conditions.append(when) }
        }
        for scheme in schemes {
            for criterion in scheme.criteria + scheme.priorityCriteria + scheme.cautions {
                periods.append(criterion.validity)
                conditions.append(criterion.condition)
            }
            conditions += scheme.stages.compactMap(\.when)
        }
        periods += conditions.flatMap(\.datedPeriods)
        var days: Set<String> = []
        for period in periods {
            if let from = period.from { days.insert(from) }
            if let until = period.until, let after = Validity.day(after: until) { days.insert(after) }
        }
        return days.sorted()
    }
}

extension Condition {
    /// The periods of the dated parts (`{when, valid_from, valid_until}`), outermost first.
    var datedPeriods: [Validity] {
        switch self {
        case .always, .test, .fact, .comparison: return []
        case .all(let items), .any(let items): return items.flatMap(\.datedPeriods)
        case .not(let inner): return inner.datedPeriods
        case .dated(let inner, let validity): return [validity] + inner.datedPeriods
        }
    }
}

extension Validity {
    /// The calendar day after `date` (`YYYY-MM-DD`), nil for a text that is not a day.
    static func day(after date: String) -> String? {
        guard isDate(date), let (year, month, day) = parts(date) else { return nil }
        if day < days(inMonth: month, of: year) { return format(year, month, day + 1) }
        return month < 12 ? format(year, month + 1, 1) : format(year + 1, 1, 1)
    }

    /// The calendar day before `date` (`YYYY-MM-DD`), nil for a text that is not a day or for
    /// the first day of year 1.
    static func day(before date: String) -> String? {
        guard isDate(date), let (year, month, day) = parts(date) else { return nil }
        if day > 1 { return format(year, month, day - 1) }
        if month > 1 { return format(year, month - 1, days(inMonth: month - 1, of: year)) }
        return year > 1 ? format(year - 1, 12, 31) : nil
    }

    private static func parts(_ date: String) -> (Int, Int, Int)? {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return (parts[0], parts[1], parts[2])
    }

    /// The number of days of `month` (1 to 12) in `year`.
    static func days(inMonth month: Int, of year: Int) -> Int {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    private static func format(_ year: Int, _ month: Int, _ day: Int) -> String {
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }
}
