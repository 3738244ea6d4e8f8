/// Arrays copied once into memory that never moves and is never written again, read through
/// `FrozenArray`s: what an evaluation kernel holds, instead of pinning each of its arrays with
/// a nested `withView` call on every run (no nesting, no retain per read). Every frozen array
/// lives as long as the arena: its owner keeps the arena alive around any use
/// (`withExtendedLifetime`). Written only while its owner is built, before it is shared, hence
/// `@unchecked Sendable`.
package final class FrozenArena: @unchecked Sendable {
    /// How to give back each buffer (deinitialize, then deallocate).
    private var releases: [() -> Void] = []

    package init() {}

    /// A frozen copy of `elements`, valid while this arena lives.
    package func freeze<Element>(_ elements: [Element]) -> FrozenArray<Element> {
        let count = elements.count
        let memory = UnsafeMutablePointer<Element>.allocate(capacity: max(1, count))
        elements.withUnsafeBufferPointer { source in
            if let start = source.baseAddress { memory.initialize(from: start, count: count) }
        }
        releases.append {
            memory.deinitialize(count: count)
            memory.deallocate()
        }
        return FrozenArray(BufferView(UnsafeBufferPointer(start: memory, count: count)))
    }

    deinit {
        for release in releases { release() }
    }
}

/// An array frozen in a `FrozenArena`, which a `Sendable` value can hold beside that arena:
/// the memory is never written again. The holder keeps the arena. Every read is checked
/// against `count`.
public struct FrozenArray<Element>: RandomAccessCollection {
    /// The frozen elements.
    public let view: BufferView<Element>

    @inlinable
    init(_ view: BufferView<Element>) {
        self.view = view
    }

    /// No elements.
    @inlinable
    public init() {
        view = BufferView()
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { view.count }
    @inlinable public var count: Int { view.count }

    /// The first element's address (never nil, even with no element), for this module's
    /// word-at-a-time scans that check their own bounds.
    @inlinable
    package var base: UnsafePointer<Element> { view.start.unsafelyUnwrapped }

    /// Element `index`, checked against `count`.
    @inlinable
    public subscript(index: Int) -> Element {
        @inline(__always) get { view[index] }
    }
}

extension FrozenArray: @unchecked Sendable where Element: Sendable {}
