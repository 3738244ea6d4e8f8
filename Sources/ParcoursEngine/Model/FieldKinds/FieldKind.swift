import YAML

/// Everything a field's type decides, in one place: its domain, how a value is read (YAML,
/// JSON, CSV cells; the fast corpus reader's tables derive from `storage`), how it is written
/// (JSON, CSV, words), the operators conditions may use on it and how their values are read,
/// how conditions on it are put in words, its JSON Schema fragment, the page's widget, how a
/// value is drawn, and its canonical form.
///
/// Adding a type is one file holding a type that conforms to this protocol, and one `case` in
/// `FieldType` (the one place that maps a declared type to its kind). Everything else asks the
/// kind. The per-profile loops of batch never call a kind: they run on tables built once from
/// its `storage` at construction.
package protocol FieldKind: Sendable {
    /// The name used in the vocabulary file (`integer`, `ordered`...).
    var keyword: String { get }
    /// The values of an enumeration or set kind (empty otherwise).
    var values: [EnumValue] { get }
    /// The integers a scalar value may take (for a kind holding members: 0 or 1 per element).
    var domain: ClosedRange<Int> { get }
    /// How values sit in a profile slot and in a corpus line; the fast reader's and the
    /// writer's tables are built from it.
    var storage: ValueStorage { get }
    /// The widget the counsellors' page draws for the field (`/api/v1/vocabulary`).
    var widget: FieldWidget { get }
    /// The operators conditions may apply to the field.
    var operators: FieldOperators { get }

    // MARK: Reading

    /// Types one value of a profile (YAML, JSON or a CSV row made into nodes) through the
    /// field's codec; nil with diagnostics in `reader` when it does not fit.
    func read(_ node: Node, of field: Field, codec: FieldCodec, reader: inout NodeReader) -> FieldValue?
    /// A CSV cell (not empty) as the node `read` takes.
    func cell(_ text: String, at mark: Mark) -> Node
    /// A value written in a condition (`age < 26`, `gender = male`), as the integer the test
    /// compares; or what is wrong with it.
    func conditionValue(_ token: ConditionToken, of field: Field) -> Result<Int, FieldProblem>

    // MARK: Writing

    /// A known value as JSON text (`22`, `true`, `"cap"`, `["mobilite","garde"]`); nil when it does not fit.
    func json(_ value: FieldValue) -> String?
    /// A known value as a CSV cell; nil when it does not fit.
    func csv(_ value: FieldValue) -> String?
    /// A known value in words, with the labels (`oui`, `Mobilité, Logement`, `3`); `empty`
    /// for an empty set. nil when it does not fit.
    func text(_ value: FieldValue, language: Language, empty: String?) -> String?

    // MARK: Conditions in words

    /// Conditions one could write on the field (`age >= 16, age between 16 and 17`), for hints.
    func examples(_ name: String) -> String
    /// The allowed values of a test on the field's value as rule text (`age in 18 to 25`);
    /// nil when the kind has no scalar value.
    func ruleText(_ name: String, allowed: ValueSet) -> String?
    /// One value as rule text (`gender = male`), for an example profile; nil when none.
    func example(_ name: String, value: Int) -> String?
    /// A test on the field's value in French, with its label (`Âge entre 18 et 25`).
    func french(_ label: String, allowed: ValueSet) -> String

    // MARK: Contracts and documentation

    /// The JSON Schema of the field's value in a profile (null allowed: unknown); `extraMembers`
    /// are ids accepted besides the values in a list of members (`this` in a case).
    func schema(_ description: String, extraMembers: [String]) -> JSONValue
    /// The bounds `/api/v1/vocabulary` gives besides the values (`min`, `max`).
    var bounds: [(String, JSONValue)] { get }
    /// The domain in a French sentence for the documentation site; nil when the values say it.
    var frenchDomain: String? { get }
    /// The lines the canonical form adds under the field (`range 16 70`), without indentation.
    var canonicalDetails: [String] { get }
}

/// The operators a condition may apply to a field.
package struct FieldOperators: OptionSet, Sendable {
    package let rawValue: Int
    package init(rawValue: Int) { self.rawValue = rawValue }

    /// The bare name (`driving_licence`) and `not name`.
    package static let bare = FieldOperators(rawValue: 1)
    /// `=`, `!=`, `in`, `not in`, `is`, `is not`: one value.
    package static let equality = FieldOperators(rawValue: 2)
    /// `<`, `<=`, `>`, `>=`, `between`: an ordered value.
    package static let order = FieldOperators(rawValue: 4)
    /// `includes`, `excludes` (`any`, `all`): members.
    package static let membership = FieldOperators(rawValue: 8)
}

