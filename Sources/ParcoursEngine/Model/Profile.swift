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
        switch values[key.field] {
        case nil: return nil
        case .scalar(let value): return key.element == nil ? value : nil
        case .set(let mask):
            guard let element = key.element else { return nil }
            return mask & (1 << UInt64(element)) != 0 ? 1 : 0
        }
    }
}

/// A known field value: an integer (booleans 0/1, enumerations by position) or a set as a bit mask.
public enum FieldValue: Sendable, Equatable {
    case scalar(Int)
    case set(UInt64)
}
