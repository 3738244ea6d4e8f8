/// French typography for what people read: dates (« 6 décembre 2026 »), counts with their
/// plural (« 1 réponse », « 0 réponse »). The one place these are written.
public enum FrenchText {
    private static let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]

    /// `2026-12-06` → `6 décembre 2026` (`1er` for the first of the month); anything else unchanged.
    public static func date(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return iso }
        return "\(day == 1 ? "1er" : String(day))\u{00A0}\(months[month - 1])\u{00A0}\(year)"
    }

    /// `count` followed by the noun, singular for 0 and 1 as French writes it.
    public static func count(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count)\u{00A0}\(count <= 1 ? singular : plural ?? singular + "s")"
    }
}
