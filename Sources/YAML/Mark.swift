/// A position in a YAML text: 1-based line and column (columns count Unicode code points).
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: Mark, rhs: Mark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }

    /// The mark `offset` code points further on the same line.
    public func advanced(by offset: Int) -> Mark {
        Mark(line: line, column: column + offset)
    }
}
