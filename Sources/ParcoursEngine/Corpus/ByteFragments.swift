/// Rendered byte strings kept one after the other in one array: appending one is one copy,
/// with no array per fragment to retain.
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
        self.bytes = bytes
        self.starts = starts
    }

    /// How many fragments.
    package var count: Int { starts.count - 1 }

    @inline(__always)
    package func append(_ index: Int, to out: inout [UInt8]) {
        let start = starts[index], end = starts[index + 1]
        bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// The fragments' bytes and starts, for writing many of them through a `ByteCursor`.
    @inline(__always)
    package func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>) -> R) -> R {
        bytes.withUnsafeBufferPointer { bytes in starts.withUnsafeBufferPointer { starts in body(bytes, starts) } }
    }
}

/// Writes bytes and fragments at a pointer into room the caller made (its size is the caller's
/// bound on what is written).
package struct ByteCursor {
    private let base: UnsafeMutablePointer<UInt8>
    private let fragments: UnsafeBufferPointer<UInt8>
    private let starts: UnsafeBufferPointer<Int>
    package private(set) var count = 0

    package init(_ base: UnsafeMutablePointer<UInt8>, fragments: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<Int>) {
        self.base = base
        self.fragments = fragments
        self.starts = starts
    }

    @inline(__always)
    package mutating func byte(_ value: UInt8) {
        base[count] = value
        count += 1
    }

    @inline(__always)
    package mutating func fragment(_ index: Int) {
        let start = starts[index], length = starts[index + 1] - start
        guard length > 0, let source = fragments.baseAddress else { return }
        (base + count).update(from: source + start, count: length)
        count += length
    }

    /// `value`'s decimal digits (as `String(value)` writes them).
    @inline(__always)
    package mutating func integer(_ value: Int64) {
        if value < 0 { byte(0x2D) }
        var magnitude = value.magnitude
        var digits = 0
        var probe = magnitude
        repeat { digits += 1; probe /= 10 } while probe > 0
        var at = count + digits - 1
        repeat {
            base[at] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
            magnitude /= 10
            at -= 1
        } while magnitude > 0
        count += digits
    }
}
