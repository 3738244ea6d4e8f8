import ParcoursEngine
import ParcoursRendering

/// The OpenAPI 3.1 description of the server, generated from the endpoint table and the JSON
/// Schemas of a rule set (`Schemas`, as `parcours schema` writes them): the ids of rules and
/// schemes and the values of fields are enumerations, so what the document accepts is what the
/// server accepts. Served at `/api/v1/openapi.json`; `parcours schema --out docs/schemas` also
/// writes the shipped rule set's copy to `docs/api/openapi.json`.
package struct OpenAPIDocument: Sendable {
    let ruleSet: RuleSet
    /// Whether the server requires a Bearer token (`serve --token-file`).
    let bearer: Bool

    package init(ruleSet: RuleSet, bearer: Bool = false) {
        self.ruleSet = ruleSet
        self.bearer = bearer
    }

    /// The statuses any request may get before reaching an operation, or when the server is busy.
    static let transportStatuses = [401, 408, 411, 413, 417, 421, 431, 503, 505]

    /// Where the file is shipped, from the repository's root.
    package static let shippedPath = "docs/api/openapi.json"

    /// The schemas the operations use, with their names under `components/schemas`.
    static let embedded: [(SchemaName, String)] = [
        (.profile, "Profile"), (.diagnosisFranceTravail, "DiagnosisFranceTravail"), (.diagnosisCarnetDeBord, "DiagnosisCarnetDeBord"),
        (.recommendation, "Recommendation"), (.explanation, "Explanation"), (.problem, "Problem"),
    ]

    package var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("openapi", .string("3.1.0")),
            ("info", .object([
                ("title", .string("Parcours API")), ("version", .string("1")),
                ("description", .string("Prochaines étapes pour une personne éloignée de l'emploi, à partir d'un jeu de règles déclaratif. Rien n'est stocké ni journalisé. "
                                        + "Chaque réponse porte l'empreinte du jeu de règles (en-tête X-Parcours-Fingerprint). Ce document est tiré du jeu de règles en vigueur : "
                                        + "identifiants des règles et des dispositifs, champs et valeurs d'un profil.")),
                ("license", .object([("name", .string("voir le dépôt"))])),
            ])),
            ("servers", .array([.object([("url", .string("/"))])])),
            ("components", components),
        ]
        if bearer { pairs.append(("security", .array([.object([("bearer", .array([]))])]))) }
        pairs.append(("paths", paths))
        return .object(pairs)
    }

    // MARK: Components

    private var components: JSONValue {
        let schemas = Schemas(ruleSet: ruleSet)
        var definitions: [(String, JSONValue)] = []
        for (name, key) in Self.embedded { definitions += Self.component(schemas.document(name), as: key) }
        definitions.append(("Draft", Self.draftSchema))
        definitions.append(("TransportProblem", .object([
            ("type", .string("object")), ("description", .string("Une requête refusée par le serveur HTTP avant toute opération (RFC 9457).")),
            ("required", .array(["type", "title", "status", "detail"].map(JSONValue.string))),
            ("properties", .object([
                ("type", .object([("const", .string("about:blank"))])), ("title", .object([("type", .string("string"))])),
                ("status", .object([("type", .string("integer"))])), ("detail", .object([("type", .string("string"))])),
            ])),
        ])))
        let transport = Self.transportStatuses.map(String.init).joined(separator: ", ")
        return .object([
            ("securitySchemes", .object([("bearer", .object([
                ("type", .string("http")), ("scheme", .string("bearer")), ("description", .string("Exigé quand le serveur est lancé avec --token-file.")),
            ]))])),
            ("parameters", .object([("date", .object([
                ("name", .string("date")), ("in", .string("query")), ("required", .bool(false)),
                ("description", .string("Les règles en vigueur ce jour (AAAA-MM-JJ, un jour du calendrier à partir de l'an 1) ; aujourd'hui par défaut.")),
                ("schema", .object([("type", .string("string")), ("format", .string("date")), ("pattern", .string(Self.datePattern))])),
            ]))])),
            ("schemas", .object(definitions)),
            ("responses", .object([
                ("Transport", .object([
                    ("description", .string("Refus du serveur avant l'opération (\(transport)) : jeton manquant (401), requête trop lente (408), sans Content-Length (411), "
                                            + "trop grande (413, 431), Expect refusé (417), Host refusé (421), serveur occupé (503, en texte), version HTTP (505), "
                                            + "requête mal formée (400) ; 500 si le jeu de règles en vigueur ce jour-là a des erreurs.")),
                    ("content", .object([
                        ("application/problem+json", .object([("schema", .object([("anyOf", .array([
                            .object([("$ref", .string("#/components/schemas/Problem"))]), .object([("$ref", .string("#/components/schemas/TransportProblem"))]),
                        ]))]))])),
                        ("text/plain", .object([("schema", .object([("type", .string("string"))]))])),
                    ])),
                ])),
            ])),
        ])
    }

    /// The body of `/api/v1/drafts/*` (and, with `base` and `summary`, the change file of `parcours apply`).
    static let draftSchema: JSONValue = .object([
        ("type", .string("object")), ("additionalProperties", .bool(false)), ("required", .array([.string("files")])),
        ("description", .string("Les fichiers changés par-dessus les règles en vigueur.")),
        ("properties", .object([
            ("summary", .object([("type", .string("string")), ("minLength", .int(1)), ("description", .string("Ce qui change, dans les mots de la personne qui rédige."))])),
            ("files", .object([("type", .string("array")), ("maxItems", .int(Draft.Bounds.files)), ("items", .object([
                ("type", .string("object")), ("additionalProperties", .bool(false)), ("required", .array([.string("path"), .string("content")])),
                ("properties", .object([
                    ("path", .object([("type", .string("string")), ("pattern", .string(#"^(?!/)(?!.*(^|/)\.)[A-Za-z0-9_./-]+\.yaml$"#)),
                                      ("description", .string("Relatif au dossier des règles (facts.yaml, cases/x.yaml), ou Scenarios/<dispositif>/scheme.yaml, Scenarios/<dispositif>/cases/x.yaml."))])),
                    ("content", .object([("type", .string("string")), ("description", .string("Le nouveau texte entier du fichier (YAML)."))])),
                    ("base", .object([("type", .string("string")), ("pattern", .string("^([0-9a-f]{64}|absent)$")),
                                      ("description", .string("L'empreinte SHA-256 du fichier d'origine, ou absent pour un fichier nouveau (fichiers de changement)."))])),
                ])),
            ]))])),
        ])),
    ])

    /// A real day, year 1 at least (the engine refuses year 0000).
    static let datePattern = "^(?!0000)[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"

    /// A JSON Schema document as components: its root under `key`, each of its `$defs` under
    /// `key.name`, the references rewritten to match.
    static func component(_ document: JSONValue, as key: String) -> [(String, JSONValue)] {
        guard case .object(let pairs) = document else { return [(key, document)] }
        var root: [(String, JSONValue)] = []
        var definitions: [(String, JSONValue)] = []
        for (name, value) in pairs {
            switch name {
            case "$schema", "$id": continue
            case "$defs":
                if case .object(let defs) = value { definitions = defs.map { ("\(key).\($0.0)", rewritten($0.1, key)) } }
            default: root.append((name, rewritten(value, key)))
            }
        }
        return [(key, .object(root))] + definitions
    }

    private static func rewritten(_ value: JSONValue, _ key: String) -> JSONValue {
        switch value {
        case .object(let pairs):
            return .object(pairs.map { name, inner in
                if name == "$ref", case .string(let target) = inner, target.hasPrefix("#/$defs/") {
                    return (name, .string("#/components/schemas/\(key)." + target.dropFirst("#/$defs/".count)))
                }
                return (name, rewritten(inner, key))
            })
        case .array(let items): return .array(items.map { rewritten($0, key) })
        default: return value
        }
    }

    // MARK: Paths

    private var paths: JSONValue {
        .object(ParcoursService.endpoints.map { endpoint in (endpoint.path, .object([(endpoint.method.lowercased(), operation(endpoint))])) })
    }

    private func operation(_ endpoint: Endpoint) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("operationId", .string(endpoint.operationID)), ("summary", .string(endpoint.summary))]
        var parameters: [JSONValue] = []
        if let parameter = endpoint.parameter {
            let values = parameter.values(ruleSet)
            let schema: JSONValue = values.isEmpty ? .object([("type", .string("string"))]) : .object([("type", .string("string")), ("enum", .array(values.map(JSONValue.string)))])
            parameters.append(.object([("name", .string(parameter.name)), ("in", .string("path")), ("required", .bool(true)),
                                       ("description", .string(parameter.description)), ("schema", schema)]))
        }
        if endpoint.dated { parameters.append(.object([("$ref", .string("#/components/parameters/date"))])) }
        for flag in endpoint.switches {
            parameters.append(.object([("name", .string(flag.name)), ("in", .string("query")), ("required", .bool(false)), ("description", .string(flag.description)),
                                       ("schema", .object([("type", .string("string")), ("enum", .array([.string("true"), .string("false")]))]))]))
        }
        if !parameters.isEmpty { pairs.append(("parameters", .array(parameters))) }
        if let body = requestBody(endpoint.body) { pairs.append(("requestBody", body)) }
        var responses: [(String, JSONValue)] = [("200", success(endpoint.answer))]
        for status in Set(endpoint.failures.map(\.httpStatus)).sorted() {
            let codes = endpoint.failures.filter { $0.httpStatus == status }.map(\.rawValue).joined(separator: ", ")
            responses.append((String(status), .object([
                ("description", .string("Erreur (code : \(codes))")),
                ("content", .object([("application/problem+json", .object([("schema", .object([("$ref", .string("#/components/schemas/Problem"))]))]))])),
            ])))
        }
        responses.append(("default", .object([("$ref", .string("#/components/responses/Transport"))])))
        pairs.append(("responses", .object(responses)))
        return .object(pairs)
    }

    private func requestBody(_ body: Endpoint.Body) -> JSONValue? {
        let (schema, description): (String, String)
        switch body {
        case .none: return nil
        case .profile: (schema, description) = ("Profile", "Un profil, en JSON ou en YAML : les champs de /api/v1/vocabulary ; un champ absent ou null est inconnu.")
        case .diagnosis(.franceTravail): (schema, description) = ("DiagnosisFranceTravail", "Le diagnostic, en JSON ou en YAML, tel que la plateforme l'exporte.")
        case .diagnosis(.carnetDeBord): (schema, description) = ("DiagnosisCarnetDeBord", "Le diagnostic, en JSON ou en YAML, tel que la plateforme l'exporte.")
        case .draft: (schema, description) = ("Draft", "Un brouillon de règles : les fichiers changés, chacun avec son nouveau contenu, par-dessus les règles en vigueur. "
                                                + "Au plus \(Draft.Bounds.files) fichiers, la requête entière au plus 1 Mio ; une évaluation à la fois (503 et Retry-After sinon) ; "
                                                + "l'impact s'arrête après \(Int(Drafts.Bounds.seconds)) s. Rien n'est écrit dans le dossier des règles.")
        }
        let reference = JSONValue.object([("schema", .object([("$ref", .string("#/components/schemas/\(schema)"))]))])
        return .object([("description", .string(description)), ("required", .bool(true)),
                        ("content", .object([("application/json", reference), ("application/yaml", reference)]))])
    }

    private func success(_ answer: Endpoint.Answer) -> JSONValue {
        let (description, mediaType, schema): (String, String, JSONValue)
        switch answer {
        case .asset(let type): (description, mediaType, schema) = ("Le fichier", type, .object([("type", .string("string"))]))
        case .document: (description, mediaType, schema) = ("Document JSON", "application/json", .object([("type", .string("object"))]))
        case .openAPI: (description, mediaType, schema) = ("Ce document", "application/json", .object([("type", .string("object")), ("required", .array([.string("openapi"), .string("paths")]))]))
        case .recommendation: (description, mediaType, schema) = ("La recommandation (contrat JSON de recommend --format json)", "application/json", .object([("$ref", .string("#/components/schemas/Recommendation"))]))
        case .explanation: (description, mediaType, schema) = ("L'explication (explain --format json)", "application/json", .object([("$ref", .string("#/components/schemas/Explanation"))]))
        case .sheet: (description, mediaType, schema) = ("La fiche de la personne (recommend --format fiche), page HTML imprimable sur une page A4", "text/html", .object([("type", .string("string"))]))
        }
        return .object([("description", .string(description)), ("content", .object([(mediaType, .object([("schema", schema)]))]))])
    }
}
