import Foundation
import HTTPServer
import ParcoursEngine

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
            return json(.object([("status", .string("ok")), ("fingerprint", .string(snapshot.today.fingerprint))]), snapshot.today)
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
        let ruleSet: RuleSet
        do {
            ruleSet = try rules(for: request, snapshot, language)
        } catch {
            return error
        }
        switch endpoint {
        case "vocabulary": return json(APIDocuments.vocabulary(ruleSet), ruleSet)
        case "catalogue": return json(APIDocuments.catalogue(ruleSet), ruleSet)
        case "schemes": return json(APIDocuments.schemes(ruleSet), ruleSet)
        case "ruleset": return json(APIDocuments.ruleSet(ruleSet, snapshot: snapshot, reload: store.lastReloadReport), ruleSet)
        case "recommend":
            let evaluator = ruleSet.fingerprint == snapshot.today.fingerprint && ruleSet.date == snapshot.today.date
                ? snapshot.evaluator : Evaluator(ruleSet: ruleSet)
            return recommend(request, evaluator, fast: evaluator.ruleSet.fingerprint == snapshot.today.fingerprint ? snapshot.fast : nil, language)
        case "explain": return explain(request, ruleSet, language)
        default: return Self.noEndpoint(request, language)
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

    /// The rule set of `?date=`, or today's.
    private func rules(for request: HTTPRequest, _ snapshot: RuleSetStore.Snapshot, _ language: Language) throws(HTTPResponse) -> RuleSet {
        guard let date = request.parameter("date") else { return snapshot.today }
        guard Validity.isDate(date) else {
            throw Problem.response(400, code: "bad-date", Phrase("date attend AAAA-MM-JJ, reçu « \(Limits.quoted(date)) »",
                                                                 en: "date expects YYYY-MM-DD, got \"\(Limits.quoted(date))\""), in: language)
        }
        do {
            return try snapshot.engine.ruleSet(on: date)
        } catch {
            throw Problem.response(500, code: "rule-set", Phrase("le jeu de règles ne se charge pas pour le \(date)", en: "the rule set does not load for \(date)"), in: language)
        }
    }

    private func recommend(_ request: HTTPRequest, _ evaluator: Evaluator, fast: FastProfileDecoder?, _ language: Language) -> HTTPResponse {
        let ruleSet = evaluator.ruleSet
        if let from = request.parameter("from") {
            switch imported(request, from: from, ruleSet, language) {
            case .failure(let problem): return problem
            case .success(let result):
                let recommendation = withServices(evaluator.recommend(result.profile), ruleSet, result.profile)
                // What `parcours recommend --from … --format json` prints.
                return HTTPResponse(status: 200, headers: [("Content-Type", "application/json"), ("X-Parcours-Fingerprint", ruleSet.fingerprint)],
                                    body: recommendation.jsonBytes(imported: result, vocabulary: ruleSet.vocabulary) + [0x0A])
            }
        }
        switch profile(request, ruleSet, fast: fast, language) {
        case .failure(let problem): return problem
        case .success(let profile):
            let recommendation = withServices(evaluator.recommend(profile), ruleSet, profile)
            // Byte for byte what `parcours recommend --format json` prints.
            return HTTPResponse(status: 200, headers: [("Content-Type", "application/json"), ("X-Parcours-Fingerprint", ruleSet.fingerprint)],
                                body: recommendation.jsonBytes + [0x0A])
        }
    }

    private func explain(_ request: HTTPRequest, _ ruleSet: RuleSet, _ language: Language) -> HTTPResponse {
        let explainer = Explainer(ruleSet: ruleSet)
        switch (request.parameter("rule"), request.parameter("scheme")) {
        case (let id?, nil):
            guard let rule = ruleSet.rule(id) else {
                let hint = Spelling.hint(for: id, in: ruleSet.rules.map(\.id))
                return Problem.response(404, code: "unknown-rule", Phrase("aucune règle « \(Limits.quoted(id)) » en vigueur le \(ruleSet.date)",
                                                                          en: "no rule \"\(Limits.quoted(id))\" in force on \(ruleSet.date)"), hint: hint, in: language)
            }
            switch profile(request, ruleSet, language) {
            case .failure(let problem): return problem
            case .success(let profile): return json(explainer.json(rule: rule, node: explainer.explain(rule, for: profile)), ruleSet)
            }
        case (nil, let id?):
            guard let scheme = ruleSet.scheme(id) else {
                let hint = Spelling.hint(for: id, in: ruleSet.schemes.map(\.id))
                return Problem.response(404, code: "unknown-scheme", Phrase("aucun dispositif « \(Limits.quoted(id)) »", en: "no scheme \"\(Limits.quoted(id))\""),
                                        hint: hint, in: language)
            }
            switch profile(request, ruleSet, language) {
            case .failure(let problem): return problem
            case .success(let profile):
                let result = Evaluator(ruleSet: ruleSet).schemeResult(scheme, for: profile.withDefaults(from: ruleSet.vocabulary))
                return json(explainer.json(scheme: scheme, result: result, criteria: explainer.explain(scheme, for: profile)), ruleSet)
            }
        default:
            return Problem.response(400, code: "explain-target", Phrase("explain attend ?rule=ID ou ?scheme=ID (l'un des deux)", en: "explain needs ?rule=ID or ?scheme=ID (one of them)"), in: language)
        }
    }

    /// The request body read as a profile (JSON or YAML), or the problem with every diagnostic.
    /// A one-line JSON object (what the page and most clients send) goes through the corpus
    /// readers, fast then precise, which share the field codec with the YAML reader.
    private func profile(_ request: HTTPRequest, _ ruleSet: RuleSet, fast: FastProfileDecoder? = nil, _ language: Language) -> Result<Profile, HTTPResponse> {
        let body = request.body
        if !body.contains(0x0A), body.first(where: { $0 != 0x20 && $0 != 0x09 }) == 0x7B {
            var slots: [Int64] = []
            if let fast, fast.decodeJSON(body, into: &slots) {
                return .success(Profile(slots: slots, vocabulary: ruleSet.vocabulary))
            }
            var precise = CorpusLineParser(path: "profil", format: .jsonLines, vocabulary: ruleSet.vocabulary)
            if let record = precise.parse(body, line: 1) {
                if let profile = record.profile { return .success(profile) }
                return .failure(Problem.profile(record.diagnostics, in: language))
            }
        }
        let result = ProfileLoader.load(SourceFile(path: "profil", bytes: request.body), vocabulary: ruleSet.vocabulary)
        guard let profile = result.profile else {
            return .failure(Problem.profile(result.diagnostics, in: language))
        }
        return .success(profile)
    }

    /// The recommendation with each step's local services, when the server has an export.
    private func withServices(_ recommendation: Recommendation, _ ruleSet: RuleSet, _ profile: Profile) -> Recommendation {
        guard let services else { return recommendation }
        return services.attach(to: recommendation, department: ruleSet.department(of: profile))
    }

    /// The request body read as a diagnosis of `?from=`'s platform and mapped to a profile.
    private func imported(_ request: HTTPRequest, from: String, _ ruleSet: RuleSet, _ language: Language) -> Result<ImportResult, HTTPResponse> {
        let formats = DiagnosisFormat.allCases.map(\.rawValue)
        guard let format = DiagnosisFormat(rawValue: from) else {
            return .failure(Problem.response(400, code: "unknown-format", Phrase("from attend \(formats.joined(separator: " ou ")), reçu « \(Limits.quoted(from)) »",
                                                                                 en: "from expects \(formats.joined(separator: " or ")), got \"\(Limits.quoted(from))\""),
                                             hint: Spelling.hint(for: from, in: formats), in: language))
        }
        guard let mapping = ruleSet.importMapping(format) else {
            return .failure(Problem.response(404, code: "no-mapping", Phrase("le jeu de règles n'a pas de correspondance pour \(from) (imports/\(format.fileName))",
                                                                             en: "the rule set has no mapping for \(from) (imports/\(format.fileName))"), in: language))
        }
        let read = DiagnosisReader.read(SourceFile(path: "diagnostic", bytes: request.body), format: format)
        guard let diagnosis = read.diagnosis else { return .failure(Problem.profile(read.diagnostics, in: language)) }
        return .success(DiagnosisImport.apply(diagnosis, mapping: mapping, vocabulary: ruleSet.vocabulary))
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
