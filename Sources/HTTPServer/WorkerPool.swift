import Dispatch
import Foundation
import Synchronization

/// A few threads that run the application's handler, fed by the event loop: the loop never
/// waits on the application, and the number of requests computed at once stays bounded.
/// Urgent jobs (a client waiting for its one request) go before the others (requests pipelined
/// behind others on the same connection).
final class WorkerPool<Job: Sendable>: Sendable {
    private struct Queue {
        var urgent: [Job] = []
        var jobs: [Job] = []
        var closed = false
    }

    private let queue = Mutex(Queue())
    private let ready = DispatchSemaphore(value: 0)
    let count: Int

    /// Starts `count` threads, each running `work` on the jobs submitted, one at a time.
    init(count: Int, work: @escaping @Sendable (Job) -> Void) {
        self.count = count
        for index in 0..<count {
            let thread = Thread { [self] in
                while let job = self.next() { work(job) }
            }
            thread.name = "parcours.worker.\(index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    func submit(_ job: Job, urgent: Bool) {
        queue.withLock { queue in
            if urgent { queue.urgent.append(job) } else { queue.jobs.append(job) }
        }
        ready.signal()
    }

    /// Lets the threads finish the jobs queued, then end.
    func close() {
        queue.withLock { $0.closed = true }
        for _ in 0..<count { ready.signal() }
    }

    private func next() -> Job? {
        while true {
            ready.wait()
            let taken: (job: Job?, done: Bool) = queue.withLock { queue in
                if !queue.urgent.isEmpty { return (queue.urgent.removeFirst(), false) }
                if !queue.jobs.isEmpty { return (queue.jobs.removeFirst(), false) }
                return (nil, queue.closed)
            }
            if let job = taken.job { return job }
            if taken.done { return nil }
        }
    }
}
