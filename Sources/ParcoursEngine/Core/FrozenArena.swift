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
        UnsafeBufferPointer(start: freezeStart(elements), count: elements.count)
    }

    /// A frozen copy of `elements` by its first element's address, never nil (an empty array
    /// gets the room of one element, never read): for readers that know the count otherwise.
    func freezeStart<Element>(_ elements: [Element]) -> UnsafePointer<Element> {
        let count = elements.count
        let memory = UnsafeMutablePointer<Element>.allocate(capacity: max(1, count))
        elements.withUnsafeBufferPointer { source in
            if let start = source.baseAddress { memory.initialize(from: start, count: count) }
        }
        releases.append {
            memory.deinitialize(count: count)
            memory.deallocate()
        }
        return UnsafePointer(memory)
    }

    deinit {
        for release in releases { release() }
    }
}

/// The address of an array frozen in a `FrozenArena` (never nil), which a `Sendable` value can
/// hold beside that arena: the memory is never written again. The holder keeps the arena.
struct FrozenStart<Element> {
    let pointer: UnsafePointer<Element>

    init(_ elements: [Element], in arena: FrozenArena) {
        pointer = arena.freezeStart(elements)
    }
}

extension FrozenStart: @unchecked Sendable where Element: Sendable {}
