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
}
