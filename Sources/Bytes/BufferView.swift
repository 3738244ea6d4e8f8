/// Contiguous elements read in place: what the engine's hot loops read instead of a buffer
/// pointer. Lent by `withView` (arrays) or `FrozenArena.freeze` (frozen tables), valid only for
/// as long as its lender says (inside the closure, or while the arena lives); every read is
/// checked against `count` (one compare, no retain), so a wrong index stops the process
/// instead of reading past the elements.
public struct BufferView<Element>: RandomAccessCollection {
    @usableFromInline let start: UnsafePointer<Element>?
    /// How many elements.
    public let count: Int

    /// A view of `buffer`'s elements (the lender keeps them alive).
    @inlinable
    package init(_ buffer: UnsafeBufferPointer<Element>) {
        start = buffer.baseAddress
        count = buffer.count
    }

    /// A view of nothing.
    @inlinable
    public init() {
        start = nil
        count = 0
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }

    /// Element `index`, checked against `count`.
    @inlinable
    public subscript(index: Int) -> Element {
        @inline(__always) get {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "BufferView: index out of range")
            // `count > 0` here, so `start` is not nil.
            return start.unsafelyUnwrapped[index]
        }
    }

    /// The elements in `range`, as a view numbered from zero (checked against `count`).
    @inlinable
    public func rebased(_ range: Range<Int>) -> BufferView<Element> {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "BufferView: range out of range")
        return BufferView(UnsafeBufferPointer(start: start.map { $0 + range.lowerBound }, count: range.count))
    }

    /// The elements in `range` equal `other`'s, element for element.
    @inlinable
    public func elementsEqual(_ range: Range<Int>, _ other: BufferView<Element>) -> Bool where Element: Equatable {
        guard range.count == other.count else { return false }
        let part = rebased(range)
        for i in 0..<part.count where part[i] != other[i] { return false }
        return true
    }

    /// The lent buffer, for the low-level code of this module and the batch modules' system
    /// calls (not the engine's).
    @inlinable
    package var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: start, count: count) }
}

/// Contiguous elements written in place: the writable `BufferView`, lent by
/// `withMutableView`. Every access is checked against `count`.
public struct MutableBufferView<Element>: RandomAccessCollection {
    @usableFromInline let start: UnsafeMutablePointer<Element>?
    /// How many elements.
    public let count: Int

    /// A view of `buffer`'s elements (the lender keeps them alive).
    @inlinable
    package init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        start = buffer.baseAddress
        count = buffer.count
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }

    /// Element `index`, checked against `count`; written in place (the view does not change).
    @inlinable
    public subscript(index: Int) -> Element {
        @inline(__always) get {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "MutableBufferView: index out of range")
            return start.unsafelyUnwrapped[index]
        }
        @inline(__always) nonmutating set {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "MutableBufferView: index out of range")
            start.unsafelyUnwrapped[index] = newValue
        }
    }

    /// Sets every element to `value`.
    @inlinable
    public func update(repeating value: Element) {
        UnsafeMutableBufferPointer(start: start, count: count).update(repeating: value)
    }

    /// The same elements, read-only.
    @inlinable
    public var view: BufferView<Element> { BufferView(UnsafeBufferPointer(start: start, count: count)) }

    /// The elements in `range`, as a view numbered from zero (checked against `count`).
    @inlinable
    public func rebased(_ range: Range<Int>) -> MutableBufferView<Element> {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "MutableBufferView: range out of range")
        return MutableBufferView(UnsafeMutableBufferPointer(start: start.map { $0 + range.lowerBound }, count: range.count))
    }

    /// The lent buffer, for the low-level code of this module and the batch modules.
    @inlinable
    package var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: start, count: count) }
}

extension Array {
    /// Calls `body` with a view of the elements, valid inside the call only.
    @inlinable @inline(__always)
    public func withView<R>(_ body: (BufferView<Element>) throws -> R) rethrows -> R {
        try withUnsafeBufferPointer { try body(BufferView($0)) }
    }

    /// Calls `body` with a writable view of the elements, valid inside the call only.
    @inlinable @inline(__always)
    public mutating func withMutableView<R>(_ body: (MutableBufferView<Element>) throws -> R) rethrows -> R {
        try withUnsafeMutableBufferPointer { try body(MutableBufferView($0)) }
    }
}

extension ArraySlice {
    /// Calls `body` with a view of the slice's elements numbered from zero, valid inside the call only.
    @inlinable @inline(__always)
    public func withView<R>(_ body: (BufferView<Element>) throws -> R) rethrows -> R {
        try withUnsafeBufferPointer { try body(BufferView($0)) }
    }
}

extension StaticString {
    /// Calls `body` with a view of the string's UTF-8 bytes.
    @inlinable
    public func withBytesView<R>(_ body: (BufferView<UInt8>) -> R) -> R {
        withUTF8Buffer { body(BufferView($0)) }
    }
}
