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
        Résultat : on ne sait pas encore : il manque des réponses

          ? Toutes ces conditions — à vérifier, il manque : Âge
              ✓ Freins à l'emploi : comprend « Mobilité » — remplie
              ✓ Permis B : non — remplie
              ? Âge ≥ 17 — à vérifier, il manque : Âge

        """))
    }

    /// Sources are named by their title from the register, in the text and in JSON (where the
    /// ids stay under their own key), never as a bare code.
    @Test func explainNamesSourcesByTheirTitle() throws {
        let profile = "barriers: [childcare]\nsingle_parent: true\nchildren_under_6: 1\n"
        let text = Support.run(["explain", "-", "--rule", "garde_parent_isole_lever_freins", "--rules", Support.rules, "--date", date], input: profile)
        let line = try #require(text.output.split(separator: "\n").first { $0.hasPrefix("Source : ") })
        #expect(line.hasPrefix("Source : Du repérage à l'emploi durable"), "\(line)")
        #expect(!line.contains("004,") && line.contains("(2023), partie 2"), "\(line)")
        let json = Support.run(["explain", "-", "--rule", "garde_parent_isole_lever_freins", "--rules", Support.rules, "--date", date, "--format", "json"], input: profile)
        #expect(json.code == 0, "\(json.error)")
        #expect(json.output.contains(#""id": "004""#), "\(json.output)")
        #expect(json.output.contains(#""title": "Du repérage à l'emploi durable"#))
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
                "condition": "Quotient familial CAF (euros) ≤ 999",
                "value": "false",
                "value_label": "non remplie",
                "missing": [],
                "missing_labels": [],
        """))
        // Every sentence is French: no field id, no keyword of the rule language.
        let sentences = run.output.split(separator: "\n").filter { $0.contains("\"condition\": \"") || $0.contains("_label\": \"") }
        #expect(sentences.count >= 7)
        for sentence in sentences {
            for word in ["family_quotient", "parental_leave", "single_parent", "employment", "department", " includes ", " in [", ">=", "<", "true", "false"] {
                #expect(!(sentence.components(separatedBy: "\": \"").last ?? "").contains(word), "\(sentence)")
            }
        }
    }

    @Test func explainAnUnknownRuleSuggestsTheNearestId() {
        let run = Support.run(["explain", "-", "--rule", "mobilite_diagnostik", "--rules", Support.rules], input: "age: 30\n")
        #expect(run.code == 2)
        #expect(run.error.contains("no rule \"mobilite_diagnostik\""))
        #expect(run.error.contains("did you mean \"mobilite_diagnostic\"?"))
    }

    /// `sample` writes each 1 MiB buffer on a thread of its own while it fills the next: the
    /// profiles stay in order (a shorter sample of the same seed is a prefix of a longer one,
    /// across several buffers), also through a pipe to another process.
    @Test func sampleWrittenAheadKeepsItsOrder() throws {
        for format in ["jsonl", "csv"] {
            let short = Support.run(["sample", "--count", "1700", "--seed", "9", "--format", format, "--rules", Support.rules])
            let long = Support.run(["sample", "--count", "6000", "--seed", "9", "--format", format, "--rules", Support.rules])
            #expect(short.code == 0 && long.code == 0)
            #expect(long.output.utf8.count > 3 << 20 || format == "csv")
            #expect(long.output.hasPrefix(short.output), "\(format)")
            #expect(long.output.split(separator: "\n").count == (format == "csv" ? 6001 : 6000))
            let piped = try Support.spawn(["sample", "--count", "6000", "--seed", "9", "--format", format, "--rules", Support.rules])
            #expect(piped.code == 0 && piped.output == long.output, "\(format)")
        }
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

    /// A diff's counts and examples (the first lines) do not depend on the number of jobs.
    @Test func diffAgreesAcrossJobs() throws {
        let directory = NSTemporaryDirectory() + "parcours-diffjobs-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.copyItem(atPath: Support.rules, toPath: directory)
        let file = directory + "/language.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "    when: french_level <= A1\n    route: training", with: "    when: french_level <= B1\n    route: training")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let corpus = directory + "/corpus.jsonl"
        try BatchTests.corpus(7000, seed: 5).write(toFile: corpus, atomically: true, encoding: .utf8)
        func diff(_ jobs: String) -> String {
            let run = Support.run(["diff", "--base", Support.rules, "--rules", directory, "--corpus", corpus, "--date", date, "--format", "json",
                                   "--scenarios", Support.packageRoot + "/Scenarios", "--jobs", jobs])
            #expect(run.code == 0, "\(run.error)")
            return run.output
        }
        let one = diff("1")
        #expect(one.contains("\"profiles\": 7000,"))
        #expect(one.contains("\"after\": \"training\""))
        #expect(one == diff("2"))
        #expect(one == diff("5"))
    }

    /// `import` writes a profile that `recommend` reads to the same advice as `recommend --from`;
    /// what it could not use goes to standard error.
    @Test func importThenRecommendIsRecommendFrom() throws {
        let diagnosis = Support.packageRoot + "/docs/examples/diagnostic-france-travail.json"
        let imported = Support.run(["import", "--from", "france-travail", diagnosis, "--rules", Support.rules], language: .fr)
        #expect(imported.code == 0, "\(imported.error)")
        #expect(imported.output.contains("barriers: [\"mobility\",\"childcare\"]\ndriving_licence: false\n"))
        #expect(imported.error.contains("Non repris, sans correspondance") && imported.error.contains("situation 11 « Aidant familial"))
        let line = Support.run(["import", "--from", "france-travail", diagnosis, "--rules", Support.rules, "--format", "json", "-q"])
        #expect(line.output == "{\"barriers\":[\"mobility\",\"childcare\"],\"driving_licence\":false}\n" && line.error.isEmpty)
        let viaFile = Support.run(["recommend", "-", "--rules", Support.rules, "--date", date, "--format", "json"], input: imported.output)
        let direct = Support.run(["recommend", "--from", "france-travail", diagnosis, "--rules", Support.rules, "--date", date, "--format", "json"])
        #expect(direct.code == 0 && viaFile.code == 0)
        #expect(direct.output.hasPrefix(String(viaFile.output.dropLast(3))), "the same recommendation, then the import part")
        #expect(direct.output.contains("\"import\": {"))
        let wrong = Support.run(["import", "--from", "france-travail", Support.packageRoot + "/docs/examples/carnet-de-bord.json", "--rules", Support.rules])
        #expect(wrong.code == 1 && wrong.error.contains("expected a list of France Travail contraintes"))
    }

    /// With a services export each step names at most three nearby services; without one,
    /// the output does not change.
    @Test func recommendNamesLocalServices() throws {
        let services = Support.packageRoot + "/docs/examples/services-exemple.jsonl"
        let profile = try String(contentsOfFile: Support.packageRoot + "/docs/examples/profil-exemple.yaml", encoding: .utf8) + "department: 35\n"
        let text = Support.run(["recommend", "-", "--rules", Support.rules, "--date", date, "--services", services], input: profile, language: .fr)
        #expect(text.code == 0, "\(text.error)")
        #expect(text.output.contains("→ Aide à la recherche d\u{2019}un mode de garde (CAF d\u{2019}Ille-et-Exemple) — 10 avenue Fictive,"))
        let json = Support.run(["recommend", "-", "--rules", Support.rules, "--date", date, "--services", services, "--format", "json"], input: profile)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.allSatisfy { ($0["services"] as? [Any]).map { $0.count <= 3 } == true })
        let caf = try #require(steps.first { $0["id"] as? String == "caf" })
        #expect((caf["services"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["v-caf-garde", "v-creche"])
        #expect(caf["reseaux_porteurs"] as? [String] == ["caf"])
        let plain = Support.run(["recommend", "-", "--rules", Support.rules, "--date", date, "--format", "json"], input: profile)
        #expect(!plain.output.contains("\"services\""))
        let unknown = Support.run(["recommend", "-", "--rules", Support.rules, "--date", date, "--services", "/nonexistent.jsonl"], input: profile)
        #expect(unknown.code == 1 && unknown.error.contains("/nonexistent.jsonl"))
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
        #expect(rule.contains("Situation judiciaire : « Incarcérée après condamnation » ou « Aménagement de peine (semi-liberté, placement extérieur, bracelet) »"))
        #expect(rule.contains("De la détention à l&#39;emploi, en passant par la semi-liberté</a></li>"))
        #expect(rule.contains("<nav class=\"trail\" aria-label=\"Fil d'Ariane\"><a href=\"../index.html\">Sommaire</a> › <a href=\"../index.html#parcours\">Règles</a> ›"))
        #expect(rule.contains("Champs lus : <a href=\"../fields/justice_status.html\">"))
        // The import mappings have their pages: each code, what it sets, its source.
        #expect(index.contains("<a href=\"imports/france-travail.html\">Diagnostic France Travail (contraintes personnelles)</a>"))
        let mapping = try String(contentsOfFile: directory + "/imports/france-travail.html", encoding: .utf8)
        #expect(mapping.contains("<code>8</code>") && mapping.contains("Permis non valide / suspension de permis"))
        #expect(mapping.contains("<a href=\"../fields/driving_licence.html\">Permis B</a> <code>driving_licence</code> : non"))
        // An empty list says what is missing, agreed in gender (« Aucune règle. », « Aucun cas. »).
        let lonely = try String(contentsOfFile: directory + "/rules/justice_frein_acces_au_droit.html", encoding: .utf8)
        #expect(lonely.contains("<p class=\"muted\">Aucun cas.</p>") && !lonely.contains(">Aucun.<"))
        let search = try String(contentsOfFile: directory + "/search-index.js", encoding: .utf8)
        #expect(search.hasPrefix("// Généré par parcours docs") && search.contains("[\"Auto-école sociale\",\"partenaire\","))
        let casePage = try String(contentsOfFile: directory + "/cases/r2s--09-detention-amenagement-emploi.html", encoding: .utf8)
        #expect(casePage.contains("Rejoué aujourd'hui : <strong>réussi</strong>") && casePage.contains("<pre><code>name: De la détention à l&#39;emploi"))
        // A second run into the same folder removes the pages it wrote that no longer exist (an
        // earlier run's page, as its manifest lists it), and nothing else: not a page a person
        // put there, even named like the site's, nor a path outside the folder.
        let manifest = directory + "/.parcours-docs"
        let listed = try String(contentsOfFile: manifest, encoding: .utf8)
        #expect(listed.contains("\nrules/r2s--parcours.html\n") && listed.contains("\nindex.html\n"))
        try (listed + "rules/supprimee.html\n../dehors.html\n").write(toFile: manifest, atomically: true, encoding: .utf8)
        try "outside".write(toFile: directory + "/../dehors.html", atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: directory + "/../dehors.html") }
        for mine in ["rules/supprimee.html", "notes.html", "rules/mine.html", "notes.txt"] {
            try "page".write(toFile: directory + "/" + mine, atomically: true, encoding: .utf8)
        }
        #expect(Support.run(["docs", "--out", directory, "--rules", Support.rules, "--scenarios", Support.packageRoot + "/Scenarios", "--date", date]).code == 0)
        #expect(!FileManager.default.fileExists(atPath: directory + "/rules/supprimee.html"))
        for mine in ["notes.html", "rules/mine.html", "notes.txt", "../dehors.html"] {
            #expect(FileManager.default.fileExists(atPath: directory + "/" + mine), "\(mine) was removed")
            if mine.hasPrefix("..") { continue }
            try? FileManager.default.removeItem(atPath: directory + "/" + mine)
        }
        #expect(try !String(contentsOfFile: manifest, encoding: .utf8).contains("supprimee"))
        // A folder that parcours docs did not write is refused; - is not a folder.
        let foreign = NSTemporaryDirectory() + "parcours-foreign-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: foreign) }
        try "à garder".write(toFile: foreign + "/index.html", atomically: true, encoding: .utf8)
        let refused = Support.run(["docs", "--out", foreign, "--rules", Support.rules], language: .fr)
        #expect(refused.code == 1 && refused.error.contains("ne contient pas un site écrit par parcours docs"))
        let kept = try String(contentsOfFile: foreign + "/index.html", encoding: .utf8)
        #expect(kept == "à garder")
        #expect(Support.run(["docs", "--out", "-"]).code == 2)
        let pmsmp = try String(contentsOfFile: directory + "/catalogue/pmsmp.html", encoding: .utf8)
        #expect(pmsmp.contains("Âge ≥ 16"))
        // Every relative link leads to a written page.
        let pages = FileManager.default.enumerator(atPath: directory)?.allObjects.compactMap { $0 as? String }.filter { $0.hasSuffix(".html") } ?? []
        #expect(pages.count > 100)
        for page in pages {
            let html = try String(contentsOfFile: directory + "/" + page, encoding: .utf8)
            let base = URL(fileURLWithPath: directory + "/" + page).deletingLastPathComponent()
            for part in html.components(separatedBy: "href=\"").dropFirst() {
                let href = String(part.prefix { $0 != "\"" && $0 != "#" })
                if href.isEmpty { continue }
                #expect(FileManager.default.fileExists(atPath: base.appendingPathComponent(href).standardized.path), "\(page) links to \(href)")
            }
        }
    }
}

