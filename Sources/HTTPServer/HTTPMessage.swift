/// One HTTP/1.1 request, as read from the socket: method, target, headers and body.
public struct HTTPRequest: Sendable {
    public let method: String
    /// The path, without the query (`/api/v1/recommend`).
    public let path: String
    /// The query parameters, in order (`?date=2026-11-23`), percent-decoded.
    public let query: [(name: String, value: String)]
    public let version: String
    /// Header names in lower case, in the order received.
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]

    public init(method: String, path: String, query: [(name: String, value: String)] = [], version: String = "HTTP/1.1",
                headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    /// The first value of query parameter `name`.
    public func parameter(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// Whether the client asked to close the connection after this request.
    var wantsClose: Bool {
        let connection = header("connection")?.lowercased() ?? ""
        return version == "HTTP/1.0" ? !connection.contains("keep-alive") : connection.contains("close")
    }
}

/// One HTTP response: status, headers and body. `Content-Length`, `Date`-free and
/// `Connection` headers are added by the server.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public init(status: Int, contentType: String, text: String, headers: [(name: String, value: String)] = []) {
        self.init(status: status, headers: [("Content-Type", contentType)] + headers, body: Array(text.utf8))
    }

    /// The reason phrase of a status code.
    public static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 204: return "No Content"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 411: return "Length Required"
        case 413: return "Content Too Large"
        case 415: return "Unsupported Media Type"
        case 417: return "Expectation Failed"
        case 421: return "Misdirected Request"
        case 422: return "Unprocessable Content"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status \(status)"
        }
    }

    /// The `problem+json` answer to a request refused by the server itself (malformed, too
    /// large, too slow). The detail may quote what the client sent: it is kept printable
    /// ASCII, without quotes or backslashes.
    static func refusal(_ error: HTTPError) -> HTTPResponse {
        let detail = String(error.message.unicodeScalars.prefix(200).map { scalar -> Character in
            scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\" ? Character(scalar) : "?"
        })
        let body = "{\"type\":\"about:blank\",\"title\":\"\(reason(error.status))\",\"status\":\(error.status),\"detail\":\"\(detail)\"}"
        return HTTPResponse(status: error.status, headers: [("Content-Type", "application/problem+json")], body: Array(body.utf8))
    }

    /// The bytes sent on the wire.
    func serialized(close: Bool, head: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "Content-Length: \(body.count)\r\n"
        if close { text += "Connection: close\r\n" }
        text += "\r\n"
        var bytes = Array(text.utf8)
        if !head { bytes += body }
        return bytes
    }
}
