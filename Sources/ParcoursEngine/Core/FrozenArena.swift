/// Arrays copied once into memory that never moves and is never written again, read through
/// plain buffer pointers: what an evaluation kernel holds, instead of pinning each of its
/// arrays with a nested `withUnsafeBufferPointer` call on every run (no nesting, no retain or
/// bounds check per read). Every buffer lives as long as the arena: its owner keeps the arena
/// alive around any use (`withExtendedLifetime`). Written only while its owner is built,
/// before it is shared, hence `@unchecked Sendable`.
final class FrozenArena: @unchecked Sendable {
    /// How to give back each buffer (deinitialize, then deallocate).
    private var releases: [() -> Void] = []

    /// A frozen copy of `elements`, valid while this arena lives.
    func freeze<Element>(_ elements: [Element]) -> UnsafeBufferPointer<Element> {
        let memory = UnsafeMutableBufferPointer<Element>.allocate(capacity: elements.count)
        _ = memory.initialize(fromContentsOf: elements)
        releases.append {
            memory.deinitialize()
            memory.deallocate()
        }
        return UnsafeBufferPointer(memory)
    }

    deinit {
        for release in releases { release() }
    }
}
