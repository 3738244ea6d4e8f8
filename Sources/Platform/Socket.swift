import CSystem
#if canImport(Glibc)
import Glibc
#endif

/// Why a listening socket could not be opened: which step failed and the system's reason.
public struct SocketError: Error, Sendable, Equatable {
    /// The step that failed.
    public enum Step: Sendable, Equatable {
        /// The host is not a numeric IP address.
        case address
        /// No socket could be created.
        case socket
        /// The address and port could not be bound (in use, not allowed).
        case bind
        /// The socket could not listen.
        case listen
    }

    public let step: Step
    /// The system's reason (`strerror` or `gai_strerror`, in English).
    public let reason: String
}

/// TCP sockets in non-blocking mode, for an event loop: every call returns at once, and says
/// whether it would have waited. Nothing here knows HTTP.
public enum Socket {
    /// What a non-blocking call gave.
    public enum Outcome: Equatable, Sendable {
        /// This many bytes were read or written, or this descriptor was accepted.
        case done(Int)
        /// Nothing now: wait for the descriptor to be ready.
        case wouldBlock
        /// The peer closed its side (a read of 0 bytes).
        case closed
        /// An error (`errno`): the connection is unusable, or the process has no descriptor left.
        case failed(Int32)
    }

    /// A non-blocking socket listening on `host` (a numeric IPv4 or IPv6 address) and `port`
    /// (0: any free port), with `SO_REUSEADDR`; the descriptor and the port bound.
    public static func listen(host: String, port: Int, backlog: Int32) throws(SocketError) -> (descriptor: Int32, port: Int) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &found)
        guard status == 0, let address = found else {
            throw SocketError(step: .address, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(found) }
        let descriptor = socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard descriptor >= 0 else { throw SocketError(step: .socket, reason: SystemFile.lastError()) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 else {
            let reason = SystemFile.lastError()
            Glibc.close(descriptor)
            throw SocketError(step: .bind, reason: reason)
        }
        guard Glibc.listen(descriptor, backlog) == 0 else {
            let reason = SystemFile.lastError()
            Glibc.close(descriptor)
            throw SocketError(step: .listen, reason: reason)
        }
        return (descriptor, boundPort(descriptor))
    }

    private static func boundPort(_ descriptor: Int32) -> Int {
        var bound = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        let family = bound.ss_family
        return withUnsafePointer(to: &bound) { pointer in
            if family == sa_family_t(AF_INET6) {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }

    /// Accepts one connection, non-blocking and closed on exec, with `TCP_NODELAY`.
    public static func accept(_ listener: Int32) -> Outcome {
        while true {
            let descriptor = accept4(listener, nil, nil, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
            if descriptor >= 0 {
                var one: Int32 = 1
                setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                return .done(Int(descriptor))
            }
            switch errno {
            case EINTR, ECONNABORTED, EPROTO: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(errno)
            }
        }
    }

    /// Reads at most `count` bytes into `target`.
    public static func receive(_ descriptor: Int32, into target: UnsafeMutableRawPointer?, count: Int) -> Outcome {
        while true {
            let read = recv(descriptor, target, count, Int32(MSG_DONTWAIT))
            if read > 0 { return .done(read) }
            if read == 0 { return .closed }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(errno)
            }
        }
    }

    /// Writes what the socket takes now of `bytes` (never raises `SIGPIPE`).
    public static func send(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Outcome {
        guard !bytes.isEmpty else { return .done(0) }
        while true {
            let sent = Glibc.send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
            if sent >= 0 { return .done(sent) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(errno)
            }
        }
    }

    /// Closes a socket.
    public static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }
}
