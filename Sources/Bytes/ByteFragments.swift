/// Rendered byte strings kept one after the other in one array: appending one is one copy,
/// with no array per fragment to retain. `ByteBuffer.slack` zero bytes follow the last, so
/// that that many bytes from any fragment's start can be loaded whole.
package struct ByteFragments: Sendable {
    private let bytes: [UInt8]
    private let starts: [Int]

    package init(_ items: [[UInt8]]) {
        var bytes: [UInt8] = []
        var starts = [0]
        for item in items {
            bytes += item
            starts.append(bytes.count)
        }
        self.bytes = bytes + Array(repeating: 0, count: ByteBuffer.slack)
        self.starts = starts
    }

    /// How many fragments.
    package var count: Int { starts.count - 1 }

    /// The fragments' bytes and starts, for writing many of them through a `ByteCursor`.
    @inline(__always)
    package func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>) -> R) -> R {
        bytes.withUnsafeBufferPointer { bytes in starts.withUnsafeBufferPointer { starts in body(bytes, starts) } }
    }
}

/// Writes bytes and fragments at a pointer into room the caller made (its size is the caller's
/// bound on what is written). Inlinable: the batch formatter, in another module, writes every
/// result line through it. Public rather than `package` for that reason only: declared
/// `package`, it was not inlined into the formatter by this toolchain, `@inlinable` and
/// `@inline(__always)` as it was (43 calls were left, about 30 instructions a fragment).
public struct ByteCursor {
    @usableFromInline let base: UnsafeMutablePointer<UInt8>
    @usableFromInline let fragments: UnsafeBufferPointer<UInt8>
    @usableFromInline let starts: UnsafeBufferPointer<Int>
    /// The bytes written so far (`count`), settable only by the cursor's own inlinable code.
    @usableFromInline var written = 0

    /// How many bytes have been written.
    @inlinable
    public var count: Int { written }

    /// A cursor writing from `base`, with fragment `i` at `fragments[starts[i]..<starts[i + 1]]`
    /// (`ByteFragments.withBytes` gives both).
    @inlinable
    public init(_ base: UnsafeMutablePointer<UInt8>, fragments: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<Int>) {
        self.base = base
        self.fragments = fragments
        self.starts = starts
    }

    /// One byte.
    @inlinable @inline(__always)
    public mutating func byte(_ value: UInt8) {
        base[written] = value
        written = written &+ 1
    }

    /// Fragment `index`. One of at most thirty-two bytes is copied as whole words (a call to
    /// `memcpy` costs more than such a copy): up to `ByteBuffer.slack` bytes past the new
    /// count are written too, which the room made by `ByteBuffer.append(bound:)` allows and
    /// the next write covers. Positions stay within that room, so their sums do not overflow.
    @inlinable @inline(__always)
    public mutating func fragment(_ index: Int) {
        let start = starts[index], length = starts[index &+ 1] &- start
        guard let source = fragments.baseAddress else { return }
        let from = UnsafeRawPointer(source + start), to = UnsafeMutableRawPointer(base + written)
        if length <= 32 {
            to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
            if length > 16 {
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: 16, as: UInt64.self), toByteOffset: 16, as: UInt64.self)
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: 24, as: UInt64.self), toByteOffset: 24, as: UInt64.self)
            }
        } else {
            to.copyMemory(from: from, byteCount: length)
        }
        written = written &+ length
    }

    /// `value`'s decimal digits (as `String(value)` writes them).
    @inlinable @inline(__always)
    public mutating func integer(_ value: Int64) {
        if value < 0 { byte(0x2D) }
        var magnitude = value.magnitude
        var digits = 0
        var probe = magnitude
        repeat { digits = digits &+ 1; probe /= 10 } while probe > 0
        var at = written &+ digits &- 1
        repeat {
            base[at] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
            magnitude /= 10
            at = at &- 1
        } while magnitude > 0
        written = written &+ digits
    }
}
