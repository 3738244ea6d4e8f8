import Foundation
import Testing
@testable import ParcoursCommands

@Suite("Policy tools: explain, sample, diff, docs")
struct PolicyToolsTests {
    let date = "2026-11-22"

    @Test func explainShowsEachConditionWithItsValue() {
        let run = Support.run(["explain", "-", "--rule", "mobilite_permis_auto_ecole_sociale", "--rules", Support.rules, "--date", date],
                              input: "barriers: [mobility]\ndriving_licence: false\n")
        #expect(run.code == 0, "\(run.error)")
        #expect(run.output.hasSuffix("""
        Résultat : indéterminée : il manque des réponses

          ? toutes ces conditions : inconnu (manque : age)
              ✓ barriers includes mobility : vrai
              ✓ not driving_licence : vrai
              ? age >= 17 : inconnu (manque : age)

        """))
    }

    @Test func explainASchemeCriterionByCriterion() {
        let run = Support.run(["explain", "-", "--scheme", "clca", "--rules", Support.rules, "--scenarios", Support.packageRoot + "/Scenarios",
                               "--date", date, "--format", "json"], input: "parental_leave: clca\nfamily_quotient: 1000\n")
        #expect(run.code == 0)
        #expect(run.output.contains("\"status\": \"not_eligible\""))
        #expect(run.output.contains("""
              "id": "quotient_familial",
              "label": "Avoir un quotient familial inférieur à 1 000 €",
              "priority": false,
              "condition": {
                "condition": "family_quotient < 1000",
                "value": "false",
        """))
    }

    @Test func explainAnUnknownRuleSuggestsTheNearestId() {
        let run = Support.run(["explain", "-", "--rule", "mobilite_diagnostik", "--rules", Support.rules], input: "age: 30\n")
        #expect(run.code == 2)
        #expect(run.error.contains("no rule \"mobilite_diagnostik\""))
        #expect(run.error.contains("did you mean \"mobilite_diagnostic\"?"))
    }

    @Test func sampleIsReproducibleAndTyped() throws {
        let first = Support.run(["sample", "--count", "200", "--seed", "42", "--rules", Support.rules])
        let again = Support.run(["sample", "--count", "200", "--seed", "42", "--rules", Support.rules])
        let other = Support.run(["sample", "--count", "200", "--seed", "43", "--rules", Support.rules])
        #expect(first.code == 0 && first.output == again.output && first.output != other.output)
        let lines = first.output.split(separator: "\n")
        #expect(lines.count == 200)
        // Every line reads back as a valid profile: recommend it through standard input.
        let check = Support.run(["recommend", "-", "--rules", Support.rules, "--format", "json"], input: String(lines[7]))
        #expect(check.code == 0, "\(check.error)")
        // Proportions are plausible: most people are unemployed, a minority is under justice.
        let unemployed = lines.filter { $0.contains("\"employment\":\"unemployed\"") }.count
        let justice = lines.filter { !$0.contains("\"justice_status\":\"none\"") }.count
        #expect((130...190).contains(unemployed))
        #expect(justice < 30)
    }

    @Test func diffCountsTheChangesOfARuleEdit() throws {
        let directory = NSTemporaryDirectory() + "parcours-diff-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.copyItem(atPath: Support.rules, toPath: directory)
        let file = directory + "/language.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "    when: french_level <= A1\n    route: training", with: "    when: french_level <= A2\n    route: training")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let corpus = directory + "/corpus.jsonl"
        try """
        {"age": 30, "autonomy": 2, "project": "none", "housing_emergency": false, "french_level": "A2"}
        {"age": 30, "autonomy": 2, "project": "none", "housing_emergency": false, "french_level": "B2"}
        {"age": 31, "autonomy": 4, "housing_emergency": false, "french_level": "A2"}

        {"age": "trente"}
        """.write(toFile: corpus, atomically: true, encoding: .utf8)
        let run = Support.run(["diff", "--base", Support.rules, "--rules", directory, "--corpus", corpus, "--date", date, "--format", "json",
                               "--scenarios", Support.packageRoot + "/Scenarios"])
        #expect(run.code == 1, "a refused record makes the exit code 1")
        #expect(run.error.contains("\(corpus):5:9: error[type-mismatch]: expected a whole number for age, found \"trente\""))
        #expect(run.output.contains("\"profiles\": 3,\n  \"refused\": 1,\n  \"changed\": 2,"))
        #expect(run.output.contains("""
            {
              "what": "route",
              "before": "immersion",
              "after": "training",
              "count": 1,
              "examples": [
                {
                  "line": 1,
        """))
        #expect(run.output.contains("\"before\": \"self_directed\",\n      \"after\": \"training\",\n      \"count\": 1,"))
    }

    @Test func diffReadsCSV() throws {
        let directory = NSTemporaryDirectory() + "parcours-csv-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let corpus = directory + "/corpus.csv"
        try "age,barriers,autonomy,project\n22,mobility|childcare,2,none\n40,,5,\n19,mobilty,3,none\n".write(toFile: corpus, atomically: true, encoding: .utf8)
        let run = Support.run(["diff", "--base", Support.rules, "--rules", Support.rules, "--corpus", corpus, "--date", date])
        #expect(run.code == 1)
        #expect(run.error.contains("\(corpus):4:4: error[unknown-value]: unknown value \"mobilty\" for barriers"))
        #expect(run.output.contains("Profils évalués : 2 (1 lignes refusées, voir les erreurs)\nProfils dont la recommandation change : 0 (0,0 %)"))
    }

    @Test func docsWritesALinkedSite() throws {
        let directory = NSTemporaryDirectory() + "parcours-docs-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = Support.run(["docs", "--out", directory, "--rules", Support.rules, "--scenarios", Support.packageRoot + "/Scenarios", "--date", date])
        #expect(run.code == 0, "\(run.error)")
        let index = try String(contentsOfFile: directory + "/index.html", encoding: .utf8)
        #expect(index.contains("<html lang=\"fr\">"))
        #expect(!index.contains("http://") && !index.contains("https://"), "no external asset")
        let rule = try String(contentsOfFile: directory + "/rules/r2s--parcours.html", encoding: .utf8)
        #expect(rule.contains("Situation judiciaire : « Incarcérée » ou « Aménagement de peine (semi-liberté, placement extérieur, bracelet) »"))
        #expect(rule.contains("<li>De la détention à l&#39;emploi") || rule.contains("<li>De la détention à l'emploi, en passant par la semi-liberté</li>"))
        let pmsmp = try String(contentsOfFile: directory + "/catalogue/pmsmp.html", encoding: .utf8)
        #expect(pmsmp.contains("Âge ≥ 16"))
        // Every relative link leads to a written page.
        let pages = FileManager.default.enumerator(atPath: directory)?.allObjects.compactMap { $0 as? String }.filter { $0.hasSuffix(".html") } ?? []
        #expect(pages.count > 100)
        for page in pages {
            let html = try String(contentsOfFile: directory + "/" + page, encoding: .utf8)
            let base = URL(fileURLWithPath: directory + "/" + page).deletingLastPathComponent()
            for part in html.components(separatedBy: "href=\"").dropFirst() {
                let href = String(part.prefix { $0 != "\"" })
                if href.hasPrefix("#") { continue }
                #expect(FileManager.default.fileExists(atPath: base.appendingPathComponent(href).standardized.path), "\(page) links to \(href)")
            }
        }
    }
}
