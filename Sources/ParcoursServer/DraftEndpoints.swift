import Foundation
import HTTPServer
import ParcoursEngine
import ParcoursRendering
import Synchronization

extension ParcoursService {
    /// The rules workshop's operations: a draft (changed files over the rules in force)
    /// checked, replayed, compared on the reference caseload. One evaluation at a time; the
    /// others get 503 with `Retry-After`, so that a workshop never slows the counsellors' page.
    /// Nothing is written to the rules folder.
    static let draftEndpoints: [Endpoint] = [
        draftEndpoint("check", operationID: "draftCheck", summary: "Ce que dit parcours check d'un brouillon de règles (fichier, ligne, colonne, message, conseil)") { call, drafts, draft throws(ParcoursError) in
            DraftJSON.check(try drafts.check(draft, on: call.request.parameter("date")))
        },
        draftEndpoint("replay", operationID: "draftReplay", summary: "Les cas (des règles et des dispositifs) rejoués sur un brouillon : lesquels passent, lesquels échouent et pourquoi") { call, drafts, draft throws(ParcoursError) in
            do throws(ParcoursError) {
                return DraftJSON.replay(try drafts.replay(draft, on: call.request.parameter("date")), relative: drafts.relative)
            } catch {
                // The draft's rules do not load: every case is broken by it, which is an answer.
                guard error.code == .draftConflict else { throw error }
                return DraftJSON.replayNotLoaded(error, in: Problem.language(call.request.header("accept-language")))
            }
        },
        draftEndpoint("impact", operationID: "draftImpact",
                      summary: "Qui un brouillon change sur le corpus de référence : parcours, référents, étapes, dispositifs, règles en cause, exemples avant/après") { call, drafts, draft throws(ParcoursError) in
            let caseload = call.service.caseload.get(call.snapshot)
            return DraftJSON.impact(try drafts.impact(draft, on: caseload, date: call.request.parameter("date")))
        },
    ]

    private static func draftEndpoint(_ name: String, operationID: String, summary: String,
                                      answer: @escaping @Sendable (Endpoint.Call, Drafts, Draft) throws(ParcoursError) -> JSONValue) -> Endpoint {
        Endpoint(method: "POST", path: "/api/v1/drafts/\(name)", operationID: operationID, summary: summary, dated: true, body: .draft, answer: .document,
                 failures: [.badDate, .invalidDraft, .draftConflict, .invalidRuleSet] + (name == "impact" ? [.draftTooSlow] : [])) { call throws(ParcoursError) in
            guard let pass = call.service.draftGate.enter() else { return busy(call) }
            defer { pass.leave() }
            let draft = try Draft.read(SourceFile(path: "brouillon", bytes: call.request.body))
            let drafts = Drafts(engine: call.snapshot.engine, scenarios: call.service.store.scenarios)
            let rules = try call.rules()
            return call.json(try answer(call, drafts, draft), rules.ruleSet)
        }
    }

    /// Another draft is being evaluated: 503, try again in a moment.
    private static func busy(_ call: Endpoint.Call) -> HTTPResponse {
        var response = Problem.response(503, code: "drafts-busy", Phrase("un autre brouillon est en cours d'évaluation ; réessayez dans un instant",
                                                                        en: "another draft is being evaluated; try again in a moment"),
                                        in: Problem.language(call.request.header("accept-language")))
        response.headers.append(("Retry-After", String(DraftGate.retryAfter)))
        return response
    }
}

/// One draft evaluation at a time, server-wide: the others are refused at once (never queued).
final class DraftGate: Sendable {
    /// Seconds a refused client is told to wait (`Retry-After`).
    static let retryAfter = 2
    private let busy = Mutex(false)

    /// The right to evaluate, nil when another evaluation holds it.
    func enter() -> Pass? {
        busy.withLock { taken in
            guard !taken else { return nil }
            taken = true
            return Pass(gate: self)
        }
    }

    fileprivate func leave() { busy.withLock { $0 = false } }

    /// Held while one draft is evaluated.
    struct Pass {
        fileprivate let gate: DraftGate
        func leave() { gate.leave() }
    }
}

/// The reference caseload of the impacts: the file the server was started with, or invented
/// profiles sampled (`Caseload.defaultSample`, seed 1) on first use for the vocabulary in
/// force, and again when a reload changes it.
final class CaseloadSource: Sendable {
    private let given: Caseload?
    private let sampled = Mutex<(fingerprint: String, caseload: Caseload)?>(nil)

    init(_ given: Caseload?) { self.given = given }

    func get(_ snapshot: RuleSetStore.Snapshot) -> Caseload {
        if let given { return given }
        let vocabulary = snapshot.loaded.ruleSet.vocabulary
        let key = vocabulary.fields.map { "\($0.name):\($0.type.keyword):\($0.values.map(\.id))" }.joined(separator: ";")
        if let held = sampled.withLock({ $0 }), held.fingerprint == key { return held.caseload }
        let caseload = Caseload.sample(vocabulary: vocabulary)
        sampled.withLock { $0 = (key, caseload) }
        return caseload
    }
}
