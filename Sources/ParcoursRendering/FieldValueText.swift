import ParcoursEngine

/// A profile value in words, with the vocabulary's labels (`oui`, `Mobilité, Logement`, `3`).
package enum FieldValueText {
    /// nil when the value does not fit the field; `empty` for an empty set.
    package static func text(_ value: FieldValue, of field: Field, language: Language = .fr, empty: String? = nil) -> String? {
        let fr = language == .fr
        switch (field.type, value) {
        case (.boolean, .scalar(let flag)): return flag == 1 ? (fr ? "oui" : "yes") : (fr ? "non" : "no")
        case (.set, .set(let mask)):
            let members = field.values.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { field.values[$0].label }
            return members.isEmpty ? (empty ?? (fr ? "aucun" : "none")) : members.joined(separator: ", ")
        case (.integer, .scalar(let number)): return String(number)
        case (_, .scalar(let position)) where position >= 0 && position < field.values.count: return field.values[position].label
        default: return nil
        }
    }
}
