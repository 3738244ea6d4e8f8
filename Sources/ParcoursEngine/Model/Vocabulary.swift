/// The fields a profile may hold, with their types, French labels and the counsellor's questions.
public struct Vocabulary: Sendable {
    public let fields: [Field]
    /// How each field's values are read and written, by field index.
    package let codecs: [FieldCodec]
    /// By field index: when the field's question makes sense (`ask_when`); nil: always. A
    /// question is asked only when its condition holds, so that a dependent question waits for
    /// its parent (`months_to_release` for a person in detention) and an implausible one is
    /// not asked (RSA at 15).
    public internal(set) var askWhen: [Condition?]
    private let indexByName: [String: Int]
    /// The labels as ids would spell them, for suggestions (folded once).
    private let foldedLabels: [String]
    /// Suggestions already made, shared by every copy and thread (a corpus repeats its mistakes).
    private let hints = SpellingMemo()

    public init(fields: [Field]) {
        self.fields = fields
        self.askWhen = Array(repeating: nil, count: fields.count)
        self.codecs = fields.map(FieldCodec.init)
        var index: [String: Int] = [:]
        for (position, field) in fields.enumerated() { index[field.name] = position }
        self.indexByName = index
        self.foldedLabels = fields.map { Spelling.fold($0.label) }
    }

    public func field(named name: String) -> Field? {
        indexByName[name].map { fields[$0] }
    }

    public var names: [String] { fields.map(\.name) }

    /// "Did you mean" for an unknown field name, among the names and the French labels.
    /// Computed once per distinct name (up to `SpellingMemo.capacity` names).
    public func suggestion(for name: String) -> Phrase? {
        hints.hint(for: name) { Spelling.hint(for: name, in: names, labels: fields.map { ($0.label, $0.name) }, folded: foldedLabels) }
    }
}

/// One profile field: its name, type, French label and the question that fills it.
public struct Field: Sendable {
    public let index: Int
    public let name: String
    public let type: FieldType
    /// What the type decides (reading, writing, operators, schema...), made once from `type`.
    package let kind: any FieldKind
    public let label: String
    public let question: String
    public let location: SourceLocation
    /// The value assumed when a profile does not give one (`default:` in the vocabulary).
    public let defaultValue: FieldValue?
    /// Where the field sits in a diagnosis, for forms (`group:` in the vocabulary).
    public let group: FieldGroup
    /// The emergency its question screens for (`screens:`): asked first while unanswered.
    public var screens: Urgency? = nil

    public init(index: Int, name: String, type: FieldType, label: String, question: String, location: SourceLocation,
                defaultValue: FieldValue? = nil, group: FieldGroup = .situation) {
        self.init(index: index, name: name, type: type, kind: type.kind, label: label, question: question, location: location,
                  defaultValue: defaultValue, group: group)
    }

    /// A field of a kind made in code, that `FieldType` does not declare (yet): everything is
    /// decided by `kind`; `type` is the declared type that stores values the same way.
    package init(index: Int, name: String, kind: any FieldKind, label: String, question: String, location: SourceLocation,
                 defaultValue: FieldValue? = nil, group: FieldGroup = .situation) {
        let type: FieldType
        switch kind.storage {
        case .number(let min, let max): type = .integer(min: Int(min), max: Int(max))
        case .flag: type = .boolean
        case .choice: type = .enumeration(kind.values, ordered: kind.operators.contains(.order))
        case .members: type = .set(kind.values)
        }
        self.init(index: index, name: name, type: type, kind: kind, label: label, question: question, location: location,
                  defaultValue: defaultValue, group: group)
    }

    private init(index: Int, name: String, type: FieldType, kind: any FieldKind, label: String, question: String, location: SourceLocation,
                 defaultValue: FieldValue?, group: FieldGroup) {
        self.group = group
        self.index = index
        self.name = name
        self.type = type
        self.kind = kind
        self.label = label
        self.question = question
        self.location = location
        self.defaultValue = defaultValue
    }

    /// The integers a scalar value of this field may take (for a set field: 0 or 1 per element).
    public var domain: ClosedRange<Int> { kind.domain }

    /// The values of an enumeration or set field (empty for integers and booleans).
    public var values: [EnumValue] { kind.values }

    public func valueIndex(of id: String) -> Int? {
        values.firstIndex { $0.id == id }
    }
}

/// The parts of a diagnosis, in the order a counsellor runs it; forms group fields by them.
public enum FieldGroup: String, Sendable, CaseIterable {
    case situation, freins, autonomie, projet, dispositifs

    /// The French heading.
    public var label: String {
        switch self {
        case .situation: return "Situation"
        case .freins: return "Freins à l'emploi"
        case .autonomie: return "Autonomie"
        case .projet: return "Projet"
        case .dispositifs: return "Dispositifs"
        }
    }
}

/// What kind of value a field holds, as the vocabulary declares it. `kind` is the one place
/// that maps a declared type to what it decides; a new type is a case here and a `FieldKind`.
public enum FieldType: Sendable {
    case integer(min: Int, max: Int)
    case boolean
    /// One value among several; `ordered` ones can be compared with `<`, `<=`, `between`.
    case enumeration([EnumValue], ordered: Bool)
    /// Any number of values among several (e.g. the barriers to work).
    case set([EnumValue])
    /// A French département by its INSEE code (« 2A », « 91 », « 974 »).
    case department

    /// What the type decides: its kind (one case each).
    package var kind: any FieldKind {
        switch self {
        case .integer(let min, let max): return IntegerKind(min: min, max: max)
        case .boolean: return BooleanKind()
        case .enumeration(let values, let ordered): return EnumerationKind(values: values, ordered: ordered)
        case .set(let values): return SetKind(values: values)
        case .department: return DepartmentKind()
        }
    }

    /// The name used in the vocabulary file.
    public var keyword: String { kind.keyword }

    /// The names a vocabulary file may give as a type, in the order they are listed to authors.
    package static let keywords = ["integer", "boolean", "enum", "ordered", "set", "department"]
}

/// One allowed value of an enumeration or set field, with its French label and, for
/// barriers, the field's own taxonomy codes it corresponds to.
public struct EnumValue: Sendable {
    public let id: String
    public let label: String
    public let links: TaxonomyLinks

    public init(id: String, label: String, links: TaxonomyLinks = TaxonomyLinks()) {
        self.id = id
        self.label = label
        self.links = links
    }
}

/// Codes of the field's taxonomies that a value corresponds to.
public struct TaxonomyLinks: Sendable, Hashable {
    /// data·inclusion category (e.g. `mobilite`).
    public var dataInclusion: String?
    /// France Travail "contrainte personnelle" code (e.g. `23`), nil when none exists.
    public var franceTravail: String?
    /// Carnet de bord theme (e.g. `mobilite`).
    public var carnetDeBord: String?

    public init(dataInclusion: String? = nil, franceTravail: String? = nil, carnetDeBord: String? = nil) {
        self.dataInclusion = dataInclusion
        self.franceTravail = franceTravail
        self.carnetDeBord = carnetDeBord
    }
}
