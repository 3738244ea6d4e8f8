import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A raw TCP client for the tests: sends bytes as given (well-formed or not), reads replies.
public final class RawClient {
    public let descriptor: Int32
    /// Bytes received past the last response (pipelined answers).
    private var pending: [UInt8] = []

    /// Connects to loopback `port`; `receiveBuffer` sets a small `SO_RCVBUF` first (a client
    /// that reads slowly, or never, fills it at once); a read waits `timeout` seconds at most
    /// (a response that takes longer reads as none).
    public init(port: Int, receiveBuffer: Int32? = nil, timeout: Int = 10) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if var size = receiveBuffer {
            setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard result == 0 else { throw ClientError(message: "connect failed: \(errno)") }
        var wait = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
    }

    public func send(_ text: String) { send(Array(text.utf8)) }

    public func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// One response: status, headers (lower-case names), body (by Content-Length).
    public func response() -> (status: Int, headers: [String: String], body: String)? {
        var buffer = pending
        defer { pending = buffer }
        var chunk = [UInt8](repeating: 0, count: 65536)
        func fill() -> Bool {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return false }
            buffer += chunk[0..<count]
            return true
        }
        var headEnd: Int?
        while headEnd == nil {
            if let range = findBlankLine(buffer) { headEnd = range; break }
            guard fill() else { return nil }
        }
        guard let end = headEnd else { return nil }
        let head = String(decoding: buffer[0..<end], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines where line.contains(":") {
            let parts = line.split(separator: ":", maxSplits: 1)
            headers[parts[0].lowercased()] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < end + length { guard fill() else { break } }
        let body = String(decoding: buffer[end..<min(buffer.count, end + length)], as: UTF8.self)
        buffer.removeFirst(min(buffer.count, end + length))
        return (status, headers, body)
    }

    /// True when the server closed the connection (read returns 0) within the socket timeout.
    public func isClosed() -> Bool {
        var byte: UInt8 = 0
        return recv(descriptor, &byte, 1, 0) == 0
    }

    /// Whether `close` ran: a second close must not close the number again, which by then may
    /// be another test's socket (tests run in parallel in one process).
    private var closed = false

    /// Closes the socket once; later calls do nothing.
    public func close() {
        guard !closed else { return }
        closed = true
        _ = Glibc.close(descriptor)
    }

    /// Half-closes the socket: no more bytes will be sent.
    public func finishSending() { _ = shutdown(descriptor, Int32(SHUT_WR)) }

    private func findBlankLine(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 3..<bytes.count where bytes[index - 3] == 13 && bytes[index - 2] == 10 && bytes[index - 1] == 13 && bytes[index] == 10 {
            return index + 1
        }
        return nil
    }

    /// A whole request with its body.
    public static func request(_ method: String, _ path: String, body: String = "", headers: [String] = []) -> String {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for header in headers { text += header + "\r\n" }
        if !body.isEmpty || method == "POST" { text += "Content-Length: \(body.utf8.count)\r\n" }
        return text + "\r\n" + body
    }
}

/// A client that could not connect.
public struct ClientError: Error { public let message: String }
