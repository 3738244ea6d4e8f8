import Dispatch
import Foundation

/// Maps items on all cores and gives the results in the items' order: the output does not
/// depend on which thread finished first. Used where loading has independent parts (files).
enum OrderedParallelMap {
    static func map<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
        if items.count < 2 { return items.map(transform) }
        let slots = Slots<Result>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            slots.set(index, transform(items[index]))
        }
        return slots.values()
    }

    /// One slot per item; each iteration writes only its own.
    private final class Slots<Value: Sendable>: @unchecked Sendable {
        private var values_: [Value?]
        private let lock = NSLock()
        init(count: Int) { values_ = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Value) { lock.withLock { values_[index] = value } }
        func values() -> [Value] { lock.withLock { values_.compactMap { $0 } } }
    }
}
