/// How one field's values are read and written: the one home of which text is which value.
///
/// The precise profile reader (YAML, JSON, CSV cells) and the fast corpus reader both decode
/// through it, so they accept the same values and give them the same meaning; the corpus
/// writer (`sample`) renders through it. Built from the field's kind (`FieldKind.storage`):
/// a new field type picks one of these shapes, it adds none.
package struct FieldCodec: Sendable {
    /// A value shape (`ValueStorage`), with the lookups decoding it needs.
    package enum Kind: Sendable {
        case integer(min: Int64, max: Int64)
        case boolean
        /// Value id to position.
        case enumeration([String: Int64])
        /// Value id to bit.
        case set([String: Int])
    }

    package let index: Int
    package let name: String
    package let kind: Kind
    /// The field's kind: what renders its values.
    package let fieldKind: any FieldKind
    /// Value ids by position (enumerations and sets), for rendering.
    let ids: [String]

    init(_ field: Field) {
        index = field.index
        name = field.name
        fieldKind = field.kind
        ids = field.kind.storage.ids
        switch field.kind.storage {
        case .number(let min, let max): kind = .integer(min: min, max: max)
        case .flag: kind = .boolean
        case .choice(let ids):
            var map: [String: Int64] = [:]
            for (index, id) in ids.enumerated() where map[id] == nil { map[id] = Int64(index) }
            kind = .enumeration(map)
        case .members(let ids):
            var map: [String: Int] = [:]
            for (index, id) in ids.enumerated() where map[id] == nil { map[id] = index }
            kind = .set(map)
        }
    }

    /// The longest whole number read: 18 digits (what an `Int64` holds with room to spare).
    package static let maxDigits = 18

    /// A whole number as profiles write it: an optional `-`, then 1 to 18 decimal digits.
    /// Nothing else (`+1`, `-`, `1.0`, `1e3`, spaces) is a whole number here: this is the fast
    /// path's test (a line it refuses goes to the precise reader, which reads `wholeNumber`).
    @inline(__always)
    package static func integer<C: Collection>(_ bytes: C) -> Int64? where C.Element == UInt8 {
        var value: Int64 = 0
        var negative = false
        var digits = 0
        var first = true
        for byte in bytes {
            if first && byte == 0x2D { negative = true; first = false; continue }
            first = false
            guard byte >= 0x30, byte <= 0x39, digits < maxDigits else { return nil }
            value = value * 10 + Int64(byte - 0x30)
            digits += 1
        }
        guard digits > 0 else { return nil }
        return negative ? -value : value
    }

    /// A whole number as the precise readers accept it: `integer`, or digits followed by a zero
    /// fraction (`22.0`, `2.00`), since JSON does not tell `22` and `22.0` apart. `2.5`, `22.`
    /// and `.0` are not whole numbers.
    package static func wholeNumber<C: Collection>(_ bytes: C) -> Int64? where C.Element == UInt8 {
        if let value = integer(bytes) { return value }
        guard let dot = bytes.firstIndex(of: 0x2E) else { return nil }
        let fraction = bytes[bytes.index(after: dot)...]
        guard !fraction.isEmpty, fraction.allSatisfy({ $0 == 0x30 }) else { return nil }
        return integer(bytes[..<dot])
    }

    /// How a boolean is written: these two words, nothing else.
    package static let trueText: StaticString = "true", falseText: StaticString = "false"

    /// `true` or `false`, nothing else (`yes`, `no`, `on`, `1` are refused, not guessed).
    @inline(__always)
    package static func boolean<C: Collection>(_ bytes: C) -> Bool? where C.Element == UInt8 {
        @inline(__always) func equals(_ word: StaticString) -> Bool {
            guard bytes.count == word.utf8CodeUnitCount else { return false }
            var index = 0
            for byte in bytes {
                if byte != word.utf8Start[index] { return false }
                index += 1
            }
            return true
        }
        if equals(trueText) { return true }
        if equals(falseText) { return false }
        return nil
    }

    /// Whether `value` is within an integer field's bounds (always true for other kinds).
    package func inRange(_ value: Int64) -> Bool {
        guard case .integer(let min, let max) = kind else { return true }
        return value >= min && value <= max
    }

    /// The position of an enumeration value, or the bit of a set value, named `id`.
    package func member(_ id: String) -> Int? {
        switch kind {
        case .enumeration(let map): return map[id].map(Int.init)
        case .set(let map): return map[id]
        case .integer, .boolean: return nil
        }
    }

    /// A known value as JSON text (`22`, `true`, `"cap"`, `["mobilite","garde"]`); nil when the
    /// value does not fit the field.
    package func json(_ value: FieldValue) -> String? { fieldKind.json(value) }

    /// A known value as a CSV cell (`22`, `true`, `cap`, `mobilite|garde`, `[]` for the empty
    /// set): what the CSV reader reads back to the same value. nil when it does not fit.
    package func csv(_ value: FieldValue) -> String? { fieldKind.csv(value) }
}

extension Vocabulary {
    /// The header of a CSV corpus: every field, in vocabulary order.
    public var csvHeader: String { codecs.map(\.name).joined(separator: ",") }
}
