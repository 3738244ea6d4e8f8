import Bytes
import Foundation
import Testing
import HTTPTestSupport
import ParcoursEngine
@testable import ParcoursServer

/// The rules workshop: `/atelier` is public like the counsellors' page; `GET /api/v1/workshop`
/// (behind the token) gives the rules in French with their cases, and the fact files whole with
/// the SHA-256 a change file names as its base.
@Suite("The rules workshop", .serialized)
struct WorkshopTests {
    @Test func thePageIsPublicAndTheDocumentCarriesTheRulesInFrench() throws {
        let running = try ServerTests.Running(token: "secret")
        defer { running.stop() }
        let client = try running.client()
        defer { client.close() }
        for (path, type) in [("/atelier", "text/html"), ("/atelier.js", "text/javascript"), ("/atelier.css", "text/css")] {
            client.send(RawClient.request("GET", path))
            let asset = try #require(client.response())
            #expect(asset.status == 200 && asset.headers["content-type"]?.hasPrefix(type) == true, "\(path)")
        }
        client.send(RawClient.request("GET", "/api/v1/workshop"))
        #expect(try #require(client.response()).status == 401)

        client.send(RawClient.request("GET", "/api/v1/workshop", headers: ["Authorization: Bearer secret"]))
        let response = try #require(client.response())
        #expect(response.status == 200)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        let factsFile = try #require(files.first { $0["path"] as? String == "facts.yaml" })
        let onDisk = try #require(FileManager.default.contents(atPath: ServerTests.root + "/Rules/facts.yaml"))
        #expect(factsFile["sha256"] as? String == SHA256.hex(of: Array(onDisk)))
        #expect(factsFile["content"] as? String == String(decoding: onDisk, as: UTF8.self))

        let facts = try #require(json["facts"] as? [[String: Any]])
        let iae = try #require(facts.first { $0["id"] as? String == "eligible_iae_niveau_1" })
        #expect(iae["file"] as? String == "facts.yaml")
        #expect((iae["when"] as? String)?.contains("Durée d'inscription à France Travail (mois) ≥ 24") == true)
        #expect((iae["source"] as? String)?.contains("les_emplois") == true)

        let rules = try #require(json["rules"] as? [[String: Any]])
        let cases = try #require(json["cases"] as? [[String: Any]])
        let siae = try #require(rules.first { $0["id"] as? String == "iae_eligible_siae" })
        #expect((siae["when"] as? String)?.contains("« Critère IAE de niveau 1") == true)
        #expect(siae["title"] as? String == "Éligible à l'IAE, emploi accompagné en SIAE")
        // Every case index a rule names is a case of the list.
        #expect(rules.allSatisfy { (($0["cases"] as? [Int]) ?? []).allSatisfy { cases.indices.contains($0) } })
        #expect(rules.contains { !(($0["cases"] as? [Int]) ?? []).isEmpty })
        #expect(!(json["schemes"] as? [[String: Any]] ?? []).isEmpty && !(json["entries"] as? [[String: Any]] ?? []).isEmpty)
    }
}
