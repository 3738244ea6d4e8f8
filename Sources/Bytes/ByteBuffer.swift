import Foundation

/// A growable byte buffer that lines are written into in place: room is made for a bound, a
/// `ByteCursor` writes, and only what was written counts. Unlike `[UInt8]`, the room is not
/// filled with zeros first. One thread owns it at a time (a batch job fills it, then hands it
/// to the writer), hence `@unchecked Sendable`.
package final class ByteBuffer: @unchecked Sendable {
    /// Where the bytes are, the room and how many were written: kept behind a pointer, not as
    /// the class's own `var`s, so that reading them is a plain load (a class's stored `var` is
    /// checked for exclusive access at run time on every access made around a closure call,
    /// which cost more than a short fragment's copy).
    @usableFromInline struct State {
        @usableFromInline var storage: UnsafeMutablePointer<UInt8>
        @usableFromInline var capacity: Int
        @usableFromInline var count: Int
    }

    @usableFromInline let state: UnsafeMutablePointer<State>

    package init(capacity: Int = 1 << 16) {
        let capacity = max(capacity, 16)
        state = UnsafeMutablePointer<State>.allocate(capacity: 1)
        state.initialize(to: State(storage: UnsafeMutablePointer<UInt8>.allocate(capacity: capacity), capacity: capacity, count: 0))
    }

    deinit {
        state.pointee.storage.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// The bytes written so far.
    package var count: Int { state.pointee.count }

    /// The room, written or not.
    package var capacity: Int { state.pointee.capacity }

    package var isEmpty: Bool { count == 0 }

    /// Room kept past every bound: what a `ByteCursor` may write beyond its count when it
    /// copies a short fragment as whole words (bytes past `count` mean nothing).
    package static let slack = 32

    /// Makes room for `bound` more bytes and calls `write` with where they go; `write` returns
    /// how many it wrote, at most `bound` (a larger count is a bug in the caller's bound: it
    /// stops the process rather than let memory be overwritten unseen).
    @inlinable @inline(__always)
    package func append(bound: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        let count = state.pointee.count
        if count + bound + ByteBuffer.slack > state.pointee.capacity { grow(to: count + bound + ByteBuffer.slack) }
        let written = write(state.pointee.storage + count)
        precondition(written >= 0 && written <= bound, "ByteBuffer: a line longer than its bound")
        state.pointee.count = count + written
    }

    /// Appends `bytes`.
    package func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        append(bound: bytes.count) { target in
            target.update(from: source, count: bytes.count)
            return bytes.count
        }
    }

    @usableFromInline
    func grow(to needed: Int) {
        var size = state.pointee.capacity
        while size < needed { size *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        larger.update(from: state.pointee.storage, count: state.pointee.count)
        state.pointee.storage.deallocate()
        state.pointee.storage = larger
        state.pointee.capacity = size
    }

    /// Calls `body` with the bytes written.
    package func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: state.pointee.storage, count: state.pointee.count))
    }

    /// Calls `body` with the bytes written, followed by a zero byte that is not counted (in the
    /// room always kept past them): for a scan that stops at a NUL, such as `strchrnul`.
    package func withTerminatedBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        // count < capacity always: the initial room is at least 16 bytes and every append
        // keeps `slack` bytes past what it writes.
        state.pointee.storage[state.pointee.count] = 0
        return withBytes(body)
    }

    /// Keeps the first `count` bytes written (at most as many as written), forgets the rest.
    package func truncate(to count: Int) {
        state.pointee.count = min(max(count, 0), state.pointee.count)
    }

    /// Forgets what was written, keeping the room.
    package func removeAll() { state.pointee.count = 0 }

    /// The bytes written, as an array (tests, and small outputs).
    package var array: [UInt8] { withBytes { Array($0) } }
}

/// Buffers handed back once written, for the next block: a batch reuses the same few buffers
/// (as many as blocks in flight) instead of asking the system for fresh pages every block.
package final class ByteBufferPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [ByteBuffer] = []
    /// The most buffers kept; more are let go.
    private let limit: Int

    package init(limit: Int) {
        self.limit = limit
    }

    /// An empty buffer with room for at least `capacity` bytes (a kept one when there is one).
    package func take(capacity: Int) -> ByteBuffer {
        if let buffer = lock.withLock({ free.popLast() }) {
            buffer.removeAll()
            return buffer
        }
        return ByteBuffer(capacity: capacity)
    }

    /// Gives a written buffer back.
    package func give(_ buffer: ByteBuffer) {
        lock.withLock { if free.count < limit { free.append(buffer) } }
    }
}