@Suite("batch")
struct BatchTests {
    static func corpus(_ lines: Int, seed: Int = 3) -> String {
        Support.run(["sample", "--count", String(lines), "--seed", String(seed), "--rules", Support.rules]).output
    }

    func write(_ text: String, _ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "parcours-batch-" + UUID().uuidString + "-" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func oneResultPerLineInInputOrderWhateverTheJobs() throws {
        let path = try write(Self.corpus(9000), "c.jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let one = Support.run(["batch", "--corpus", path, "--rules", Support.rules, "--jobs", "1", "--date", "2026-11-22"])
        let three = Support.run(["batch", "--corpus", path, "--rules", Support.rules, "--jobs", "3", "--date", "2026-11-22"])
        #expect(one.code == 0 && three.code == 0)
        #expect(one.output == three.output)
        let lines = one.output.split(separator: "\n")
        #expect(lines.count == 9000)
        #expect(lines[0].hasPrefix("{\"line\":1,\"route\":"))
        #expect(lines[8999].hasPrefix("{\"line\":9000,"))
    }

    /// A corpus written as CSV (`sample --format csv`) reads back to the same profiles as its
    /// JSON lines, also as a French spreadsheet saves it (byte order mark, `;`, `\r\n`, quoted
    /// cells that send rows through the precise reader).
    @Test func csvRoundTripsAndFrenchSpreadsheetsAreRead() throws {
        let count = 1500
        let json = Support.run(["sample", "--count", String(count), "--seed", "5", "--rules", Support.rules]).output
        let csv = Support.run(["sample", "--count", String(count), "--seed", "5", "--rules", Support.rules, "--format", "csv"]).output
        #expect(csv.split(separator: "\n").count == count + 1 && csv.contains("|") && csv.contains(",[],"))
        var rows = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Every tenth row with a quoted cell: the fast reader gives it to the precise one.
        for index in stride(from: 1, to: rows.count - 1, by: 10) {
            if let comma = rows[index].firstIndex(of: ",") { rows[index] = "\"" + rows[index][..<comma] + "\"" + rows[index][comma...] }
        }
        let excel = "\u{FEFF}" + rows.map { $0.replacingOccurrences(of: ",", with: ";") }.joined(separator: "\r\n")
        let paths = try [write(json, "c.jsonl"), write(csv, "c.csv"), write(excel, "excel.csv")]
        defer { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
        func results(_ path: String, shift: Int) -> [String] {
            let run = Support.run(["batch", "--corpus", path, "--rules", Support.rules, "--jobs", "2", "--date", "2026-11-22"])
            #expect(run.code == 0, "\(run.error)")
            // CSV lines count the header: line n of the CSV is profile n - 1.
            return run.output.split(separator: "\n").enumerated().map { index, line in
                line.replacingOccurrences(of: "{\"line\":\(index + 1 + shift),", with: "{\"line\":\(index + 1),")
            }
        }
        let fromJSON = results(paths[0], shift: 0)
        #expect(fromJSON.count == count)
        #expect(results(paths[1], shift: 1) == fromJSON)
        #expect(results(paths[2], shift: 1) == fromJSON)
        // A short row in a `;` file is explained in terms of its separators.
        let short = try write("\u{FEFF}age;autonomy;project\r\n22;2\r\n", "short.csv")
        defer { try? FileManager.default.removeItem(atPath: short) }
        let refused = Support.run(["batch", "--corpus", short, "--rules", Support.rules])
        #expect(refused.code == 1 && refused.error.contains("keep the semicolons"))
    }

    /// Every format and detail gives the same output for any number of jobs, and `--output ids`
    /// is the full output without the rules.
    @Test func outputsAgreeAcrossJobsFormatsAndDetail() throws {
        let path = try write(Self.corpus(7000, seed: 11), "c.jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        func batch(_ extra: [String]) -> String {
            let run = Support.run(["batch", "--corpus", path, "--rules", Support.rules, "--date", "2026-11-22"] + extra)
            #expect(run.code == 0, "\(run.error)")
            return run.output
        }
        for format in ["jsonl", "csv"] {
            for detail in ["full", "ids"] {
                let one = batch(["--format", format, "--output", detail, "--jobs", "1"])
                #expect(one == batch(["--format", format, "--output", detail, "--jobs", "2"]), "\(format) \(detail)")
                #expect(one == batch(["--format", format, "--output", detail, "--jobs", "5"]), "\(format) \(detail)")
                #expect(one.split(separator: "\n").count == 7000 + (format == "csv" ? 1 : 0))
            }
        }
        let full = batch(["--jobs", "1"]).split(separator: "\n")
        let ids = batch(["--jobs", "1", "--output", "ids"]).split(separator: "\n")
        for (long, short) in zip(full, ids) {
            let a = try #require(try JSONSerialization.jsonObject(with: Data(long.utf8)) as? [String: Any])
            let b = try #require(try JSONSerialization.jsonObject(with: Data(short.utf8)) as? [String: Any])
            #expect(a["line"] as? Int == b["line"] as? Int && a["route"] as? String == b["route"] as? String)
            #expect((a["steps"] as? [[String: Any]])?.map { $0["id"] as? String } == (b["steps"] as? [String]))
            #expect((a["schemes"] as? [String: String]) == (b["schemes"] as? [String: String]))
            #expect(a["referent"] as? String == (b["referents"] as? [String: String])?["insertion"])
            #expect(b["fired"] == nil && b["route_rule"] == nil)
        }
    }

    @Test func batchAgreesWithRecommendForEachProfile() throws {
        let text = Self.corpus(40, seed: 9)
        let path = try write(text, "c.jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let batch = Support.run(["batch", "--corpus", path, "--rules", Support.rules, "--date", "2026-11-22"]).output.split(separator: "\n")
        for (index, profile) in text.split(separator: "\n").enumerated() {
            let single = Support.run(["recommend", "-", "--rules", Support.rules, "--format", "json", "--date", "2026-11-22"], input: String(profile)).output
            let route = single.components(separatedBy: "\"route\": {\n    \"id\": \"").dropFirst().first?.prefix { $0 != "\"" }
            let expected = route.map { "\"route\":\"\($0)\"" } ?? "\"route\":null"
            #expect(batch[index].contains(expected), "line \(index + 1)")
        }
    }

    @Test func badRecordsAreReportedAndSkipped() throws {
        let path = try write("{\"age\": 30, \"autonomy\": 2}\n{\"age\": 30, \"autonomy\": 9}\n\n{\"agee\": 30}\n{\"age\": 41}\n", "c.jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = Support.run(["batch", "--corpus", path, "--rules", Support.rules])
        #expect(run.code == 1)
        #expect(run.output.split(separator: "\n").map { $0.prefix(9) } == ["{\"line\":1", "{\"line\":5"])
        #expect(run.error.contains("\(path):2:25: error[out-of-range]: 9 is outside the range of autonomy (1 to 5)"))
        #expect(run.error.contains("\(path):4:2: error[unknown-field]: unknown profile field \"agee\""))
        #expect(run.error.hasSuffix("parcours: 2 records refused (see above); 2 evaluated\n"))
    }

    @Test func csvInAndOutAndSummary() throws {
        let path = try write("age,autonomy,project,barriers\n22,2,none,mobility|childcare\n45,5,,\n", "c.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = Support.run(["batch", "--corpus", path, "--rules", Support.rules, "--format", "csv", "--date", "2026-11-22"])
        #expect(run.code == 0)
        let lines = run.output.split(separator: "\n")
        #expect(lines.first == "line,route,route_scheme,route_rule,referent,referent_rule,steps,schemes,fired")
        #expect(lines[1].hasPrefix("2,immersion,,autonomie_faible_sans_projet_immersion,mission_locale,referent_jeune_mission_locale,"))
        // 45 and autonomous, registration unknown: the référent is to be determined (no France Travail asserted).
        #expect(lines[2].hasPrefix("3,self_directed,,autonomie_forte_libre_acces,,,"))
        let summary = Support.run(["batch", "--corpus", path, "--rules", Support.rules, "--summary", "--date", "2026-11-22"])
        #expect(summary.output.contains("Profils évalués : 2\n"))
        #expect(summary.output.contains("Parcours\n  immersion : 1 (50,0 %)\n  self_directed : 1 (50,0 %)\n"))
        #expect(summary.output.contains("Règles jamais appliquées : "))
    }
}
