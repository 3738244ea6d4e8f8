import Bytes
import Foundation
import ParcoursEngine

/// Output written on a thread of its own while the caller fills the next buffer: two buffers
/// take turns, written in the order they were handed over. For a command that computes its
/// output as fast as it writes it (`sample`), writing to a file (kernel time) then overlaps
/// computing instead of following it.
package final class OverlappedWriter: @unchecked Sendable {
    private let condition = NSCondition()
    /// Handed over, not yet taken by the writing thread.
    private var pending: ByteBuffer?
    /// Written and emptied, for the caller to fill next.
    private var spare: ByteBuffer?
    /// The caller has handed over its last buffer; `done`: the writing thread has written it.
    private var closing = false, done = false
    private let write: @Sendable (UnsafeBufferPointer<UInt8>) -> Void

    /// Starts the writing thread; `write` is called on it, once per buffer handed over.
    package init(capacity: Int, write: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> Void) {
        self.write = write
        spare = ByteBuffer(capacity: capacity)
        Thread.detachNewThread { self.run() }
    }

    /// Hands `full` over to be written and gives back an empty buffer to fill, once the one
    /// written before it is done.
    package func handOver(_ full: ByteBuffer) -> ByteBuffer {
        condition.lock()
        defer { condition.unlock() }
        while pending != nil { condition.wait() }
        pending = full
        condition.broadcast()
        while true {
            if let next = spare {
                spare = nil
                return next
            }
            condition.wait()
        }
    }

    /// Hands `last` over and returns once everything handed over is written.
    package func finish(_ last: ByteBuffer) {
        _ = handOver(last)
        condition.lock()
        closing = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
    }

    private func run() {
        condition.lock()
        while true {
            if let buffer = pending {
                pending = nil
                condition.broadcast()
                condition.unlock()
                buffer.withBytes(write)
                buffer.removeAll()
                condition.lock()
                spare = buffer
                condition.broadcast()
            } else if closing {
                break
            } else {
                condition.wait()
            }
        }
        done = true
        condition.broadcast()
        condition.unlock()
    }
}
