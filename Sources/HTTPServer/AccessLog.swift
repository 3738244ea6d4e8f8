/// The access log's line for one request: method, path, status, duration and size, nothing
/// about a person. The path is percent-decoded for routing; in the log, every control
/// character (C0, DEL, C1, line and paragraph separators), space and `%` is written back as
/// `%XX`, so a request can never write a line or a field of its own.
enum AccessLog {
    static func line(method: String, path: String, status: Int, micros: Int, bytes: Int) -> String {
        "\(escaped(method)) \(escaped(path)) \(status) \(micros)µs \(bytes)B"
    }

    /// `text` with the characters that could forge a line or a field percent-encoded.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            for byte in String(scalar).utf8 {
                result += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0x0F, radix: 16, uppercase: true)
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value <= 0x20 || value == 0x25 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
    }
}
