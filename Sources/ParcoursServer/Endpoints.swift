import HTTPServer
import ParcoursEngine
import ParcoursRendering

extension ParcoursService {
    /// Every operation of the server, in the order the OpenAPI document lists them.
    static let endpoints: [Endpoint] = pages + documents + [recommend] + DiagnosisFormat.allCases.map(importing) + [sheet, explainRule, explainScheme] + workshopEndpoints + draftEndpoints

    /// The page and the health check.
    private static let pages: [Endpoint] = [
        Endpoint(method: "GET", path: "/", operationID: "page", summary: "La page des conseillères et conseillers", answer: .asset("text/html; charset=utf-8")) { _ throws(ParcoursError) in
            HTTPResponse(status: 200, contentType: "text/html; charset=utf-8", text: PageAssets.html)
        },
        Endpoint(method: "GET", path: "/parcours.js", operationID: "pageScript", summary: "Le script de la page", answer: .asset("text/javascript; charset=utf-8")) { _ throws(ParcoursError) in
            HTTPResponse(status: 200, contentType: "text/javascript; charset=utf-8", text: PageAssets.script)
        },
        Endpoint(method: "GET", path: "/parcours.css", operationID: "pageStyle", summary: "La feuille de style de la page", answer: .asset("text/css; charset=utf-8")) { _ throws(ParcoursError) in
            HTTPResponse(status: 200, contentType: "text/css; charset=utf-8", text: PageAssets.style)
        },
        Endpoint(method: "GET", path: "/accessibilite", operationID: "accessibilityStatement", summary: "La déclaration d'accessibilité de la page", answer: .asset("text/html; charset=utf-8")) { _ throws(ParcoursError) in
            HTTPResponse(status: 200, contentType: "text/html; charset=utf-8", text: PageAssets.accessibility)
        },
        // Healthy means today's rules answer: past midnight, a rule set that does not load on the
        // new day is a failure here too, not only on every recommendation.
        Endpoint(method: "GET", path: "/healthz", operationID: "health", summary: "État du serveur et empreinte des règles en vigueur aujourd'hui",
                 answer: .document, failures: [.invalidRuleSet]) { call throws(ParcoursError) in
            let today = try call.snapshot.rules().ruleSet
            return call.json(.object([("status", .string("ok")), ("fingerprint", .string(today.fingerprint)),
                                      ("log_lines_dropped", .int(call.service.droppedLogLines()))]), today)
        },
    ]

    /// The read-only documents of the API.
    private static let documents: [Endpoint] = [
        Endpoint(method: "GET", path: "/api/v1/openapi.json", operationID: "openapi", summary: "Ce document, tiré du jeu de règles en vigueur aujourd'hui", answer: .openAPI) { call throws(ParcoursError) in
            let ruleSet = (try? call.snapshot.rules())?.ruleSet ?? call.snapshot.loaded.ruleSet
            return call.json(OpenAPIDocument(ruleSet: ruleSet, bearer: call.service.token != nil).json, ruleSet)
        },
        Endpoint(method: "GET", path: "/api/v1/vocabulary", operationID: "vocabulary", summary: "Champs d'un profil : types, valeurs, libellés et questions en français, groupes",
                 dated: true, answer: .document, failures: [.badDate]) { call throws(ParcoursError) in
            let ruleSet = try call.rules().ruleSet
            return call.json(APIDocuments.vocabulary(ruleSet), ruleSet)
        },
        Endpoint(method: "GET", path: "/api/v1/catalogue", operationID: "catalogue", summary: "Parcours, étapes, partenaires, immersions et actions",
                 dated: true, answer: .document, failures: [.badDate]) { call throws(ParcoursError) in
            let ruleSet = try call.rules().ruleSet
            return call.json(APIDocuments.catalogue(ruleSet), ruleSet)
        },
        Endpoint(method: "GET", path: "/api/v1/schemes", operationID: "schemes", summary: "Dispositifs : critères et étapes",
                 dated: true, answer: .document, failures: [.badDate]) { call throws(ParcoursError) in
            let ruleSet = try call.rules().ruleSet
            return call.json(APIDocuments.schemes(ruleSet), ruleSet)
        },
        Endpoint(method: "GET", path: "/api/v1/ruleset", operationID: "ruleset", summary: "Empreinte, date, nombres, dernier rechargement et ses erreurs",
                 dated: true, answer: .document, failures: [.badDate]) { call throws(ParcoursError) in
            let ruleSet = try call.rules().ruleSet
            return call.json(APIDocuments.ruleSet(ruleSet, snapshot: call.snapshot, reload: call.service.store.lastReloadReport), ruleSet)
        },
    ]

