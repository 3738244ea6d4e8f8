/// The language of everything Parcours says to people: French first (its users are French
/// counsellors and policy staff), English on request. Diagnostic codes do not change with it.
public enum Language: String, Sendable, Hashable, CaseIterable {
    case fr, en

    /// The language asked for by a locale environment: English when the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set starts with `en`, French otherwise.
    public static func from(environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("en") ? .en : .fr
        }
        return .fr
    }
}

/// A sentence said in French and in English, chosen when it is printed: a diagnostic is built
/// once, wherever it is found, and read in the language of whoever reads it.
public struct Phrase: Sendable, Hashable, CustomStringConvertible {
    public let fr: String
    public let en: String

    public init(_ fr: String, en: String) {
        self.fr = fr
        self.en = en
    }

    /// A name said the same way in both languages: a YAML key, an id, a field.
    public static func same(_ text: String) -> Phrase { Phrase(text, en: text) }

    /// An id or value in quotes: « x » in French, "x" in English.
    public static func quoted(_ text: String) -> Phrase { Phrase("« \(Limits.quoted(text)) »", en: "\"\(Limits.quoted(text))\"") }

    /// The sentence in `language`.
    public func text(_ language: Language) -> String { language == .fr ? fr : en }

    /// French, the default language.
    public var description: String { fr }
}
