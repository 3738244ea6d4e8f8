/// A profile as one integer slot per vocabulary field, the form compiled conditions read.
package struct CompiledProfile: Sendable, Equatable {
    /// The slot value of an unknown field.
    package static let unknown = Int64.min
    package var values: [Int64]

    package init(fieldCount: Int) {
        values = Array(repeating: Self.unknown, count: fieldCount)
    }

    /// The slots of `profile` (vocabulary defaults included) for `fieldCount` fields.
    package init(_ profile: Profile, vocabulary: Vocabulary) {
        self.init(fieldCount: vocabulary.fields.count)
        for (field, value) in profile.withDefaults(from: vocabulary).values where field < values.count {
            switch value {
            case .scalar(let number): values[field] = Int64(number)
            case .set(let mask): values[field] = Int64(bitPattern: mask)
            }
        }
    }
}

extension Profile {
    /// A profile from compiled slots (`CompiledProfile.unknown` for an unknown field).
    package init(slots: [Int64], vocabulary: Vocabulary) {
        var values: [Int: FieldValue] = [:]
        for field in vocabulary.fields where field.index < slots.count && slots[field.index] != CompiledProfile.unknown {
            values[field.index] = field.kind.value(slot: slots[field.index])
        }
        self.init(values: values)
    }
}
