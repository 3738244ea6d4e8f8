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

    public init(store: RuleSetStore, token: String?, allowedHosts: Set<String>?, services: ServiceDirectory? = nil) {
        self.store = store
        self.services = services
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
        response.headers += Self.securityHeaders
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
        let snapshot = store.snapshot
        switch (request.method, request.path) {
        case ("GET", "/"), ("HEAD", "/"):
            return HTTPResponse(status: 200, contentType: "text/html; charset=utf-8", text: PageAssets.html)
        case ("GET", "/parcours.js"), ("HEAD", "/parcours.js"):
            return HTTPResponse(status: 200, contentType: "text/javascript; charset=utf-8", text: PageAssets.script)
        case ("GET", "/parcours.css"), ("HEAD", "/parcours.css"):
            return HTTPResponse(status: 200, contentType: "text/css; charset=utf-8", text: PageAssets.style)
        case ("GET", "/healthz"), ("HEAD", "/healthz"):
            let today = (try? snapshot.rules())?.ruleSet ?? snapshot.loaded.ruleSet
            return json(.object([("status", .string("ok")), ("fingerprint", .string(today.fingerprint))]), today)
        case (_, "/"), (_, "/parcours.js"), (_, "/parcours.css"), (_, "/healthz"):
            return Problem.methodNotAllowed(allow: "GET, HEAD", in: language)
        default:
            break
        }
        guard request.path.hasPrefix("/api/v1/") else {
            return Problem.response(404, code: "not-found", Phrase("aucune page à l'adresse \(Limits.quoted(request.path))", en: "no page at \(Limits.quoted(request.path))"), in: language)
        }
        if let token, !authorized(request, token) {
            var refused = Problem.response(401, code: "unauthorized", Phrase("ce serveur exige un jeton d'accès : Authorization: Bearer JETON",
                                                                            en: "this server needs an access token: Authorization: Bearer TOKEN"), in: language)
            refused.headers.append(("WWW-Authenticate", "Bearer realm=\"parcours\""))
            return refused
        }
        let endpoint = String(request.path.dropFirst("/api/v1/".count))
        let methods = Self.endpoints[endpoint]
        guard let methods else { return Self.noEndpoint(request, language) }
        guard methods.contains(request.method) || (request.method == "HEAD" && methods.contains("GET")) else {
            return Problem.methodNotAllowed(allow: methods.joined(separator: ", "), in: language)
        }
        if endpoint == "openapi.json" {
            return HTTPResponse(status: 200, contentType: "application/json", text: OpenAPIDocument.json)
        }
        do {
            let rules = try snapshot.rules(on: request.parameter("date"))
            let ruleSet = rules.ruleSet
            switch endpoint {
            case "vocabulary": return json(APIDocuments.vocabulary(ruleSet), ruleSet)
            case "catalogue": return json(APIDocuments.catalogue(ruleSet), ruleSet)
            case "schemes": return json(APIDocuments.schemes(ruleSet), ruleSet)
            case "ruleset": return json(APIDocuments.ruleSet(ruleSet, snapshot: snapshot, reload: store.lastReloadReport), ruleSet)
            case "recommend":
                // Byte for byte what `parcours recommend --format json` prints (with `--from`, the import report too).
                let answer = try rules.recommend(try input(request), services: services)
                return HTTPResponse(status: 200, headers: [("Content-Type", "application/json"), ("X-Parcours-Fingerprint", ruleSet.fingerprint)],
                                    body: answer.jsonBytes + [0x0A])
            case "explain": return json(try rules.explain(try explainTarget(request), for: try input(request)).json, ruleSet)
            default: return Self.noEndpoint(request, language)
            }
        } catch {
            return Problem.response(error, in: language)
        }
    }

    private static func noEndpoint(_ request: HTTPRequest, _ language: Language) -> HTTPResponse {
        Problem.response(404, code: "not-found", Phrase("aucun point d'accès \(Limits.quoted(request.path))", en: "no endpoint \(Limits.quoted(request.path))"), in: language)
    }

    /// Endpoints under `/api/v1/` and their methods.
    static let endpoints: [String: [String]] = [
        "openapi.json": ["GET"], "vocabulary": ["GET"], "catalogue": ["GET"], "schemes": ["GET"], "ruleset": ["GET"],
        "recommend": ["POST"], "explain": ["POST"],
    ]

    /// The request body: a profile (JSON or YAML), or with `?from=` another platform's diagnosis.
    private func input(_ request: HTTPRequest) throws(ParcoursError) -> ProfileInput {
        guard let from = request.parameter("from") else { return .file(SourceFile(path: "profil", bytes: request.body)) }
        guard let format = DiagnosisFormat(rawValue: from) else { throw .unknownFormat(from) }
        return .diagnosis(SourceFile(path: "diagnostic", bytes: request.body), format)
    }

    /// `?rule=ID` or `?scheme=ID`, exactly one.
    private func explainTarget(_ request: HTTPRequest) throws(ParcoursError) -> ExplainTarget {
        switch (request.parameter("rule"), request.parameter("scheme")) {
        case (let id?, nil): return .rule(id)
        case (nil, let id?): return .scheme(id)
        default:
            throw ParcoursError(.explainTarget, Phrase("explain attend ?rule=ID ou ?scheme=ID (l'un des deux)", en: "explain needs ?rule=ID or ?scheme=ID (one of them)"))
        }
    }

    private func json(_ value: JSONValue, _ ruleSet: RuleSet) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [("Content-Type", "application/json"), ("X-Parcours-Fingerprint", ruleSet.fingerprint)],
                     body: value.bytes() + [0x0A])
    }

    /// Compares the Bearer token in constant time (no early exit on the first difference).
    private func authorized(_ request: HTTPRequest, _ token: [UInt8]) -> Bool {
        guard let header = request.header("authorization"), header.hasPrefix("Bearer ") else { return false }
        let given = Array(header.dropFirst("Bearer ".count).utf8)
        var difference = UInt8(given.count == token.count ? 0 : 1)
        for index in 0..<token.count { difference |= token[index] ^ (index < given.count ? given[index] : 0) }
        return difference == 0
    }
}

extension HTTPResponse: Error {}
