import CSystem
#if canImport(Glibc)
import Glibc
#endif

/// Linux's `epoll` in edge-triggered mode, and an `eventfd` to wake the waiting thread from
/// another one. One thread waits (`wait`); any thread may `wake`. Each descriptor is registered
/// with a caller's token, given back with its events.
public final class EventPoller: Sendable {
    /// What happened on one descriptor.
    public struct Event: Sendable {
        public let token: UInt64
        /// Bytes to read, or the peer closed its side (a read says which).
        public let readable: Bool
        /// Room to write.
        public let writable: Bool
        /// An error or a hang-up: the connection is gone.
        public let failed: Bool
    }

    /// The token `wait` gives when `wake` was called.
    public static let wakeToken: UInt64 = 0

    private let epoll: Int32
    private let wakeDescriptor: Int32

    /// Nil when the process has no descriptor left.
    public init?() {
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeDescriptor = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard epoll >= 0, wakeDescriptor >= 0 else {
            if epoll >= 0 { Glibc.close(epoll) }
            if wakeDescriptor >= 0 { Glibc.close(wakeDescriptor) }
            return nil
        }
        guard add(wakeDescriptor, token: Self.wakeToken) else { return nil }
    }

    deinit {
        Glibc.close(epoll)
        Glibc.close(wakeDescriptor)
    }

    /// Watches `descriptor` for reading and writing (edge-triggered: an event says the state
    /// changed; read or write until `wouldBlock` before waiting again). False on failure.
    @discardableResult
    public func add(_ descriptor: Int32, token: UInt64) -> Bool {
        var event = epoll_event()
        event.events = UInt32(EPOLLIN.rawValue) | UInt32(EPOLLOUT.rawValue) | UInt32(EPOLLRDHUP.rawValue) | UInt32(EPOLLET.rawValue)
        event.data.u64 = token
        return epoll_ctl(epoll, EPOLL_CTL_ADD, descriptor, &event) == 0
    }

    /// Stops watching `descriptor` (closing it does too).
    public func remove(_ descriptor: Int32) {
        var event = epoll_event()
        _ = epoll_ctl(epoll, EPOLL_CTL_DEL, descriptor, &event)
    }

    /// Waits at most `milliseconds` (-1: no limit) for events; none on a timeout or a signal.
    public func wait(milliseconds: Int32, into events: inout [Event]) {
        events.removeAll(keepingCapacity: true)
        let capacity = 256
        var raw = [epoll_event](repeating: epoll_event(), count: capacity)
        let count = raw.withUnsafeMutableBufferPointer { epoll_wait(epoll, $0.baseAddress, Int32(capacity), milliseconds) }
        guard count > 0 else { return }
        for index in 0..<Int(count) {
            let flags = raw[index].events
            let token = raw[index].data.u64
            if token == Self.wakeToken {
                var value: UInt64 = 0
                _ = read(wakeDescriptor, &value, MemoryLayout<UInt64>.size)
            }
            events.append(Event(token: token,
                                readable: flags & (UInt32(EPOLLIN.rawValue) | UInt32(EPOLLRDHUP.rawValue)) != 0,
                                writable: flags & UInt32(EPOLLOUT.rawValue) != 0,
                                failed: flags & (UInt32(EPOLLERR.rawValue) | UInt32(EPOLLHUP.rawValue)) != 0))
        }
    }

    /// Wakes the thread in `wait` (it gets an event with `wakeToken`); safe from any thread.
    public func wake() {
        var one: UInt64 = 1
        _ = write(wakeDescriptor, &one, MemoryLayout<UInt64>.size)
    }
}

extension SystemClock {
    /// Seconds on the monotonic clock (never set back): for timeouts and durations.
    public static func monotonic() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
