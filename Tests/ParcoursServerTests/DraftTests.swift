import Foundation
import Testing
import HTTPTestSupport
import ParcoursEngine
@testable import ParcoursServer

/// The draft API over real sockets: a threshold changed in `Rules/facts.yaml` changes the
/// impact figures and makes a shipped case fail; bad drafts are refused with positions; one
/// evaluation at a time; the token applies; nothing is written to the rules folder.
@Suite("Draft API", .serialized)
struct DraftTests {
    static let facts = (try? String(contentsOfFile: ServerTests.root + "/Rules/facts.yaml", encoding: .utf8)) ?? ""

    /// The body of a draft that changes `facts.yaml` by replacing `old` with `new`.
    static func draft(_ old: String, _ new: String) throws -> String {
        #expect(facts.contains(old))
        let content = facts.replacingOccurrences(of: old, with: new)
        let body: [String: Any] = ["files": [["path": "facts.yaml", "content": content]]]
        return String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
    }

    static func post(_ client: RawClient, _ operation: String, _ body: String, headers: [String] = []) throws -> (status: Int, headers: [String: String], json: [String: Any]) {
        client.send(RawClient.request("POST", "/api/v1/drafts/" + operation, body: body, headers: headers))
        let response = try #require(client.response())
        let json = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any]
        return (response.status, response.headers, json ?? [:])
    }

    @Test func aThresholdChangeShowsWhomItChangesAndWhichCasesFail() throws {
        let running = try ServerTests.Running(sampledCaseload: 5_000)
        defer { running.stop() }
        let client = try running.client(timeout: 120)
        defer { client.close() }
        let before = RuleSetStore.signature(rules: ServerTests.root + "/Rules", scenarios: ServerTests.root + "/Scenarios")

        // The rules as they are: nothing changes, every case passes.
        let same = try Self.draft("when: autonomy <= 2", "when: autonomy <= 2")
        let unchanged = try Self.post(client, "impact", same)
        #expect(unchanged.status == 200)
        #expect(unchanged.json["changed"] as? Int == 0)
        #expect((unchanged.json["profiles"] as? Int ?? 0) > 0)

        // Only autonomy level 1 counts as "peu autonome": routes change, a case fails.
        let lowered = try Self.draft("when: autonomy <= 2", "when: autonomy <= 1")
        let check = try Self.post(client, "check", lowered)
        #expect(check.status == 200 && check.json["ok"] as? Bool == true)
        let impact = try Self.post(client, "impact", lowered)
        #expect(impact.status == 200)
        #expect((impact.json["changed"] as? Int ?? 0) > 0)
        let counts = try #require(impact.json["counts"] as? [String: Int])
        #expect((counts["routes"] ?? 0) > 0)
        let causes = try #require(impact.json["causes"] as? [[String: Any]])
        #expect(causes.contains { $0["rule"] as? String == "autonomie_faible_sans_projet_immersion" && ($0["lost"] as? Int ?? 0) > 0 })
        let examples = try #require(impact.json["examples"] as? [[String: Any]])
        #expect(!examples.isEmpty && examples.allSatisfy { !($0["text"] as? String ?? "").isEmpty && $0["profile"] is [[String: Any]] })
        let replay = try Self.post(client, "replay", lowered)
        #expect(replay.status == 200)
        #expect((replay.json["failed"] as? Int ?? 0) > 0)
        let cases = try #require(replay.json["cases"] as? [[String: Any]])
        let failing = try #require(cases.first { $0["file"] as? String == "Scenarios/prefhacces/cases/03-mineur-17-ans.yaml" })
        #expect(failing["passed"] as? Bool == false)
        #expect(String(describing: failing["failures"] ?? "").contains("parcours : attendu immersion"))

        // The long-term unemployment threshold moved from 12 to 18 months: fewer people get
        // the skills step, by a count the figures say.
        let longer = try Self.post(client, "impact", try Self.draft("when: months_unemployed >= 12", "when: months_unemployed >= 18"))
        let steps = try #require(longer.json["next_actions"] as? [[String: Any]])
        #expect(steps.contains { $0["what"] as? String == "valorisation_competences" && $0["after"] as? String == "absent" && ($0["count"] as? Int ?? 0) > 0 })

        #expect(RuleSetStore.signature(rules: ServerTests.root + "/Rules", scenarios: ServerTests.root + "/Scenarios") == before)
    }

    @Test func badDraftsAreRefusedWithPositions() throws {
        let running = try ServerTests.Running(sampledCaseload: 5_000)
        defer { running.stop() }
        let client = try running.client(timeout: 120)
        defer { client.close() }
        let outside = try Self.post(client, "check", #"{"files": [{"path": "../facts.yaml", "content": "facts: {}"}]}"#)
        #expect(outside.status == 422 && outside.json["code"] as? String == "invalid-draft")
        let shape = try Self.post(client, "check", #"{"fichiers": []}"#)
        #expect(shape.status == 422)
        // A draft whose YAML is broken: check says where, in the draft's own path; impact refuses.
        let broken = try Self.draft("when: autonomy <= 2", "when: [autonomy <= 2")
        let check = try Self.post(client, "check", broken)
        #expect(check.status == 200 && check.json["ok"] as? Bool == false)
        let diagnostics = try #require(check.json["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.contains { $0["file"] as? String == "facts.yaml" && ($0["line"] as? Int ?? 0) > 1 && !($0["message"] as? String ?? "").isEmpty })
        // Well formed, but its rules do not load: a conflict (409), not a malformed request.
        let impact = try Self.post(client, "impact", broken)
        #expect(impact.status == 409 && impact.json["code"] as? String == "draft-conflict")
        // Replayed, it breaks every case: an answer (200), with what check finds.
        let replayed = try Self.post(client, "replay", broken)
        #expect(replayed.status == 200 && replayed.json["loaded"] as? Bool == false && (replayed.json["cases"] as? [Any])?.isEmpty == true)
        #expect(((replayed.json["check"] as? [String: Any])?["diagnostics"] as? [Any])?.isEmpty == false)
        // The same file twice: which one is meant? 409 as well; a number for a text: 422.
        let twice = try Self.post(client, "replay", #"{"files": [{"path": "facts.yaml", "content": "facts: {}"}, {"path": "facts.yaml", "content": "facts: {}"}]}"#)
        #expect(twice.status == 409 && twice.json["code"] as? String == "draft-conflict")
        for body in [#"{"files": [{"path": "facts.yaml", "content": false}]}"#, #"{"files": [], "summary": 3}"#, "files: []\nsummary: false\n"] {
            let typed = try Self.post(client, "check", body)
            #expect(typed.status == 422 && typed.json["code"] as? String == "invalid-draft", "\(body)")
        }
    }

    @Test func oneEvaluationAtATime() throws {
        let running = try ServerTests.Running(sampledCaseload: 5_000)
        defer { running.stop() }
        let client = try running.client(timeout: 120)
        defer { client.close() }
        let service = try #require(running.service)
        let pass = try #require(service.draftGate.enter())
        let refused = try Self.post(client, "check", try Self.draft("autonomy <= 2", "autonomy <= 2"))
        #expect(refused.status == 503 && refused.headers["retry-after"] == "2" && refused.json["code"] as? String == "drafts-busy")
        pass.leave()
        let served = try Self.post(client, "check", try Self.draft("autonomy <= 2", "autonomy <= 2"))
        #expect(served.status == 200)
    }

    @Test func theTokenApplies() throws {
        let token = "draft-token-0123456789"
        let running = try ServerTests.Running(token: token, sampledCaseload: 5_000)
        defer { running.stop() }
        let client = try running.client(timeout: 120)
        defer { client.close() }
        let body = try Self.draft("autonomy <= 2", "autonomy <= 2")
        #expect(try Self.post(client, "check", body).status == 401)
        #expect(try Self.post(client, "check", body, headers: ["Authorization: Bearer \(token)"]).status == 200)
    }
}
