import Foundation
import Synchronization
import Testing
import ParcoursEngine

/// The use-case layer, used as an embedder (and every front end) uses it.
@Suite("Engine API")
struct EngineAPITests {
    let engine = Engine(rules: TestSupport.rulesDirectory, scenarios: TestSupport.packageRoot + "/Scenarios")

    @Test func recommendsFromAProfileInMemory() throws {
        let answer = try engine.recommend(.file(SourceFile(path: "profil.json", text: #"{"age": 22, "autonomy": 2}"#)), on: "2026-11-22")
        let recommendation = answer.recommendation
        #expect(recommendation.date == "2026-11-22")
        #expect(recommendation.referent?.id == "mission_locale")
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(recommendation)) as? [String: Any]
        #expect((encoded?["referent"] as? String) == "mission_locale")
        #expect(String(decoding: answer.jsonBytes, as: UTF8.self).hasPrefix("{\n  \"contract\": 3,\n  \"route\""))
    }

    /// A one-line JSON profile and the same profile in YAML give the same answer, and the same
    /// bad value the same diagnostic code, whichever reader reads it.
    @Test func oneReaderChoiceForEveryFrontEnd() throws {
        let json = try engine.recommend(.file(SourceFile(path: "p.json", text: #"{"age": 22, "barriers": ["childcare"]}"# + "\n")), on: "2026-11-22")
        let yaml = try engine.recommend(.file(SourceFile(path: "p.yaml", text: "age: 22\nbarriers: [childcare]\n")), on: "2026-11-22")
        #expect(json.jsonBytes == yaml.jsonBytes)
        for text in [#"{"age": "vingt"}"#, "age: vingt\n"] {
            #expect(throws: ParcoursError.self) { try engine.profile(SourceFile(path: "p", text: text), on: "2026-11-22") }
            do {
                _ = try engine.profile(SourceFile(path: "p", text: text), on: "2026-11-22")
            } catch {
                #expect(error.code == .invalidProfile)
                #expect(error.diagnostics.first?.code == .typeMismatch)
            }
        }
    }

    /// A JSON profile on several lines is read by the same strict JSON reader as a one-line
    /// one: what JSON does not write (`07`, a comment) is an error at its line, not a YAML guess.
    @Test func multiLineJSONIsReadAsJSON() throws {
        let pretty = "{\n  \"age\": 22,\n  \"autonomy\": 2\n}\n"
        let plain = try engine.recommend(.file(SourceFile(path: "p.json", text: #"{"age": 22, "autonomy": 2}"#)), on: "2026-11-22")
        #expect(try engine.recommend(.file(SourceFile(path: "p", text: pretty)), on: "2026-11-22").jsonBytes == plain.jsonBytes)
        for text in ["{\n  \"age\": 07\n}\n", "{\n  # âge\n  \"age\": 22\n}\n"] {
            do {
                _ = try engine.profile(SourceFile(path: "p", text: text), on: "2026-11-22")
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.code == .invalidProfile)
                #expect(error.diagnostics.first?.location.line == 2, "\(error.diagnostics)")
            }
        }
    }

    /// A JSON number with a zero fraction is an integer (JSON does not tell them apart); any
    /// other fraction is an error, never dropped.
    @Test func integersWrittenWithAZeroFraction() throws {
        let plain = try engine.recommend(.file(SourceFile(path: "p.json", text: #"{"age": 22, "autonomy": 2}"#)), on: "2026-11-22")
        for text in [#"{"age": 22.0, "autonomy": 2.00}"#, "age: 22.0\nautonomy: 2.0\n"] {
            #expect(try engine.recommend(.file(SourceFile(path: "p", text: text)), on: "2026-11-22").jsonBytes == plain.jsonBytes)
        }
        for text in [#"{"autonomy": 2.5}"#, "autonomy: 2.5\n", #"{"age": 22.}"#, "age: .0\n"] {
            #expect(throws: ParcoursError.self, "\(text)") { try engine.profile(SourceFile(path: "p", text: text), on: "2026-11-22") }
        }
    }

    @Test func keepsOneRuleSetPerDate() throws {
        let first = try engine.ruleSet(on: "2026-11-22")
        let again = try engine.ruleSet(on: "2026-11-22")
        let earlier = try engine.ruleSet(on: "2015-06-01")
        #expect(first.fingerprint == again.fingerprint)
        #expect(earlier.date == "2015-06-01")
    }

    /// Today is read from the clock at each call: past midnight the next day's rules answer.
    @Test func todayIsResolvedAtEachCall() throws {
        let now = Mutex(0)
        let clock = Clock { now.withLock { $0 } }
        let engine = Engine(rules: TestSupport.rulesDirectory, clock: clock)
        // 2026-12-31 23:59:50 and 2027-01-01 00:00:00 in the process's time zone.
        let before = try #require(Self.seconds("2026-12-31 23:59:50"))
        now.withLock { $0 = before }
        #expect(try engine.ruleSet().date == "2026-12-31")
        now.withLock { $0 = before + 10 }
        #expect(try engine.ruleSet().date == "2027-01-01")
        #expect(try engine.recommend(.file(SourceFile(path: "p.yaml", text: "age: 30\n"))).recommendation.date == "2027-01-01")
    }

    static func seconds(_ local: String) -> Int? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.date(from: local).map { Int($0.timeIntervalSince1970) }
    }

    @Test func errorsCarryACodeAndPositionedDiagnostics() throws {
        do {
            _ = try engine.profile(SourceFile(path: "p.yaml", text: "age: vingt\n"), on: "2026-11-22")
            Issue.record("expected a profile error")
        } catch {
            #expect(error.code == .invalidProfile)
            #expect(error.code.exitStatus == 1 && error.code.httpStatus == 422)
            #expect(error.diagnostics.first?.location.description == "p.yaml:1:6")
            #expect(error.diagnostics.first?.json.rendered().contains("\"code\": \"type-mismatch\"") == true)
        }
        let profile = ProfileInput.file(SourceFile(path: "p.yaml", text: "age: 20\n"))
        do {
            _ = try engine.explain(.rule("referent_jeune_missionlocale"), for: profile, on: "2026-11-22")
            Issue.record("expected an unknown rule")
        } catch {
            #expect(error.code == .unknownRule)
            #expect(error.code.exitStatus == 2 && error.code.httpStatus == 404)
            #expect(error.hint?.fr.contains("referent_jeune_mission_locale") == true)
        }
        #expect(throws: ParcoursError.badDate("2026-02-30")) { try engine.ruleSet(on: "2026-02-30") }
        #expect(throws: ParcoursError.badDate("0000-01-01")) { try engine.ruleSet(on: "0000-01-01") }
        let broken = Engine(rules: "/nonexistent")
        #expect(throws: ParcoursError.self) { try broken.ruleSet(on: "2026-11-22") }
        #expect(try broken.check(on: "2026-11-22").passed == false)
    }

    /// `check` through the engine reads the case files too, as `parcours check` does.
    @Test func checkIncludesTheCaseFiles() throws {
        let answer = try engine.check(on: "2026-11-22")
        #expect(answer.passed)
        #expect(answer.cases.count > 40)
    }

    /// Explaining a scheme gives the result the recommendation gives: defaults applied in one place.
    @Test func schemeResultAppliesDefaults() throws {
        let rules = try engine.rules(on: "2026-11-22")
        let input = ProfileInput.file(SourceFile(path: "p.yaml", text: "age: 20\nautonomy: 2\n"))
        let recommended = try rules.recommend(input).recommendation.schemes
        #expect(recommended.count == rules.ruleSet.schemes.count)
        for scheme in rules.ruleSet.schemes {
            guard case .scheme(_, let result, _) = try rules.explain(.scheme(scheme.id), for: input) else { Issue.record("expected a scheme"); continue }
            let expected = try #require(recommended.first { $0.id == scheme.id })
            #expect(result.status == expected.status, "\(scheme.id)")
            #expect(result.criteria.map(\.status) == expected.criteria.map(\.status), "\(scheme.id)")
        }
    }
}
