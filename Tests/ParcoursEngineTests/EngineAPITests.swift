import Foundation
import Testing
import ParcoursEngine

/// The embedding API, used as the README shows it.
@Suite("Engine API")
struct EngineAPITests {
    let engine = Engine(rules: TestSupport.rulesDirectory, scenarios: TestSupport.packageRoot + "/Scenarios")

    @Test func recommendsFromAProfileInMemory() throws {
        let profile = try engine.profile(SourceFile(path: "profil.json", text: #"{"age": 22, "autonomy": 2}"#), on: "2026-11-22")
        let recommendation = try engine.recommend(profile, on: "2026-11-22")
        #expect(recommendation.date == "2026-11-22")
        #expect(recommendation.referent?.id == "mission_locale")
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(recommendation)) as? [String: Any]
        #expect((encoded?["referent"] as? String) == "mission_locale")
        #expect(recommendation.json.rendered().hasPrefix("{\n  \"contract\": 2,\n  \"route\""))
    }

    @Test func keepsOneRuleSetPerDate() throws {
        let first = try engine.ruleSet(on: "2026-11-22")
        let again = try engine.ruleSet(on: "2026-11-22")
        let earlier = try engine.ruleSet(on: "2015-06-01")
        #expect(first.fingerprint == again.fingerprint)
        #expect(earlier.date == "2015-06-01")
    }

    @Test func errorsCarryPositionedDiagnostics() throws {
        #expect(throws: EngineError.self) { try engine.profile(SourceFile(path: "p.yaml", text: "age: vingt\n"), on: "2026-11-22") }
        do {
            _ = try engine.profile(SourceFile(path: "p.yaml", text: "age: vingt\n"), on: "2026-11-22")
        } catch {
            guard case .profile(let diagnostics) = error else { Issue.record("expected a profile error"); return }
            #expect(diagnostics.first?.location.description == "p.yaml:1:6")
            #expect(diagnostics.first?.json.rendered().contains("\"code\": \"type-mismatch\"") == true)
        }
        let profile = try engine.profile(SourceFile(path: "p.yaml", text: "age: 20\n"), on: "2026-11-22")
        #expect(throws: EngineError.notFound(kind: "rule", id: "referent_jeune_missionlocale", suggestion: "referent_jeune_mission_locale")) {
            try engine.explain(rule: "referent_jeune_missionlocale", for: profile, on: "2026-11-22")
        }
        let broken = Engine(rules: "/nonexistent")
        #expect(throws: EngineError.self) { try broken.ruleSet(on: "2026-11-22") }
        #expect(broken.check(on: "2026-11-22").hasErrors)
    }
}
