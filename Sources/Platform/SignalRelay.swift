#if canImport(Glibc)
import Glibc
#endif

/// The write end of the relay's pipe, read by the signal handler (which may touch nothing else).
nonisolated(unsafe) private var relayPipe: Int32 = -1

/// Signals turned into calls on a thread of their own: the handler only writes the signal's
/// number into a pipe (all a signal handler may safely do), and the relay's thread reads it
/// and calls `handler`. Whatever thread the system picks for a signal, it is never fatal, and
/// `handler` never runs inside a signal handler or on a queue that other work can hold up.
public enum SignalRelay {
    /// Routes `signals` (SIGTERM, SIGINT, SIGHUP…) to `handler`, once per process; false when the
    /// pipe or the thread could not be made (the signals then keep their default action).
    public static func start(_ signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) -> Bool {
        var ends: [Int32] = [0, 0]
        guard relayPipe < 0, pipe(&ends) == 0 else { return false }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        relayPipe = ends[1]
        let reader = ends[0]
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let box = Unmanaged.passRetained(RelayThread(reader: reader, handler: handler))
        var thread = pthread_t()
        guard pthread_create(&thread, &attributes, { raw in
            guard let raw else { return nil }
            Unmanaged<RelayThread>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, box.toOpaque()) == 0 else {
            box.release()
            return false
        }
        // A program started with these signals blocked (a parent's mask is inherited) would
        // never see them: unblock them on this thread and the threads it starts from now on.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for number in signals { sigaddset(&unblocked, number) }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        for number in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(relayPipe, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
        return true
    }
}

/// The relay's thread: reads signal numbers from the pipe and hands each to the handler.
private final class RelayThread {
    let reader: Int32
    let handler: @Sendable (Int32) -> Void

    init(reader: Int32, handler: @escaping @Sendable (Int32) -> Void) {
        self.reader = reader
        self.handler = handler
    }

    func run() {
        var byte: UInt8 = 0
        while true {
            let count = read(reader, &byte, 1)
            if count == 1 { handler(Int32(byte)) } else if count < 0 && errno == EINTR { continue } else { return }
        }
    }
}
