/// An error as a problem document (RFC 9457 fields): what the API answers and what the command
/// line prints on standard output with `--format json`, so that both read the same.
public enum ProblemJSON {
    /// `type`, (`title`, `status` over HTTP), `code`, `detail`, `hint`, `errors`.
    public static func object(code: String, detail: Phrase, hint: Phrase? = nil, errors: [Diagnostic] = [],
                              http: (status: Int, title: String)? = nil, in language: Language) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("type", .string("urn:parcours:problem:\(code)"))]
        if let http { pairs += [("title", .string(http.title)), ("status", .int(http.status))] }
        pairs += [("code", .string(code)), ("detail", .string(detail.text(language)))]
        if let hint { pairs.append(("hint", .string(hint.text(language)))) }
        if !errors.isEmpty { pairs.append(("errors", .array(errors.map { $0.json(in: language) }))) }
        return .object(pairs)
    }
}
