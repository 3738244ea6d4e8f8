import HTTPServer
import ParcoursEngine

extension ParcoursService {
    /// The rules workshop: its page (public, like the counsellors' page), its script, and the
    /// rule set as policy staff read it. Nothing here writes; drafts go to `/api/v1/drafts/*`.
    static let workshopEndpoints: [Endpoint] = [
        Endpoint(method: "GET", path: "/atelier", operationID: "workshopPage", summary: "L'atelier des règles : lire les règles, modifier une règle, un fait ou une entrée en formulaire, voir ce que cela change",
                 answer: .asset("text/html; charset=utf-8")) { _ throws(ParcoursError) in
            HTTPResponse(status: 200, contentType: "text/html; charset=utf-8", text: PageAssets.workshop)
        },
        Endpoint(method: "GET", path: "/atelier.js", operationID: "workshopScript", summary: "Le script de l'atelier", answer: .asset("text/javascript; charset=utf-8")) { _ throws(ParcoursError) in
            HTTPResponse(status: 200, contentType: "text/javascript; charset=utf-8", text: PageAssets.workshopScript)
        },
        Endpoint(method: "GET", path: "/atelier-blocks.js", operationID: "workshopBlocks", summary: "Le script qui lit et réécrit le bloc YAML d'un élément dans l'atelier",
                 answer: .asset("text/javascript; charset=utf-8")) { _ throws(ParcoursError) in
            HTTPResponse(status: 200, contentType: "text/javascript; charset=utf-8", text: PageAssets.workshopBlocks)
        },
        Endpoint(method: "GET", path: "/atelier.css", operationID: "workshopStyle", summary: "La feuille de style de l'atelier", answer: .asset("text/css; charset=utf-8")) { _ throws(ParcoursError) in
            HTTPResponse(status: 200, contentType: "text/css; charset=utf-8", text: PageAssets.workshopStyle)
        },
        Endpoint(method: "GET", path: "/api/v1/workshop", operationID: "workshop",
                 summary: "Les règles pour l'atelier : faits, règles, entrées du catalogue et dispositifs avec leurs conditions en français, sources, cas, fichier et ligne ; les fichiers des faits, des règles et du catalogue et leur empreinte SHA-256",
                 dated: true, answer: .document, failures: [.badDate]) { call throws(ParcoursError) in
            let rules = try call.rules()
            return call.json(try WorkshopDocument.json(rules, engine: call.snapshot.engine, scenarios: call.service.store.scenarios), rules.ruleSet)
        },
    ]
}