    /// A profile's recommendation: byte for byte what `parcours recommend --format json` prints.
    private static let recommend = Endpoint(
        method: "POST", path: "/api/v1/recommend", operationID: "recommend", summary: "Recommandation pour un profil",
        dated: true, body: .profile, answer: .recommendation, failures: [.badDate, .invalidProfile]
    ) { call throws(ParcoursError) in
        if let from = call.request.parameter("from") {
            // The query form of 0.x: the body is a diagnosis, which now has its own operation.
            throw ParcoursError(.unknownFormat, Phrase("?from= n'existe plus : envoyez le diagnostic à POST /api/v1/recommend/\(Limits.quoted(from))",
                                                       en: "?from= is gone: post the diagnosis to POST /api/v1/recommend/\(Limits.quoted(from))"),
                                hint: Phrase("les opérations : /api/v1/openapi.json", en: "the operations: /api/v1/openapi.json"))
        }
        let rules = try call.rules()
        return call.json(try rules.recommend(call.profile, services: call.service.services).jsonBytes, rules.ruleSet)
    }

    /// The person's sheet for a profile: `parcours recommend --format fiche` as a printable page.
    private static let sheet = Endpoint(
        method: "POST", path: "/api/v1/fiche", operationID: "sheet", summary: "Fiche de la personne pour un profil, page HTML imprimable (recommend --format fiche)",
        dated: true, switches: [.init(name: "include_discreet", description: "true : la fiche garde les entrées discrètes (false par défaut)")],
        body: .profile, answer: .sheet, failures: [.badDate, .invalidProfile, .unknownFormat]
    ) { call throws(ParcoursError) in
        let includeDiscreet = try call.flag("include_discreet")
        let rules = try call.rules()
        let answer = try rules.recommend(call.profile, services: nil)
        let page = PersonSheetPage.html(answer.sheet(includeDiscreet: includeDiscreet))
        return HTTPResponse(status: 200, headers: [("Content-Type", "text/html; charset=utf-8"), ("X-Parcours-Fingerprint", rules.ruleSet.fingerprint)], body: Array(page.utf8))
    }

    /// Another platform's diagnosis imported through `Rules/imports/`, then recommended:
    /// `parcours recommend --from FORMAT --format json`, import report included.
    private static func importing(_ format: DiagnosisFormat) -> Endpoint {
        Endpoint(method: "POST", path: "/api/v1/recommend/\(format.rawValue)", operationID: "recommendFrom" + format.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(),
                 summary: "Recommandation pour un diagnostic \(format.label.fr), importé par Rules/imports/ ; la réponse porte import (repris, non repris, non abordés)",
                 dated: true, body: .diagnosis(format), answer: .recommendation, failures: [.badDate, .invalidDiagnosis, .noMapping]) { call throws(ParcoursError) in
            let rules = try call.rules()
            let input = ProfileInput.diagnosis(SourceFile(path: "diagnostic", bytes: call.request.body), format)
            return call.json(try rules.recommend(input, services: call.service.services).jsonBytes, rules.ruleSet)
        }
    }

    /// Why a rule applies or not, for a profile (`parcours explain --rule`).
    private static let explainRule = Endpoint(
        method: "POST", path: "/api/v1/explain/rule/{rule}", operationID: "explainRule",
        summary: "Pourquoi une règle s'applique ou non, pour un profil", dated: true,
        parameter: .init(name: "rule", description: "l'identifiant d'une règle en vigueur ce jour-là", values: { $0.rules.map(\.id) }),
        body: .profile, answer: .explanation, failures: [.badDate, .invalidProfile, .unknownRule]
    ) { call throws(ParcoursError) in
        let rules = try call.rules()
        return call.json(ExplanationJSON.json(try rules.explain(.rule(call.segment ?? ""), for: call.profile), ruleSet: rules.ruleSet), rules.ruleSet)
    }

    /// A scheme's criteria for a profile (`parcours explain --scheme`).
    private static let explainScheme = Endpoint(
        method: "POST", path: "/api/v1/explain/scheme/{scheme}", operationID: "explainScheme",
        summary: "Les critères d'un dispositif, pour un profil", dated: true,
        parameter: .init(name: "scheme", description: "l'identifiant d'un dispositif en vigueur ce jour-là", values: { $0.schemes.map(\.id) }),
        body: .profile, answer: .explanation, failures: [.badDate, .invalidProfile, .unknownScheme]
    ) { call throws(ParcoursError) in
        let rules = try call.rules()
        return call.json(ExplanationJSON.json(try rules.explain(.scheme(call.segment ?? ""), for: call.profile), ruleSet: rules.ruleSet), rules.ruleSet)
    }
}
