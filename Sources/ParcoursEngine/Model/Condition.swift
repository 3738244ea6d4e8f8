/// A rule's condition: comparisons on profile fields combined with all / any / not.
public indirect enum Condition: Sendable {
    /// Holds for every profile (a rule without `when`).
    case always
    case all([Condition])
    case any([Condition])
    case not(Condition)
    /// One comparison as written (`age between 18 and 25`), with what it means.
    case comparison(Comparison)
    /// A named derived fact (`jeune`), defined once in a `facts` section.
    case fact(name: String, location: SourceLocation)
    /// The elementary test a comparison expands to: the value of `key` lies in `allowed`.
    case test(Test)
    /// A condition in force only during a period (e.g. a yearly threshold). Loading resolves it
    /// for the evaluation date: in force, it is its condition; otherwise it is left out.
    case dated(Condition, Validity)
}

/// A comparison as the author wrote it, and the tests it stands for.
public struct Comparison: Sendable {
    public let text: String
    public let location: SourceLocation
    /// The comparison's meaning, made only of `.test`, `.all`, `.any` and `.not`.
    public let meaning: Condition

    public init(text: String, location: SourceLocation, meaning: Condition) {
        self.text = text
        self.location = location
        self.meaning = meaning
    }
}

/// "The value of this field (or set element) lies in this set".
public struct Test: Sendable, Hashable {
    public let key: ValueKey
    public let allowed: ValueSet

    public init(key: ValueKey, allowed: ValueSet) {
        self.key = key
        self.allowed = allowed
    }
}

/// What a test reads: a scalar field, or one element's membership (0/1) of a set field.
public struct ValueKey: Sendable, Hashable, Comparable {
    public let field: Int
    public let element: Int?

    public init(field: Int, element: Int? = nil) {
        self.field = field
        self.element = element
    }

    public static func < (lhs: ValueKey, rhs: ValueKey) -> Bool {
        (lhs.field, lhs.element ?? -1) < (rhs.field, rhs.element ?? -1)
    }
}

extension Condition {
    /// The names of the facts this condition refers to, in order of appearance.
    public var factReferences: [(name: String, location: SourceLocation)] {
        switch self {
        case .always, .test: return []
        case .all(let items), .any(let items): return items.flatMap(\.factReferences)
        case .not(let inner): return inner.factReferences
        case .comparison(let comparison): return comparison.meaning.factReferences
        case .fact(let name, let location): return [(name, location)]
        case .dated(let inner, _): return inner.factReferences
        }
    }

    /// The condition as in force on `date`: dated parts out of force are left out of their
    /// `all` or `any` (an `all` left empty always holds, an `any` left empty never does).
    public func resolved(on date: String) -> Condition {
        switch self {
        case .always, .test, .fact: return self
        case .comparison(let comparison):
            return .comparison(Comparison(text: comparison.text, location: comparison.location, meaning: comparison.meaning.resolved(on: date)))
        case .not(let inner): return .not(inner.resolved(on: date))
        case .dated(let inner, let validity): return validity.contains(date) ? inner.resolved(on: date) : .always
        case .all(let items): return .all(Self.inForce(items, on: date))
        case .any(let items): return .any(Self.inForce(items, on: date))
        }
    }

    private static func inForce(_ items: [Condition], on date: String) -> [Condition] {
        items.compactMap { item in
            if case .dated(let inner, let validity) = item { return validity.contains(date) ? inner.resolved(on: date) : nil }
            return item.resolved(on: date)
        }
    }
}