/// How the counsellors' page asks for a field's value; `/api/v1/vocabulary` gives it per field
/// and the page draws it from one table.
package enum FieldWidget: String, Sendable, CaseIterable {
    /// A whole number between bounds.
    case number
    /// Oui / non.
    case yesNo = "yes-no"
    /// One value among several.
    case choice
    /// Any number of values among several.
    case multiChoice = "multi-choice"
}

/// A value token of a condition, as the condition parser cut it.
package struct ConditionToken: Sendable {
    /// What the token is.
    package enum Kind: Sendable, Equatable { case number(Int), word(String), symbol(String) }
    package let kind: Kind
    /// The token as written.
    package let text: String

    package init(_ kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}

/// What is wrong with a value read for a field: a diagnostic without its place.
package struct FieldProblem: Sendable, Error {
    package let code: DiagnosticCode
    package let message: Phrase
    package let hint: Phrase?

    package init(_ code: DiagnosticCode, _ message: Phrase, hint: Phrase? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    /// A value of the wrong type (`expected a whole number for age, found "x"`).
    static func typeMismatch(_ expected: Phrase, field: String, found: String, hint: Phrase? = nil) -> FieldProblem {
        FieldProblem(.typeMismatch, Phrase("\(expected.fr) attendu pour \(field), trouvé : « \(found) »", en: "expected \(expected.en) for \(field), found \"\(found)\""), hint: hint)
    }

    /// An id the field does not have, with the ids it has and the nearest one.
    static func unknownValue(_ id: String, of field: Field) -> FieldProblem {
        let ids = field.values.map(\.id)
        return FieldProblem(.unknownValue, Phrase("valeur inconnue « \(id) » pour \(field.name) (valeurs possibles : \(ids.joined(separator: ", ")))",
                                                  en: "unknown value \"\(id)\" for \(field.name) (expected one of: \(ids.joined(separator: ", ")))"),
                            hint: Spelling.hint(for: id, in: ids, labels: field.values.map { ($0.label, $0.id) }))
    }
}

extension FieldKind {
    /// Whether values are sets of members (merged, never in conflict; a bit per element).
    package var holdsMembers: Bool {
        if case .members = storage { return true }
        return false
    }

    /// A CSV cell as one plain scalar: what every kind but a set reads.
    package func cell(_ text: String, at mark: Mark) -> Node {
        Node(.scalar(Scalar(text: text, style: .plain)), mark: mark)
    }

    package func json(_ value: FieldValue) -> String? { storage.json(value) }
    package func csv(_ value: FieldValue) -> String? { storage.csv(value) }
    package var bounds: [(String, JSONValue)] { [] }
    package var frenchDomain: String? { nil }
    package var canonicalDetails: [String] { [] }

    /// The value in `slot` (as `CompiledProfile` keeps it; not unknown) as a field value.
    package func value(slot: Int64) -> FieldValue {
        holdsMembers ? .set(UInt64(bitPattern: slot)) : .scalar(Int(slot))
    }

    /// A value drawn among `allowed` (`allowed(key)` nil: any), into a slot: for finding a
    /// profile that meets a condition.
    package func draw(field: Int, allowed: (ValueKey) -> ValueSet?, random: inout RandomSource) -> Int64 {
        if case .members(let ids) = storage {
            var mask: UInt64 = 0
            for element in ids.indices {
                let chosen = allowed(ValueKey(field: field, element: element)) ?? ValueSet([0...1])
                if Self.pick(chosen, &random) == 1 { mask |= 1 << UInt64(element) }
            }
            return Int64(bitPattern: mask)
        }
        return Int64(Self.pick(allowed(ValueKey(field: field)) ?? ValueSet([domain]), &random))
    }

    private static func pick(_ allowed: ValueSet, _ random: inout RandomSource) -> Int {
        guard !allowed.ranges.isEmpty else { return 0 }
        let range = allowed.ranges[random.int(in: 0...(allowed.ranges.count - 1))]
        return random.int(in: range)
    }
}
