import ParcoursEngine

/// A problem document (RFC 9457 fields, `ProblemJSON`): what the API answers on an error and
/// what the command line prints with `--format json`; `title` and `status` only over HTTP.
extension Schemas {
    var problem: JSONValue {
        typealias B = SchemaBuilder
        let nullableString = B.anyOf([B.string(), B.null()])
        let diagnostic = B.object(required: ["severity", "code", "field", "file", "line", "column", "message", "hint"], [
            ("severity", B.oneOf(["error", "warning"])), ("code", B.string()), ("field", nullableString), ("file", B.string()),
            ("line", B.integer(minimum: 0)), ("column", B.integer(minimum: 0)), ("message", B.string()), ("hint", nullableString),
            ("notes", B.array(B.object(required: ["file", "line", "column", "message"], [
                ("file", B.string()), ("line", B.integer(minimum: 0)), ("column", B.integer(minimum: 0)), ("message", B.string()),
            ]), "les autres endroits en cause (première définition, règle en conflit) ; absent quand il n'y en a pas")),
        ])
        return B.object(required: ["type", "code", "detail"], [
            ("type", B.string("urn:parcours:problem: suivi du code", pattern: "^urn:parcours:problem:[a-z-]+$")),
            ("title", B.string("la raison du statut HTTP (API seulement)")),
            ("status", B.integer("le statut HTTP (API seulement)", minimum: 400, maximum: 599)),
            ("code", B.string("code stable : " + ParcoursError.Code.allCases.map(\.rawValue).joined(separator: ", ") + ", ou une erreur du serveur HTTP",
                              pattern: "^[a-z-]+$")),
            ("detail", B.string("ce qui ne va pas, en français ou en anglais (Accept-Language, LANG)")),
            ("hint", B.string("la correction probable")),
            ("errors", B.array(diagnostic, "les erreurs positionnées (profil, diagnostic ou jeu de règles)")),
        ], "Une erreur (RFC 9457).")
    }
}
