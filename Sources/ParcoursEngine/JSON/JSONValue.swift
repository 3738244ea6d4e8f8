/// A JSON value whose objects keep their keys in the order given, so output is byte-stable.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.rendered() == rhs.rendered()
    }

    /// Pretty-printed with two-space indentation, ending without a newline.
    public func rendered() -> String {
        String(decoding: bytes(), as: UTF8.self)
    }

    /// The pretty-printed UTF-8 bytes, written by the one pretty printer, `JSONBytes`.
    public func bytes() -> [UInt8] {
        var sink = JSONBytes()
        sink.value(self)
        return sink.bytes
    }

    /// `text` as a JSON string literal, quotes included.
    public static func quote(_ text: String) -> String {
        var result: [UInt8] = []
        quote(text, into: &result)
        return String(decoding: result, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal to `result`: quotes, backslashes and control
    /// characters escaped, everything else (UTF-8) as is.
    public static func quote(_ text: String, into result: inout [UInt8]) {
        result.append(0x22)
        var text = text
        text.withUTF8 { bytes in
            // Most text needs no escape: one scan, one copy.
            guard bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
                result.append(contentsOf: bytes)
                return
            }
            var start = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                // Runs of plain bytes are copied whole; only the escapes go one by one.
                result.append(contentsOf: bytes[start..<index])
                start = index + 1
                switch byte {
                case 0x22: result += [0x5C, 0x22]
                case 0x5C: result += [0x5C, 0x5C]
                case 0x0A: result += [0x5C, 0x6E]
                case 0x0D: result += [0x5C, 0x72]
                case 0x09: result += [0x5C, 0x74]
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    result += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                }
            }
            result.append(contentsOf: bytes[start..<bytes.count])
        }
        result.append(0x22)
    }
}

extension JSONValue: Encodable {
    /// Encodes through any `Encoder`; object keys are emitted in their order here, though an
    /// encoder may reorder them (`rendered()` is the byte-stable form).
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .int(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        case .object(let pairs):
            var container = encoder.container(keyedBy: Key.self)
            for (key, value) in pairs { try container.encode(value, forKey: Key(stringValue: key)) }
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
