import Testing

/// The bytes of one request exactly as a client sends them. The test's output shows them on one
/// line: line breaks and control characters escaped, a long run of one character as `a×17000`,
/// and anything still long cut with its length, so that no request floods the log.
struct RawRequest: Sendable, CustomTestStringConvertible {
    let text: String

    init(_ text: String) { self.text = text }

    /// Runs of at least this many times the same character are written `c×count`.
    static let shortestRun = 32
    /// Labels longer than this are cut.
    static let longestLabel = 160

    var testDescription: String {
        var label = ""
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            var end = index + 1
            while end < scalars.count && scalars[end] == scalar { end += 1 }
            if end - index >= Self.shortestRun {
                label += Self.escaped(scalar) + "×\(end - index)"
                index = end
            } else {
                label += Self.escaped(scalar)
                index += 1
            }
        }
        guard label.count > Self.longestLabel else { return label }
        return String(label.prefix(Self.longestLabel)) + "… (\(text.utf8.count) bytes)"
    }

    static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\r": return "\\r"
        case "\n": return "\\n"
        case "\\": return "\\\\"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F { return "\\u{" + String(scalar.value, radix: 16) + "}" }
            return String(scalar)
        }
    }
}
