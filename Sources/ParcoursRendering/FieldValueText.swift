import ParcoursEngine

/// A profile value in words, with the vocabulary's labels (`oui`, `Mobilité, Logement`, `3`).
package enum FieldValueText {
    /// nil when the value does not fit the field; `empty` for an empty set.
    package static func text(_ value: FieldValue, of field: Field, language: Language = .fr, empty: String? = nil) -> String? {
        field.kind.text(value, language: language, empty: empty)
    }
}
