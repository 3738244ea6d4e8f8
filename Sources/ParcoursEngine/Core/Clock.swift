import Platform

/// Where "today" comes from: a clock read at each call, turned into the local calendar day of
/// the process's time zone (`TZ`; the deployment files set `Europe/Paris`). A server that runs
/// past midnight answers with the new day's rules without a reload; tests inject a clock.
public struct Clock: Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let now: @Sendable () -> Int

    public init(now: @escaping @Sendable () -> Int) {
        self.now = now
    }

    /// The system's clock.
    public static let system = Clock { SystemClock.now() }

    /// The local calendar day now, `YYYY-MM-DD`.
    public func today() -> String { Clock.day(at: now()) }

    /// The local calendar day at `seconds` since 1970, `YYYY-MM-DD` (the C library's calendar:
    /// Foundation's costs milliseconds to start).
    public static func day(at seconds: Int) -> String { SystemClock.localDay(at: seconds) }
}
