import HTTPServer
import ParcoursEngine
import ParcoursRendering

/// Errors as `application/problem+json` (RFC 9457), with a stable code and, for a bad
/// profile, each diagnostic with its line, column and hint, as the command line gives them.
enum Problem {
    /// The language of a response: French unless the request's `Accept-Language` prefers
    /// English (`en`, `en-GB`…) to French; weights (`q=`) are honoured.
    static func language(_ acceptLanguage: String?) -> Language {
        guard let acceptLanguage else { return .fr }
        var best: (Language, Double)?
        for item in acceptLanguage.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = parts.first else { continue }
            let language: Language? = tag == "fr" || tag.hasPrefix("fr-") ? .fr : tag == "en" || tag.hasPrefix("en-") ? .en : nil
            guard let language else { continue }
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if weight > 0, weight > (best?.1 ?? 0) { best = (language, weight) }
        }
        return best?.0 ?? .fr
    }

    static func response(_ status: Int, code: String, _ detail: Phrase, hint: Phrase? = nil,
                         errors: [Diagnostic] = [], in language: Language) -> HTTPResponse {
        send(status, ProblemJSON.object(code: code, detail: detail, hint: hint, errors: errors, http: (status, HTTPResponse.reason(status)), in: language), in: language)
    }

    private static func send(_ status: Int, _ problem: JSONValue, in language: Language) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/problem+json"), ("Content-Language", language.rawValue)],
                     body: Array((problem.rendered() + "\n").utf8))
    }

    /// A use case's error, with the HTTP status its code gives.
    static func response(_ error: ParcoursError, in language: Language) -> HTTPResponse {
        let status = error.code.httpStatus
        return send(status, error.problem(in: language, http: (status, HTTPResponse.reason(status))), in: language)
    }

    static func methodNotAllowed(allow: String, in language: Language) -> HTTPResponse {
        var problem = response(405, code: "method-not-allowed", Phrase("méthodes permises ici : \(allow)", en: "allowed here: \(allow)"), in: language)
        problem.headers.append(("Allow", allow))
        return problem
    }
}
