import Foundation

/// The limits of what the server reads from a client.
public struct HTTPLimits: Sendable {
    /// Request line and headers together.
    public var headerBytes = 16 * 1024
    /// One request body.
    public var bodyBytes = 1 << 20
    /// Headers in one request.
    public var headerCount = 100

    public init() {}
}

/// Why a request is refused before it reaches the application, with its status.
public struct HTTPError: Error, Sendable, Equatable {
    public let status: Int
    public let message: String

    public init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }
}

/// Parses the head of a request (request line and headers) strictly, as RFC 9112 asks.
enum RequestParser {
    /// The methods of RFC 9110, PATCH and QUERY (the safe method with a body): the application
    /// answers 405 with `Allow` for those a path does not take; any other method is 501.
    static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "QUERY"]

    /// The end of the head (index just past the blank line), if `buffer` holds it.
    static func headEnd(_ buffer: [UInt8], from start: Int) -> Int? {
        guard buffer.count >= 4 else { return nil }
        var index = max(start, 3)
        while index < buffer.count {
            if buffer[index] == 0x0A {
                if buffer[index - 1] == 0x0A { return index + 1 }
                if index >= 3, buffer[index - 1] == 0x0D, buffer[index - 2] == 0x0A { return index + 1 }
            }
            index += 1
        }
        return nil
    }

    /// The request line and headers; the body length to read next.
    static func parseHead(_ bytes: ArraySlice<UInt8>, limits: HTTPLimits) throws(HTTPError) -> (request: HTTPRequest, bodyLength: Int) {
        // Lines split on bytes (a String would read "\r\n" as one character).
        var lines: [Substring] = []
        for raw in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let line = raw.last == 0x0D ? raw.dropLast() : raw
            guard let text = String(validating: line, as: UTF8.self) else { throw HTTPError(400, "the request head is not valid UTF-8") }
            lines.append(Substring(text))
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { throw HTTPError(400, "empty request") }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { throw HTTPError(400, "malformed request line") }
        let method = String(parts[0]), target = String(parts[1]), version = String(parts[2])
        guard method.allSatisfy({ $0.isASCII && $0.isUppercase }) else { throw HTTPError(400, "malformed method") }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            if version.hasPrefix("HTTP/") { throw HTTPError(505, "only HTTP/1.1 is supported") }
            throw HTTPError(400, "malformed request line")
        }
        guard methods.contains(method) else { throw HTTPError(501, "method \(method) is not implemented") }
        guard target.hasPrefix("/"), target.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "\u{7F}" && ($0.asciiValue ?? 0) >= 0x21 }) else {
            throw HTTPError(400, "the request target must be an absolute path")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard headers.count < limits.headerCount else { throw HTTPError(431, "too many header fields") }
            guard let colon = line.firstIndex(of: ":") else { throw HTTPError(400, "malformed header field") }
            let name = line[..<colon]
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "!#$%&'*+-.^_`|~".contains($0)) }) else {
                throw HTTPError(400, "malformed header field name")
            }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
            guard !value.contains(where: { $0 == "\r" || $0 == "\0" }) else { throw HTTPError(400, "malformed header field value") }
            headers.append((name.lowercased(), value))
        }
        let request = HTTPRequest(method: method, path: decode(path: target), query: query(of: target), version: version, headers: headers)
        if request.header("transfer-encoding") != nil { throw HTTPError(411, "chunked or encoded request bodies are not supported: send Content-Length") }
        if let expect = request.header("expect") { throw HTTPError(417, "Expect: \(expect) is not supported") }
        let hosts = headers.filter { $0.name == "host" }
        if version == "HTTP/1.1" && hosts.count != 1 { throw HTTPError(400, "exactly one Host header is required") }
        var length = 0
        let lengths = headers.filter { $0.name == "content-length" }.map(\.value)
        if let first = lengths.first {
            guard Set(lengths).count == 1, first.count <= 12, first.allSatisfy(\.isASCII), first.allSatisfy(\.isNumber), let value = Int(first) else {
                throw HTTPError(400, "malformed Content-Length")
            }
            guard value <= limits.bodyBytes else { throw HTTPError(413, "the body is larger than \(limits.bodyBytes) bytes") }
            length = value
        } else if method == "POST" || method == "PUT" || method == "PATCH" {
            throw HTTPError(411, "a body needs Content-Length")
        }
        return (request, length)
    }

    private static func decode(path target: String) -> String {
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
        return percentDecoded(path) ?? path
    }

    private static func query(of target: String) -> [(name: String, value: String)] {
        let pieces = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard pieces.count == 2 else { return [] }
        return pieces[1].split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = percentDecoded(String(parts[0]).replacingOccurrences(of: "+", with: " ")) ?? String(parts[0])
            let value = parts.count > 1 ? (percentDecoded(String(parts[1]).replacingOccurrences(of: "+", with: " ")) ?? String(parts[1])) : ""
            return (name, value)
        }
    }

    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == 0x25 {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
