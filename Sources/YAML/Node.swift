/// One node of a parsed YAML document, with the position where it starts.
///
/// Scalars keep their text: typing (numbers, booleans) is left to whoever knows what the
/// value is meant to be, so that `no` or `0755` are never silently reinterpreted.
public struct Node: Sendable {
    /// What the node holds.
    public enum Content: Sendable {
        case scalar(Scalar)
        case mapping([Pair])
        case sequence([Node])
    }

    public var content: Content
    public var mark: Mark
    /// An explicit tag (`!!str`, `!custom`), if the text gave one.
    public var tag: String?

    public init(_ content: Content, mark: Mark, tag: String? = nil) {
        self.content = content
        self.mark = mark
        self.tag = tag
    }

    /// The scalar, if this node is one.
    public var scalar: Scalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// The key/value pairs in document order, if this node is a mapping.
    public var mapping: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The items, if this node is a sequence.
    public var sequence: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// True for `~`, `null`, `Null`, `NULL` and the empty plain scalar.
    public var isNull: Bool {
        guard let scalar, scalar.style == .plain, tag == nil else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.text)
    }

    /// The text of a scalar written without quotes that is not null: what a number or a
    /// boolean must be written as.
    public var plainText: String? {
        guard let scalar, scalar.style == .plain, !isNull else { return nil }
        return scalar.text
    }

    /// A short name of the node's kind, for error messages.
    public var kindName: String {
        switch content {
        case .scalar: return isNull ? "an empty value" : "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// The value for a scalar key, if this node is a mapping that has it.
    public subscript(key: String) -> Node? {
        mapping?.first { $0.key.scalar?.text == key }?.value
    }
}

/// A scalar's text and how it was written.
public struct Scalar: Sendable, Hashable {
    public var text: String
    public var style: ScalarStyle

    public init(text: String, style: ScalarStyle) {
        self.text = text
        self.style = style
    }
}

/// How a scalar was written in the source.
public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded

    /// True for the styles with an opening quote before the text.
    public var isQuoted: Bool { self == .singleQuoted || self == .doubleQuoted }
}

/// One key/value entry of a mapping.
public struct Pair: Sendable {
    public var key: Node
    public var value: Node

    public init(key: Node, value: Node) {
        self.key = key
        self.value = value
    }
}
