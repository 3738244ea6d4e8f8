import Testing
import HTTPTestSupport
@testable import ParcoursServer

/// `POST /api/v1/fiche`: the person's sheet as a printable page, with the words of
/// `recommend --format fiche` and none of the counsellors' interface.
@Suite("The person's sheet", .serialized)
struct SheetTests {
    static let mother = #"{"age": 29, "single_parent": true, "children_under_6": 1, "barriers": ["childcare", "mobility"], "driving_licence": false}"#

    @Test func theSheetIsAPageForThePerson() throws {
        let running = try ServerTests.Running()
        defer { running.stop() }
        let client = try running.client()
        defer { client.close() }
        client.send(RawClient.request("POST", "/api/v1/fiche?date=2026-12-06", body: Self.mother))
        let response = try #require(client.response())
        #expect(response.status == 200)
        #expect(response.headers["content-type"]?.hasPrefix("text/html") == true)
        let page = response.body
        #expect(page.contains("<html lang=\"fr\">") && page.contains("<h1>Votre parcours</h1>"))
        #expect(page.contains("Fiche remise le 6\u{00A0}décembre\u{00A0}2026"))
        #expect(page.contains("<h2>Ce que nous faisons d\u{2019}abord</h2>") && page.contains("<ol>\n<li><strong>"))
        // The person's words, in French typography: an acronym explained at its first use, a
        // non-breaking space before « : », typographic apostrophes, no point médian.
        #expect(page.contains("CAF (caisse d\u{2019}allocations familiales)"), "\(page)")
        #expect(page.contains("Votre chemin\u{00A0}:") && !page.contains("&#39;") && !page.contains("·"))
        // Nothing of the interface, no field id, nothing said of « la personne ».
        for word in ["la personne", "single_parent", "childcare", "Règle", "Imprimer", "(à demander)", "pourquoi"] {
            #expect(!page.contains(word), "\(word)")
        }
    }

    @Test func theDiscretionSwitchIsTrueOrFalse() throws {
        let running = try ServerTests.Running()
        defer { running.stop() }
        let client = try running.client()
        defer { client.close() }
        client.send(RawClient.request("POST", "/api/v1/fiche?include_discreet=true", body: Self.mother))
        #expect(try #require(client.response()).status == 200)
        client.send(RawClient.request("POST", "/api/v1/fiche?include_discreet=oui", body: Self.mother))
        let refused = try #require(client.response())
        #expect(refused.status == 400 && refused.body.contains("include_discreet"))
        client.send(RawClient.request("POST", "/api/v1/fiche", body: #"{"age": 7}"#))
        #expect(try #require(client.response()).status == 422)
    }

    /// For a woman facing violence, the printed sheet says nothing of it (no word of violence, no
    /// helpline, no victims' association); with `include_discreet=true`, the counsellor chose to.
    @Test func theSheetOfAPersonFacingViolenceSaysNothingOfIt() throws {
        let running = try ServerTests.Running()
        defer { running.stop() }
        let client = try running.client()
        defer { client.close() }
        let woman = #"{"age": 34, "gender": "female", "domestic_violence": true, "children_under_6": 2}"#
        client.send(RawClient.request("POST", "/api/v1/fiche?date=2026-12-06", body: woman))
        let sheet = try #require(client.response())
        #expect(sheet.status == 200)
        for word in ["violence", "3919", "victime", "CIDFF", "sécurité", "urgence", "la personne"] {
            #expect(!sheet.body.lowercased().contains(word.lowercased()), "« \(word) » on the sheet")
        }
        client.send(RawClient.request("POST", "/api/v1/fiche?date=2026-12-06&include_discreet=true", body: woman))
        let asked = try #require(client.response())
        #expect(asked.status == 200 && asked.body.contains("3919"))
    }
}
