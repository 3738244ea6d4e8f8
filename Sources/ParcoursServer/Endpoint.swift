import HTTPServer
import ParcoursEngine
import ParcoursRendering

/// One operation of the server: a method on a path, what the OpenAPI document says of it, and
/// the adapter that answers it (read the request, call the use-case layer, render). The table
/// of them (`ParcoursService.endpoints`) is what the server dispatches on, what the OpenAPI
/// document lists and what its tests read.
struct Endpoint: Sendable {
    /// What the request body is.
    enum Body: Sendable, Equatable {
        case none
        /// A profile, JSON or YAML (`profile.schema.json`).
        case profile
        /// Another platform's diagnosis (`diagnosis-*.schema.json`).
        case diagnosis(DiagnosisFormat)
        /// A draft rule set (`Draft`: changed files over the rules in force).
        case draft
    }

    /// What a successful answer is.
    enum Answer: Sendable, Equatable {
        /// A file of the page, of this media type.
        case asset(String)
        /// A JSON document without a published schema (vocabulary, catalogue…).
        case document
        /// The OpenAPI document itself.
        case openAPI
        /// `recommendation.schema.json`.
        case recommendation
        /// `explanation.schema.json`.
        case explanation
        /// The person's printable sheet (`text/html`).
        case sheet
    }

    /// A `?name=true|false` switch of the query (false when absent).
    struct QuerySwitch: Sendable {
        let name: String
        let description: String
    }

    /// A `{name}` segment of the path: its values (from the rule set in force) and what it names.
    struct PathParameter: Sendable {
        let name: String
        let description: String
        let values: @Sendable (RuleSet) -> [String]
    }

    /// `GET` (HEAD is answered too) or `POST`.
    let method: String
    /// The path, with at most one `{name}` segment.
    let path: String
    let operationID: String
    /// What it does, in French (the document's summary).
    let summary: String
    /// Whether `?date=AAAA-MM-JJ` chooses the rules in force.
    var dated = false
    var parameter: PathParameter?
    var switches: [QuerySwitch] = []
    var body = Body.none
    let answer: Answer
    /// The use-case errors it may answer (their HTTP statuses are listed in the document).
    var failures: [ParcoursError.Code] = []
    let handler: @Sendable (Call) throws(ParcoursError) -> HTTPResponse

    /// The methods the path accepts, as in `Allow`.
    var allowed: [String] { method == "GET" ? ["GET", "HEAD"] : [method] }

    /// The value of the `{name}` segment when `path` is this endpoint's path, nil when not.
    func match(_ path: String) -> [String]? {
        let pattern = self.path.split(separator: "/", omittingEmptySubsequences: false)
        let given = path.split(separator: "/", omittingEmptySubsequences: false)
        guard pattern.count == given.count else { return nil }
        var captured: [String] = []
        for (expected, segment) in zip(pattern, given) {
            if expected.hasPrefix("{") && expected.hasSuffix("}") {
                guard !segment.isEmpty else { return nil }
                captured.append(String(segment))
            } else if expected != segment {
                return nil
            }
        }
        return captured
    }

    /// One request routed to an endpoint, with what the adapter needs to answer it.
    struct Call {
        let service: ParcoursService
        let request: HTTPRequest
        let snapshot: RuleSetStore.Snapshot
        /// The value of the path's `{name}` segment, if it has one.
        let segment: String?

        /// The rules in force on `?date=`, today without it.
        func rules() throws(ParcoursError) -> RulesInForce {
            try snapshot.rules(on: request.parameter("date"))
        }

        /// The value of a `?name=true|false` switch; another value is refused (400).
        func flag(_ name: String) throws(ParcoursError) -> Bool {
            switch request.parameter(name) {
            case nil, "false": return false
            case "true": return true
            case let other?:
                throw ParcoursError(.unknownFormat, Phrase("?\(name)= vaut true ou false, pas « \(Limits.quoted(other)) »",
                                                           en: "?\(name)= is true or false, not \"\(Limits.quoted(other))\""))
            }
        }

        /// The body as a profile file.
        var profile: ProfileInput { .file(SourceFile(path: "profil", bytes: request.body)) }

        /// The answer of `value`, with the rule set's fingerprint.
        func json(_ value: JSONValue, _ ruleSet: RuleSet) -> HTTPResponse {
            json(value.bytes(), ruleSet)
        }

        func json(_ bytes: [UInt8], _ ruleSet: RuleSet) -> HTTPResponse {
            HTTPResponse(status: 200, headers: [("Content-Type", "application/json"), ("X-Parcours-Fingerprint", ruleSet.fingerprint)], body: bytes + [0x0A])
        }
    }
}
