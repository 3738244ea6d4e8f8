import Foundation
import HTTPServer
import ParcoursEngine
import ParcoursRendering

/// The counsellors' page and the JSON API (`/api/v1`), over a `RuleSetStore`. Turns requests
/// into responses; knows nothing of sockets. Nothing about a person is stored or logged.
public struct ParcoursService: Sendable {
    public let store: RuleSetStore
    /// The Bearer token the API requires, when set.
    let token: [UInt8]?
    /// The `Host` values accepted (loopback names with the port), nil for any.
    let allowedHosts: Set<String>?
    /// Local services for each step (`serve --services`), when given.
    let services: ServiceDirectory?
    /// The documentation site, built on the first request for `/docs/`.
    let docs = DocsPages()
    /// One draft evaluation at a time (`/api/v1/drafts/*`).
    let draftGate = DraftGate()
    /// The profiles draft impacts are measured on.
    let caseload: CaseloadSource
    /// The access-log lines dropped so far (a log that could not be written), for `/healthz`.
    let droppedLogLines: @Sendable () -> Int

    /// `caseload`: the reference profiles of `/api/v1/drafts/impact` (`serve --caseload`);
    /// invented profiles when nil.
    public init(store: RuleSetStore, token: String?, allowedHosts: Set<String>?, services: ServiceDirectory? = nil, caseload: Caseload? = nil,
                droppedLogLines: @escaping @Sendable () -> Int = { 0 }) {
        self.store = store
        self.caseload = CaseloadSource(caseload)
        self.services = services
        self.droppedLogLines = droppedLogLines
        self.token = token.map { Array($0.utf8) }
        self.allowedHosts = allowedHosts
    }

    /// The `Host` values a server bound to loopback on `port` accepts (against DNS rebinding).
    public static func loopbackHosts(port: Int) -> Set<String> {
        ["localhost", "127.0.0.1", "[::1]"].reduce(into: Set<String>()) { hosts, name in
            hosts.insert(name)
            hosts.insert("\(name):\(port)")
        }
    }

    static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        var response = route(request)
        // The documentation site's pages carry their stylesheet inline (they are plain files too).
        let documentation = request.path.hasPrefix("/docs/")
        response.headers += Self.securityHeaders.map { header in
            documentation && header.name == "Content-Security-Policy" ? (header.name, header.value.replacingOccurrences(of: "style-src 'self'", with: "style-src 'self' 'unsafe-inline'")) : header
        }
        if request.path.hasPrefix("/api/") || request.path == "/healthz" {
            response.headers.append(("Cache-Control", "no-store"))
        }
        return response
    }

    private func route(_ request: HTTPRequest) -> HTTPResponse {
        let language = Problem.language(request.header("accept-language"))
        if let allowedHosts, let host = request.header("host"), !allowedHosts.contains(host.lowercased()) {
            return Problem.response(421, code: "host-not-allowed", Phrase("ce serveur ne répond qu'à localhost (Host : \(Limits.quoted(host)))",
                                                                          en: "this server answers to localhost only (Host: \(Limits.quoted(host)))"), in: language)
        }
        if request.path.hasPrefix("/api/"), let token, !authorized(request, token) {
            var refused = Problem.response(401, code: "unauthorized", Phrase("ce serveur exige un jeton d'accès : Authorization: Bearer JETON",
                                                                            en: "this server needs an access token: Authorization: Bearer TOKEN"), in: language)
            refused.headers.append(("WWW-Authenticate", "Bearer realm=\"parcours\""))
            return refused
        }
        if request.path == "/docs" || request.path.hasPrefix("/docs/") { return documentation(request, in: language) }
        let matching = Self.endpoints.compactMap { endpoint in endpoint.match(request.path).map { (endpoint, $0) } }
        guard !matching.isEmpty else {
            return Problem.response(404, code: "not-found", Phrase("rien à l'adresse \(Limits.quoted(request.path))", en: "nothing at \(Limits.quoted(request.path))"),
                                    hint: request.path.hasPrefix("/api/") ? Phrase("les opérations de l'API : GET /api/v1/openapi.json", en: "the API's operations: GET /api/v1/openapi.json") : nil,
                                    in: language)
        }
        guard let (endpoint, segments) = matching.first(where: { $0.0.allowed.contains(request.method) }) else {
            return Problem.methodNotAllowed(allow: matching.flatMap(\.0.allowed).joined(separator: ", "), in: language)
        }
        do {
            return try endpoint.handler(Endpoint.Call(service: self, request: request, snapshot: store.snapshot, segment: segments.first))
        } catch {
            return Problem.response(error, in: language)
        }
    }

    /// The documentation site, public like the page: `GET /docs/PATH` (`/docs` goes to `/docs/`).
    private func documentation(_ request: HTTPRequest, in language: Language) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else { return Problem.methodNotAllowed(allow: "GET, HEAD", in: language) }
        if request.path == "/docs" { return HTTPResponse(status: 308, headers: [("Location", "/docs/")]) }
        let path = String(request.path.dropFirst("/docs/".count))
        do {
            guard !path.contains(".."), let page = try docs.page(path, snapshot: store.snapshot) else {
                return Problem.response(404, code: "not-found", Phrase("rien à l'adresse \(Limits.quoted(request.path))", en: "nothing at \(Limits.quoted(request.path))"), in: language)
            }
            let type = path.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8"
            return HTTPResponse(status: 200, contentType: type, text: page)
        } catch {
            return Problem.response(error, in: language)
        }
    }

    /// Compares the Bearer token in constant time (no early exit on the first difference).
    /// The scheme's name is case-insensitive (RFC 9110, 11.1): `bearer` and `BEARER` are taken.
    private func authorized(_ request: HTTPRequest, _ token: [UInt8]) -> Bool {
        guard let header = request.header("authorization") else { return false }
        let scheme = header.prefix { $0 != " " }
        guard scheme.lowercased() == "bearer" else { return false }
        let given = Array(header.dropFirst(scheme.count).drop { $0 == " " }.utf8)
        var difference = UInt8(given.count == token.count ? 0 : 1)
        for index in 0..<token.count { difference |= token[index] ^ (index < given.count ? given[index] : 0) }
        return difference == 0
    }
}

extension HTTPResponse: Error {}
