import Foundation

/// When a rule, a criterion or a condition is in force: `valid_from` and `valid_until`
/// (both inclusive, `YYYY-MM-DD`); either may be open.
public struct Validity: Sendable, Hashable, CustomStringConvertible {
    public var from: String?
    public var until: String?

    public init(from: String? = nil, until: String? = nil) {
        self.from = from
        self.until = until
    }

    public static let always = Validity()

    public var isAlways: Bool { from == nil && until == nil }

    /// True when `date` (`YYYY-MM-DD`) lies in the period.
    public func contains(_ date: String) -> Bool {
        if let from, date < from { return false }
        if let until, date > until { return false }
        return true
    }

    /// True when some day lies in both periods.
    public func overlaps(_ other: Validity) -> Bool {
        let start = [from, other.from].compactMap { $0 }.max()
        let end = [until, other.until].compactMap { $0 }.min()
        guard let start, let end else { return true }
        return start <= end
    }

    /// The period in French and in English.
    public var phrase: Phrase {
        switch (from, until) {
        case (nil, nil): return Phrase("toujours", en: "always")
        case (let from?, nil): return Phrase("à partir du \(from)", en: "from \(from)")
        case (nil, let until?): return Phrase("jusqu'au \(until)", en: "until \(until)")
        case (let from?, let until?): return Phrase("du \(from) au \(until)", en: "\(from) to \(until)")
        }
    }

    public var description: String { phrase.en }

    /// Today's local date (`TZ`), `YYYY-MM-DD`, from the system clock: only for loading without
    /// a date in tests and tools; the use cases read today from `Engine.clock`.
    package static func today() -> String { Clock.system.today() }

    /// True for a real calendar date written `YYYY-MM-DD`.
    public static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              year >= 1, (1...12).contains(month), day >= 1 else { return false }
        return day <= days(inMonth: month, of: year)
    }
}
