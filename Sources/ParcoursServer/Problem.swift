import HTTPServer
import ParcoursEngine

/// Errors as `application/problem+json` (RFC 9457), with a stable code and, for a bad
/// profile, each diagnostic with its line, column and hint, as the command line gives them.
enum Problem {
    static func response(_ status: Int, code: String, _ detail: String, hint: String? = nil,
                         errors: [JSONValue] = []) -> HTTPResponse {
        var pairs: [(String, JSONValue)] = [
            ("type", .string("urn:parcours:problem:\(code)")),
            ("title", .string(HTTPResponse.reason(status))),
            ("status", .int(status)),
            ("code", .string(code)),
            ("detail", .string(detail)),
        ]
        if let hint { pairs.append(("hint", .string(hint))) }
        if !errors.isEmpty { pairs.append(("errors", .array(errors))) }
        return HTTPResponse(status: status, headers: [("Content-Type", "application/problem+json")],
                            body: Array((JSONValue.object(pairs).rendered() + "\n").utf8))
    }

    static func profile(_ diagnostics: [Diagnostic]) -> HTTPResponse {
        let errors = diagnostics.filter { $0.severity == .error }
        return response(422, code: "invalid-profile", "the profile has \(errors.count) error\(errors.count == 1 ? "" : "s"); no recommendation",
                        errors: diagnostics.map(\.json))
    }

    static func methodNotAllowed(allow: String) -> HTTPResponse {
        var problem = response(405, code: "method-not-allowed", "allowed here: \(allow)")
        problem.headers.append(("Allow", allow))
        return problem
    }
}
