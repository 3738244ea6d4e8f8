/// JSON writes a character outside the Basic Multilingual Plane as an escaped surrogate pair
/// (`"\uD83D\uDE00"`); YAML writes it `"\U0001F600"`, and libyaml refuses the pair. In a JSON
/// document (its first non-blank byte is `{` or `[`), each escaped pair inside a string is
/// rewritten to YAML's form before parsing, so that JSON read through this module means what
/// JSON means. A lone surrogate is left as written (libyaml then refuses it, as JSON must).
/// The rewrite is two bytes shorter per pair: a problem reported later on the same line has its
/// column two further left per pair before it.
enum JSONSurrogates {
    static func rewritten(_ bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }), first == 0x7B || first == 0x5B,
              bytes.contains(0x5C) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if !inString {
                if byte == 0x22 { inString = true }
                out.append(byte)
                index += 1
                continue
            }
            if byte == 0x22 { inString = false; out.append(byte); index += 1; continue }
            guard byte == 0x5C, index + 1 < bytes.count else { out.append(byte); index += 1; continue }
            if bytes[index + 1] == 0x75, let high = hex(bytes, at: index + 2), (0xD800...0xDBFF).contains(high),
               index + 11 < bytes.count, bytes[index + 6] == 0x5C, bytes[index + 7] == 0x75,
               let low = hex(bytes, at: index + 8), (0xDC00...0xDFFF).contains(low) {
                let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                out += [0x5C, 0x55] + Array(String(scalar, radix: 16, uppercase: true).leftPadded(to: 8).utf8)
                index += 12
                continue
            }
            // Any other escape is copied as it is (its second byte cannot end the string).
            out += [byte, bytes[index + 1]]
            index += 2
        }
        return out
    }

    /// The four hexadecimal digits at `start`, or nil.
    private static func hex(_ bytes: [UInt8], at start: Int) -> Int? {
        guard start + 4 <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<start + 4] {
            switch byte {
            case 0x30...0x39: value = value * 16 + Int(byte - 0x30)
            case 0x41...0x46: value = value * 16 + Int(byte - 0x41 + 10)
            case 0x61...0x66: value = value * 16 + Int(byte - 0x61 + 10)
            default: return nil
            }
        }
        return value
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
