import Foundation
import Synchronization
import Testing
import HTTPServer
import HTTPTestSupport
import ParcoursEngine
@testable import ParcoursServer

/// The server over real sockets on an ephemeral loopback port: the API answers as the CLI
/// does, each refusal has its status, slow clients are cut off, reloads swap atomically.
@Suite("HTTP server and API", .serialized)
struct ServerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A running server over `rules` (a copy can be edited), stopped by `stop()`.
    final class Running: @unchecked Sendable {
        let server: Server
        let store: RuleSetStore
        let thread: Thread
        let box = Box()
        init(rules: String = ServerTests.root + "/Rules", scenarios: String? = ServerTests.root + "/Scenarios",
             token: String? = nil, services: ServiceDirectory? = nil, clock: Clock = .system, sampledCaseload: Int? = nil,
             configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
            store = try RuleSetStore(rules: rules, scenarios: scenarios, clock: clock)
            var configuration = ServerConfiguration()
            configuration.port = 0
            configure(&configuration)
            let holder = box
            server = try Server(configuration: configuration) { holder.service?.handle($0) ?? HTTPResponse(status: 503) }
            // A smaller sample than the server's default keeps the draft impacts quick in a debug build.
            let vocabulary = store.snapshot.loaded.ruleSet.vocabulary
            let caseload = sampledCaseload.map { Caseload.sample(vocabulary: vocabulary, count: $0) }
            holder.service = ParcoursService(store: store, token: token, allowedHosts: ParcoursService.loopbackHosts(port: server.port), services: services,
                                             caseload: caseload)
            let server = self.server
            thread = Thread { server.run() }
            thread.start()
        }
        var port: Int { server.port }
        var service: ParcoursService? { box.service }
        /// A client of this server; `timeout` for the slow operations (a draft's replay and
        /// impact take seconds on a debug build of a busy machine).
        func client(timeout: Int = 10) throws -> RawClient { try RawClient(port: port, timeout: timeout) }
        func stop() { server.stop() }
        final class Box: @unchecked Sendable { var service: ParcoursService? }
    }

    static func profile(_ name: String) throws -> String {
        try String(contentsOfFile: root + "/Tests/ParcoursCommandsTests/Golden/" + name, encoding: .utf8)
    }

    /// A server started just before midnight answers with the next day's rules after it,
    /// without a reload: the day is resolved at each request.
    @Test func theDayTurnsWithoutAReload() throws {
        let now = try MovableClock(at: "2026-12-31 23:59:50")
        let running = try Running(clock: now.clock)
        defer { running.stop() }
        let client = try running.client()
        defer { client.close() }
        func day() throws -> String? {
            client.send(RawClient.request("GET", "/api/v1/ruleset"))
            let response = try #require(client.response())
            let object = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any]
            return object?["date"] as? String
        }
        #expect(try day() == "2026-12-31")
        now.advance(by: 10)
        #expect(try day() == "2027-01-01")
        client.send(RawClient.request("POST", "/api/v1/recommend", body: #"{"age": 30}"#))
        let answer = try #require(client.response())
        #expect(answer.status == 200 && answer.body.contains("\"date\": \"2027-01-01\""))
    }

    /// Rules that stop loading at midnight (a rule in force from the new day conflicts) make
    /// /healthz fail, not only the recommendations.
    @Test func healthSaysWhenTodaysRulesDoNotLoad() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-health-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Self.root + "/Rules", toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Same condition and priority as autonomie_faible_projet_defini_emploi, another route: a conflict from 2027-01-01.
        try """
        rules:
          - id: zz_conflit_du_nouvel_an
            title: Conflit fictif
            source: "parcours (test)"
            priority: 50
            valid_from: 2027-01-01
            when:
              all:
                - peu_autonome
                - project = defined
            route: immersion
            why: "Test."

        """.write(toFile: folder + "/zz-conflit.yaml", atomically: true, encoding: .utf8)
        let now = try MovableClock(at: "2026-12-31 23:59:50")
        let running = try Running(rules: folder, clock: now.clock)
        defer { running.stop() }
        let client = try running.client()
        defer { client.close() }
        client.send(RawClient.request("GET", "/healthz"))
        let healthy = try #require(client.response())
        #expect(healthy.status == 200)
        // The log lines dropped so far (none: this server's log is not written).
        #expect(healthy.body.contains("\"log_lines_dropped\": 0"), "\(healthy.body)")
        now.advance(by: 10)
        client.send(RawClient.request("GET", "/healthz"))
        let failing = try #require(client.response())
        #expect(failing.status == 500 && failing.body.contains("urn:parcours:problem:rule-set") && failing.body.contains("route-conflict"))
    }

    @Test func recommendAnswersTheContractOfTheCommandLine() throws {
        let running = try Running()
        defer { running.stop() }
        let ruleSet = running.store.snapshot.loaded.ruleSet
        let client = try running.client()
        defer { client.close() }
        // Several requests on one kept-alive connection.
        for name in ["jeune-parent-isole.yaml", "sortant-detention.yaml", "profil-vide.yaml"] {
            let text = try Self.profile(name)
            client.send(RawClient.request("POST", "/api/v1/recommend", body: text))
            let response = try #require(client.response())
            #expect(response.status == 200)
            let profile = try #require(ProfileLoader.load(SourceFile(path: "p", text: text), vocabulary: ruleSet.vocabulary).profile)
            #expect(response.body == Evaluator(ruleSet: ruleSet).recommend(profile).json.rendered() + "\n")
            #expect(response.headers["x-parcours-fingerprint"] == ruleSet.fingerprint)
            #expect(response.headers["cache-control"] == "no-store")
            #expect(response.headers["content-security-policy"]?.contains("script-src 'self'") == true)
        }
    }

    @Test func documentsForClients() throws {
        let running = try Running()
        defer { running.stop() }
        let client = try running.client()
        defer { client.close() }
        for path in ["/api/v1/vocabulary", "/api/v1/catalogue", "/api/v1/schemes", "/api/v1/ruleset", "/api/v1/openapi.json", "/healthz", "/api/v1/vocabulary?date=2015-06-01"] {
            client.send(RawClient.request("GET", path))
            let response = try #require(client.response())
            #expect(response.status == 200, "\(path)")
            #expect((try? JSONSerialization.jsonObject(with: Data(response.body.utf8))) != nil, "\(path) is not JSON")
        }
        client.send(RawClient.request("GET", "/api/v1/vocabulary"))
        let vocabulary = try #require(client.response())
        #expect(vocabulary.body.contains("\"question\": \"Quel âge a la personne ?\""))
        #expect(vocabulary.body.contains("\"group\": \"freins\""))
        client.send(RawClient.request("GET", "/"))
        let page = try #require(client.response())
        #expect(page.status == 200 && page.body.contains("<html lang=\"fr\">") && !page.body.contains("<script>"))
        // The served OpenAPI document is generated from the rule set in force, and names every endpoint.
        client.send(RawClient.request("GET", "/api/v1/openapi.json"))
        let document = try #require(client.response())
        #expect(document.body == OpenAPIDocument(ruleSet: running.store.snapshot.loaded.ruleSet).json.rendered() + "\n")
        for endpoint in ParcoursService.endpoints { #expect(document.body.contains("\"\(endpoint.path)\": {\n      \"\(endpoint.method.lowercased())\""), "\(endpoint.path) undocumented") }
        // The page's files are served as they are in Sources/ParcoursServer/Page/ (embedded by the build).
        for (path, file) in [("/", "index.html"), ("/parcours.js", "parcours.js"), ("/parcours.css", "parcours.css"), ("/accessibilite", "accessibilite.html")] {
            client.send(RawClient.request("GET", path))
            let served = try #require(client.response())
            #expect(served.body == (try String(contentsOfFile: Self.root + "/Sources/ParcoursServer/Page/" + file, encoding: .utf8)), "\(path)")
        }
    }

    /// A France Travail diagnosis posted to /api/v1/recommend/france-travail answers as
    /// `recommend --from france-travail --format json`; the old query form says where to go.
    @Test func recommendFromADiagnosis() throws {
        let running = try Running()
        defer { running.stop() }
        let ruleSet = running.store.snapshot.loaded.ruleSet
        let client = try running.client()
        defer { client.close() }
        let text = try String(contentsOfFile: Self.root + "/docs/examples/diagnostic-france-travail.json", encoding: .utf8)
        client.send(RawClient.request("POST", "/api/v1/recommend/france-travail", body: text))
        let response = try #require(client.response())
        #expect(response.status == 200)
        let mapping = try #require(ruleSet.importMapping(.franceTravail))
        let diagnosis = try #require(DiagnosisReader.read(SourceFile(path: "diagnostic", text: text), format: .franceTravail).diagnosis)
        let imported = DiagnosisImport.apply(diagnosis, mapping: mapping, vocabulary: ruleSet.vocabulary)
        let expected = Evaluator(ruleSet: ruleSet).recommend(imported.profile).jsonBytes(imported: imported, vocabulary: ruleSet.vocabulary)
        #expect(response.body == String(decoding: expected, as: UTF8.self) + "\n")
        #expect(response.body.contains("\"unmapped\": [") && response.body.contains("\"code\": \"11\""))
        client.send(RawClient.request("POST", "/api/v1/recommend/france-travial", body: text))
        let unknown = try #require(client.response())
        #expect(unknown.status == 404 && unknown.body.contains("/api/v1/openapi.json"))
        client.send(RawClient.request("POST", "/api/v1/recommend?from=france-travail", body: text))
        let moved = try #require(client.response())
        #expect(moved.status == 400 && moved.body.contains("POST /api/v1/recommend/france-travail"))
        client.send(RawClient.request("POST", "/api/v1/recommend/carnet-de-bord", body: #"{"situations": 3}"#))
        #expect(client.response()?.status == 422)
        let notebook = try String(contentsOfFile: Self.root + "/docs/examples/carnet-de-bord.json", encoding: .utf8)
        client.send(RawClient.request("POST", "/api/v1/recommend/carnet-de-bord", body: notebook))
        let fromNotebook = try #require(client.response())
        #expect(fromNotebook.status == 200 && fromNotebook.body.contains("\"format\": \"carnet-de-bord\""))
    }

    /// `serve --services`: each step of the answer names its nearby services.
    @Test func recommendNamesLocalServices() throws {
        let directory = try #require(ServiceDirectoryReader.load(path: Self.root + "/docs/examples/services-exemple.jsonl").directory)
        let running = try Running(services: directory)
        defer { running.stop() }
        let client = try running.client()
        defer { client.close() }
        client.send(RawClient.request("POST", "/api/v1/recommend", body: #"{"age": 22, "department": 35, "barriers": ["mobility"], "driving_licence": false}"#))
        let response = try #require(client.response())
        #expect(response.status == 200 && response.body.contains("\"services\": [") && response.body.contains("\"id\": \"v-mob-diag\""))
    }

    @Test func explainAndProblems() throws {
        let running = try Running()
        defer { running.stop() }
        let client = try running.client()
        defer { client.close() }
        client.send(RawClient.request("POST", "/api/v1/explain/rule/referent_jeune_mission_locale", body: "{\"age\": 20}"))
        let explained = try #require(client.response())
        #expect(explained.status == 200 && explained.body.contains("\"value\": \"true\""))
        let scheme = try #require(running.store.snapshot.loaded.ruleSet.schemes.first?.id)
        client.send(RawClient.request("POST", "/api/v1/explain/scheme/\(scheme)", body: "{\"age\": 20}"))
        let criteria = try #require(client.response())
        #expect(criteria.status == 200 && criteria.body.contains("\"scheme\": \"\(scheme)\""))
        client.send(RawClient.request("POST", "/api/v1/explain/rule/referent_jeune_missionlocale", body: "{}"))
        let unknown = try #require(client.response())
        #expect(unknown.status == 404 && unknown.headers["content-type"] == "application/problem+json")
        #expect(unknown.body.contains("vouliez-vous dire"))
        client.send(RawClient.request("POST", "/api/v1/recommend", body: "age: vingt\nautonomy: 9\n"))
        let bad = try #require(client.response())
        #expect(bad.status == 422)
        #expect(bad.body.contains("\"line\": 1") && bad.body.contains("\"column\": 6") && bad.body.contains("\"line\": 2"))
        #expect(bad.body.contains("\"field\": \"age\"") && bad.body.contains("\"field\": \"autonomy\""))
        // French unless the client prefers English (Accept-Language, weights honoured).
        #expect(bad.headers["content-language"] == "fr" && bad.body.contains("\"detail\": \"le profil a 2 erreurs ; pas de recommandation\""))
        #expect(bad.body.contains("nombre entier attendu pour age"))
        client.send(RawClient.request("POST", "/api/v1/recommend", body: "age: vingt\n", headers: ["Accept-Language: fr;q=0.5, en-GB"]))
        let english = try #require(client.response())
        #expect(english.headers["content-language"] == "en" && english.body.contains("\"detail\": \"the profile has 1 error; no recommendation\""))
        #expect(english.body.contains("expected a whole number for age"))
        // A one-line JSON profile (the fast path) answers like the YAML reader, field included.
        client.send(RawClient.request("POST", "/api/v1/recommend", body: #"{"age": 30, "autonomy": 9}"#))
        let json = try #require(client.response())
        #expect(json.status == 422 && json.body.contains("\"field\": \"autonomy\"") && json.body.contains("\"column\": 25"))
        client.send(RawClient.request("POST", "/api/v1/recommend?date=2026-13-01", body: "{}"))
        #expect(client.response()?.status == 400)
        client.send(RawClient.request("GET", "/api/v1/recommend"))
        let method = try #require(client.response())
        #expect(method.status == 405 && method.headers["allow"] == "POST")
        client.send(RawClient.request("GET", "/nulle-part"))
        #expect(client.response()?.status == 404)
        client.send(RawClient.request("POST", "/api/v1/explain/rule/", body: "{}"))
        #expect(client.response()?.status == 404)
    }

    /// The standard methods a path does not take get 405 with `Allow`, TRACE and CONNECT
    /// included; only a method the server does not know gets 501.
    @Test func standardMethodsGet405WithAllow() throws {
        let running = try Running()
        defer { running.stop() }
        for method in ["TRACE", "CONNECT", "QUERY", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            for (path, allow) in [("/api/v1/recommend", "POST"), ("/api/v1/vocabulary", "GET, HEAD"), ("/healthz", "GET, HEAD"), ("/api/v1/explain/rule/x", "POST")] {
                let client = try running.client()
                defer { client.close() }
                client.send("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n")
                let response = try #require(client.response())
                #expect(response.status == 405 && response.headers["allow"] == allow, "\(method) \(path)")
                #expect(response.headers["content-type"] == "application/problem+json")
            }
        }
    }

    /// Each refusal with its status; the connection is closed after a refused request.
    @Test(arguments: [
        (RawRequest("POST /api/v1/recommend HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"), 411),
        (RawRequest("BREW /pot HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), 501),
        (RawRequest("POST /api/v1/recommend HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}"), 417),
        (RawRequest("GET /\r\n\r\n"), 400),
        (RawRequest("GET / HTTP/1.1 extra\r\nHost: 127.0.0.1\r\n\r\n"), 400),
        (RawRequest("GET / HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n"), 505),
        (RawRequest("GET / HTTP/1.1\r\n\r\n"), 400),
        (RawRequest("GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n"), 421),
        (RawRequest("POST /api/v1/recommend HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2000000\r\n\r\n"), 413),
        (RawRequest("POST /api/v1/recommend HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n"), 400),
        (RawRequest("POST /api/v1/recommend HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999999999999\r\n\r\n"), 400),
        (RawRequest("POST /api/v1/recommend HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"), 400),
        (RawRequest("POST /api/v1/recommend HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), 411),
        (RawRequest("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + String(repeating: "a", count: 17_000) + "\r\n\r\n"), 431),
        (RawRequest("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n"), 400),
        (RawRequest("\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\u{01}\r\n\r\n"), 400),
    ])
    func refusals(request: RawRequest, status: Int) throws {
        let running = try Running()
        defer { running.stop() }
        let client = try running.client()
        defer { client.close() }
        client.send(request.text)
        let response = try #require(client.response())
        #expect(response.status == status)
        if status == 421 { #expect(response.body.contains("host-not-allowed")) } else { #expect(client.isClosed()) }
    }

    /// A refusal quoting the client's bytes is still valid JSON.
    @Test func refusalsAreValidJSON() throws {
        let running = try Running()
        defer { running.stop() }
        let client = try running.client()
        defer { client.close() }
        client.send("POST /api/v1/recommend HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: \"x\\y\u{1}é\r\nContent-Length: 2\r\n\r\n{}")
        let response = try #require(client.response())
        #expect(response.status == 417)
        #expect((try? JSONSerialization.jsonObject(with: Data(response.body.utf8))) != nil, "\(response.body)")
    }

    @Test func tokenIsRequiredWhenSet() throws {
        let running = try Running(token: "0123456789abcdef0123")
        defer { running.stop() }
        let client = try running.client()
        defer { client.close() }
        client.send(RawClient.request("GET", "/api/v1/ruleset"))
        #expect(client.response()?.status == 401)
        client.send(RawClient.request("GET", "/api/v1/ruleset", headers: ["Authorization: Bearer 0123456789abcdef0124"]))
        #expect(client.response()?.status == 401)
        client.send(RawClient.request("GET", "/api/v1/ruleset", headers: ["Authorization: Bearer 0123456789abcdef0123"]))
        #expect(client.response()?.status == 200)
        // The scheme is case-insensitive (RFC 9110, 11.1); the token is not.
        client.send(RawClient.request("GET", "/api/v1/ruleset", headers: ["Authorization: bearer 0123456789abcdef0123"]))
        #expect(client.response()?.status == 200)
        client.send(RawClient.request("GET", "/api/v1/ruleset", headers: ["Authorization: BEARER  0123456789abcdef0123"]))
        #expect(client.response()?.status == 200)
        client.send(RawClient.request("GET", "/api/v1/ruleset", headers: ["Authorization: bearer 0123456789ABCDEF0123"]))
        #expect(client.response()?.status == 401)
        client.send(RawClient.request("GET", "/api/v1/ruleset", headers: ["Authorization: Basic 0123456789abcdef0123"]))
        #expect(client.response()?.status == 401)
    }

    /// Rules edited under concurrent requests: every answer is computed with one whole rule
    /// set (its header and its body name the same fingerprint); a broken edit keeps the old one.
    @Test func reloadSwapsAtomically() throws {
        let directory = NSTemporaryDirectory() + "parcours-reload-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Self.root + "/Rules", toPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let running = try Running(rules: directory, scenarios: nil)
        defer { running.stop() }
        let before = running.store.snapshot.loaded.ruleSet.fingerprint
        let mixed = Counter(), answered = Counter()
        let profile = try Self.profile("jeune-parent-isole.yaml")
        let group = DispatchGroup()
        for _ in 0..<4 {
            DispatchQueue.global().async(group: group) {
                guard let client = try? running.client() else { return }
                defer { client.close() }
                for _ in 0..<60 {
                    client.send(RawClient.request("POST", "/api/v1/recommend", body: profile))
                    guard let response = client.response() else { return }
                    answered.add()
                    if let header = response.headers["x-parcours-fingerprint"], !response.body.contains(header) { mixed.add() }
                }
            }
        }
        for round in 0..<6 {
            let path = directory + "/autonomy.yaml"
            var text = try String(contentsOfFile: path, encoding: .utf8)
            text = text.replacingOccurrences(of: "priority: 50", with: "priority: \(51 + round)")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(running.store.reload().accepted)
        }
        group.wait()
        #expect(answered.value == 240)
        #expect(mixed.value == 0)
        let after = running.store.snapshot.loaded.ruleSet.fingerprint
        #expect(after != before)
        try "rules: [ broken".write(toFile: directory + "/zz-broken.yaml", atomically: true, encoding: .utf8)
        let refused = running.store.reload()
        #expect(!refused.accepted && refused.diagnostics.contains { $0.location.file.hasSuffix("zz-broken.yaml") })
        #expect(running.store.snapshot.loaded.ruleSet.fingerprint == after)
        let client = try running.client()
        defer { client.close() }
        client.send(RawClient.request("GET", "/api/v1/ruleset"))
        let report = try #require(client.response())
        #expect(report.body.contains("\"accepted\": false") && report.body.contains("zz-broken.yaml"))
    }

    /// Random mutations of valid requests: the server answers or closes, never dies, and still
    /// serves afterwards.
    @Test func mutatedRequestsNeverBreakTheServer() throws {
        let running = try Running { $0.readTimeout = 1 }
        defer { running.stop() }
        let valid = RawClient.request("POST", "/api/v1/recommend?date=2026-11-22", body: #"{"age": 22, "barriers": ["mobility"]}"#)
        var state: UInt64 = 42
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        for _ in 0..<300 {
            var bytes = Array(valid.utf8)
            for _ in 0..<(1 + next() % 4) {
                let at = next() % bytes.count
                switch next() % 3 {
                case 0: bytes[at] = UInt8(next() % 256)
                case 1: bytes.insert(UInt8(next() % 256), at: at)
                default: bytes.remove(at: at)
                }
            }
            let client = try running.client()
            client.send(bytes)
            client.finishSending()  // a half-closed socket: the server must not wait for more
            _ = client.response()
            client.close()
        }
        let client = try running.client()
        defer { client.close() }
        client.send(RawClient.request("GET", "/healthz"))
        #expect(client.response()?.status == 200)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// A clock the tests move by hand, starting at a local time (`yyyy-MM-dd HH:mm:ss`, `TZ`).
final class MovableClock: Sendable {
    private let seconds: Mutex<Int>

    init(at local: String) throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        seconds = Mutex(Int(try #require(formatter.date(from: local)).timeIntervalSince1970))
    }

    var clock: Clock { Clock { self.seconds.withLock { $0 } } }

    func advance(by delta: Int) { seconds.withLock { $0 += delta } }
}
