import Bytes
import Foundation
import Testing
import HTTPTestSupport
import ParcoursEngine
@testable import ParcoursServer

/// The rules workshop: `/atelier` is public like the counsellors' page; `GET /api/v1/workshop`
/// (behind the token) gives the rules in French with their cases, the files of the facts, rules and
/// catalogue whole with the SHA-256 a change file names as its base, each item's file and line,
/// and the operators each field type allows (what the page's form offers).
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

        let paths = files.compactMap { $0["path"] as? String }
        #expect(paths.contains("catalogue.yaml") && paths.contains("employment.yaml"), "\(paths)")
        #expect(!paths.contains("profile.yaml") && !paths.contains("sources.yaml"), "only the files that define facts, rules and entries")
        let entries = try #require(json["entries"] as? [[String: Any]])
        let franceTravail = try #require(entries.first { $0["id"] as? String == "france_travail" })
        #expect(franceTravail["file"] as? String == "catalogue.yaml")
        let catalogueBytes = try #require(FileManager.default.contents(atPath: ServerTests.root + "/Rules/catalogue.yaml"))
        let catalogue = String(decoding: catalogueBytes, as: UTF8.self)
        let entryLine = try #require(franceTravail["line"] as? Int)
        let lines = catalogue.components(separatedBy: "\n")
        #expect(lines.indices.contains(entryLine - 1) && lines[max(0, entryLine - 2)...min(lines.count - 1, entryLine)].contains { $0.contains("france_travail") },
                "the entry's line is at its block (\(entryLine))")
        let operators = try #require(json["operators"] as? [String: [String]])
        #expect(operators["set"] == ["includes", "excludes", "includes any", "includes all"])
        #expect(operators["boolean"]?.first == "" && operators["integer"]?.contains("between") == true && operators["enum"]?.contains("<") == false)

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
