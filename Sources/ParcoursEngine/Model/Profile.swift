/// A diagnosed person's answers, typed against the vocabulary. Absent fields are unknown.
public struct Profile: Sendable, Equatable {
    /// Field index to value; a field not present is unknown.
    public private(set) var values: [Int: FieldValue]

    public init(values: [Int: FieldValue] = [:]) {
        self.values = values
    }

    public subscript(field: Int) -> FieldValue? {
        get { values[field] }
        set { values[field] = newValue }
    }

    /// This profile with the vocabulary's defaults for the fields it does not give.
    public func withDefaults(from vocabulary: Vocabulary) -> Profile {
        var result = self
        for field in vocabulary.fields where result.values[field.index] == nil {
            if let value = field.defaultValue { result.values[field.index] = value }
        }
        return result
    }

    /// The integer a test reads for `key`, or nil when unknown.
    public func value(for key: ValueKey) -> Int? {
        FieldValue.read(values[key.field], key)
    }

    /// The same profile, one slot per field of `vocabulary`: read without hashing.
    package func dense(_ vocabulary: Vocabulary) -> DenseProfile {
        var slots = [FieldValue?](repeating: nil, count: vocabulary.fields.count)
        for (field, value) in values where field >= 0 && field < slots.count { slots[field] = value }
        return DenseProfile(slots: slots)
    }
}

/// What a condition reads from a profile: the integer a test sees for a key, nil when unknown.
package protocol ProfileReading {
    func value(for key: ValueKey) -> Int?
}

extension Profile: ProfileReading {}

/// A profile as one optional value per field (what evaluation reads many times over).
package struct DenseProfile: ProfileReading, Sendable {
    let slots: [FieldValue?]

    @inline(__always)
    package func value(for key: ValueKey) -> Int? {
        key.field >= 0 && key.field < slots.count ? FieldValue.read(slots[key.field], key) : nil
    }
}

/// A known field value: an integer (booleans 0/1, enumerations by position) or a set as a bit mask.
public enum FieldValue: Sendable, Equatable {
    case scalar(Int)
    case set(UInt64)

    /// The integer a test on `key` reads from `value`: the scalar itself, or a set element's
    /// membership (0 or 1); nil when unknown or when the key does not fit the value.
    @inline(__always)
    static func read(_ value: FieldValue?, _ key: ValueKey) -> Int? {
        switch value {
        case nil: return nil
        case .scalar(let number): return key.element == nil ? number : nil
        case .set(let mask):
            guard let element = key.element, element >= 0, element < 64 else { return nil }
            return mask & (1 << UInt64(element)) != 0 ? 1 : 0
        }
    }
}
