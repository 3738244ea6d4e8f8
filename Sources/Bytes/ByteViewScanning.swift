extension BufferView where Element == UInt8 {
    /// The eight bytes from `index`, the first as the lowest (on any byte order): one load,
    /// checked to lie within the view.
    @inlinable @inline(__always)
    public func word(at index: Int) -> UInt64 {
        precondition(index >= 0 && index <= count &- 8, "BufferView: word out of range")
        return UInt64(littleEndian: UnsafeRawPointer(start.unsafelyUnwrapped + index).loadUnaligned(as: UInt64.self))
    }
}

/// `ByteKeyTable`'s scans over checked views: each checks its range against the view, then
/// runs the word-at-a-time scan.
extension ByteKeyTable {
    /// `hash(_:from:count:group:)` over a view (the range checked).
    @inlinable @inline(__always)
    package static func hash(_ text: BufferView<UInt8>, from: Int, count: Int, group: Int) -> (head: UInt64, tail: UInt64, hash: UInt64) {
        precondition(from >= 0 && count >= 0 && from <= text.count &- count, "ByteKeyTable: key out of range")
        return hash(text.buffer, from: from, count: count, group: group)
    }

    /// The value of the key `text[from..<from + count]` in `group`, or nil (the range checked).
    @inlinable @inline(__always)
    package func value(in text: BufferView<UInt8>, from: Int, count: Int, group: Int) -> Int? {
        precondition(from >= 0 && count >= 0 && from <= text.count &- count, "ByteKeyTable: key out of range")
        return value(in: text.buffer, from: from, count: count, group: group)
    }

    /// `value(in:from:count:group:)` for a key whose first and last words (`hash`'s) the
    /// caller already holds (the range checked).
    @inlinable @inline(__always)
    package func value(in text: BufferView<UInt8>, from: Int, count: Int, group: Int, head: UInt64, tail: UInt64) -> Int? {
        precondition(from >= 0 && count >= 0 && from <= text.count &- count, "ByteKeyTable: key out of range")
        return value(in: text.buffer, from: from, count: count, group: group, head: head, tail: tail)
    }

    /// Whether `count` bytes of `a` from `i` and of `b` from `j` are the same (both ranges checked).
    @inlinable @inline(__always)
    package static func equal(_ a: BufferView<UInt8>, _ i: Int, _ b: BufferView<UInt8>, _ j: Int, count: Int) -> Bool {
        precondition(count >= 0 && i >= 0 && j >= 0 && i <= a.count &- count && j <= b.count &- count, "ByteKeyTable: bytes out of range")
        return equal(a.buffer, i, b.buffer, j, count: count)
    }

    /// The position of the first quote or backslash in `bytes[from...]`, or `bytes.count`.
    @inlinable @inline(__always)
    package static func quoteOrEscape(_ bytes: BufferView<UInt8>, from: Int) -> Int {
        first(of: 0x22, or: 0x5C, in: bytes, from: from)
    }

    /// The position of the first `a` or `b` in `bytes[from...]`, or `bytes.count`.
    @inlinable @inline(__always)
    package static func first(of a: UInt8, or b: UInt8, in bytes: BufferView<UInt8>, from: Int) -> Int {
        precondition(from >= 0, "ByteKeyTable: negative start")
        return first(of: a, or: b, in: bytes.buffer, from: from)
    }
}
