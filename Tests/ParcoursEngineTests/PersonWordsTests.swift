import Testing
@testable import ParcoursEngine

/// The sheet handed to the person speaks to them: their words (`for_person:`), no « la
/// personne », no jargon, each acronym explained where the sheet first prints it; `check`
/// reports a text that breaks this at its line and column.
@Suite("The person's words")
struct PersonWordsTests {
    static let day = "2026-12-07"
    let engine = Engine(rules: TestSupport.rulesDirectory, scenarios: TestSupport.packageRoot + "/Scenarios")

    /// Every sheet of every replayable case (each step, with and without the discreet entries).
    private func sheets() throws -> [(place: String, sheet: PaperSheet)] {
        let answer = try engine.check(on: Self.day)
        #expect(answer.cases.count >= 80, "the shipped cases are read")
        var sheets: [(place: String, sheet: PaperSheet)] = []
        for scenarioCase in answer.cases {
            let ruleSet = try engine.ruleSet(on: scenarioCase.date ?? Self.day)
            let evaluator = RulesInForce(ruleSet).evaluator
            var profile = Profile()
            for step in scenarioCase.steps {
                for change in step.changes { profile[change.field] = change.value }
                let recommendation = evaluator.recommend(profile)
                for discreet in [false, true] {
                    sheets.append(("\(step.location) \(step.name)", PaperSheet(recommendation, catalogue: ruleSet.catalogue, glossary: ruleSet.glossary, includeDiscreet: discreet)))
                }
            }
        }
        return sheets
    }

    @Test func noSheetOfTheCasesSpeaksAboutThePersonOrInJargon() throws {
        let sheets = try sheets()
        #expect(sheets.count >= 180)
        for (place, sheet) in sheets {
            let text = sheet.texts.joined(separator: "\n").lowercased()
            for word in ["la personne", "freins périphériques", "accroche et engagement", "« aller vers »", "structure d'insertion par l'activité économique (siae)"] {
                #expect(!text.contains(word), "\(place): « \(word) » on the sheet")
            }
        }
    }

    @Test func everyAcronymIsExplainedWhereTheSheetFirstPrintsIt() throws {
        var acronyms: Set<String> = []
        for (place, sheet) in try sheets() {
            var seen: Set<String> = []
            for text in sheet.texts {
                for (word, offset) in Glossary.acronyms(in: text) where seen.insert(word).inserted {
                    acronyms.insert(word)
                    let before = text.prefix(offset)
                    let after = text.dropFirst(offset + word.count)
                    #expect(before.hasSuffix("(") || after.hasPrefix(" ("), "\(place): « \(word) » without its meaning in « \(text) »")
                }
            }
        }
        // The sheets do use acronyms, so the test reads something: CAF, SPIP, CCAS, SIAO...
        #expect(acronyms.isSuperset(of: ["CAF", "SPIP", "CCAS", "SIAO", "CPIP"]), "\(acronyms.sorted())")
    }

    @Test func theSheetUsesThePersonsWordsNotTheCounsellorsReasons() throws {
        let ruleSet = try engine.ruleSet(on: Self.day)
        let profile = try TestSupport.profile("{age: 29, single_parent: true, children_under_6: 1, barriers: [childcare, mobility], driving_licence: false, autonomy: 2}", in: ruleSet)
        let recommendation = RulesInForce(ruleSet).evaluator.recommend(profile)
        let sheet = PaperSheet(recommendation, catalogue: ruleSet.catalogue, glossary: ruleSet.glossary, includeDiscreet: false)
        let caf = try #require(sheet.actions.first { $0.label.hasPrefix("CAF") })
        #expect(caf.label == "CAF (caisse d'allocations familiales)")
        #expect(caf.why == ruleSet.catalogue.entry("caf")?.forPerson?.text)
        #expect(caf.why.hasPrefix("La CAF peut vous aider"), "the second use is not explained again")
        // The counsellor's reasons stay the counsellor's.
        let reasons = recommendation.steps.map(\.why).filter { !$0.isEmpty }
        #expect(!reasons.isEmpty)
        for reason in reasons { #expect(!sheet.texts.contains(reason), "\(reason)") }
        // Stage headings are the person's words.
        for item in sheet.later { #expect(item.stageLabel == ruleSet.catalogue.info(for: item.stage)?.forPerson?.label) }
    }

    @Test func aDiscreetEntrysTextOnlyWithIncludeDiscreet() throws {
        let ruleSet = try engine.ruleSet(on: Self.day)
        let profile = try TestSupport.profile("{age: 34, gender: female, domestic_violence: true, autonomy: 3, project: emerging, barriers: [], housing_emergency: false, employment: unemployed}", in: ruleSet)
        let recommendation = RulesInForce(ruleSet).evaluator.recommend(profile)
        let text = try #require(ruleSet.catalogue.entry("mise_en_securite")?.forPerson?.text)
        #expect(!PaperSheet(recommendation, catalogue: ruleSet.catalogue, glossary: ruleSet.glossary, includeDiscreet: false).texts.contains(text))
        #expect(PaperSheet(recommendation, catalogue: ruleSet.catalogue, glossary: ruleSet.glossary, includeDiscreet: true).texts.contains(text))
    }

    @Test func theGlossaryExplainsEachAcronymOnce() {
        let glossary = Glossary(terms: [("CAF", "caisse d'allocations familiales"), ("SMA", "service militaire adapté")])
        var explained: Set<String> = []
        #expect(glossary.explain("Écrire à la CAF.", explained: &explained) == "Écrire à la CAF (caisse d'allocations familiales).")
        #expect(glossary.explain("La CAF répond.", explained: &explained) == "La CAF répond.")
        #expect(glossary.explain("Service militaire adapté (SMA), puis SMA", explained: &explained) == "Service militaire adapté (SMA), puis SMA")
        #expect(glossary.explain("Le RQTH, R2S", explained: &explained) == "Le RQTH, R2S", "unknown acronyms are left for check")
        #expect(Glossary.acronyms(in: "La CAF, le R2S et PrefHacces ; permis B ; CV.").map(\.word) == ["CAF", "R2S", "CV"])
        #expect(Glossary.acronyms(in: "é CAF").first?.offset == 2)
        #expect(Glossary.acronyms(in: "le centre ENIC-NARIC, l'auto-école, CAF-").map(\.word) == ["ENIC-NARIC", "CAF"])
    }

    /// The shipped texts pass; a text that says « la personne », uses an unknown acronym or is
    /// missing is reported at its line and column, with a suggestion.
    @Test func checkReportsPersonTextsAtTheirPlace() throws {
        #expect(try engine.check(on: Self.day).diagnostics.filter { [.missingPersonText, .thirdPerson, .unexplainedAcronym].contains($0.code) }.isEmpty)
        var files = RuleSetFiles.read(directory: TestSupport.rulesDirectory)
        let catalogue = try #require(files.catalogue)
        var text = String(decoding: catalogue.bytes, as: UTF8.self)
        let original = #"      text: "France Travail vous inscrit, vous accompagne"#
        let lineNumber = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(original) }) + 1
        text = text.replacingOccurrences(of: original, with: #"      text: "France Travail inscrit la personne et la ZTQR, vous accompagne"#)
        let label = #"      label: "Ateliers en groupe""#
        let atelier = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(label) })
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[atelier + 1].hasPrefix("      text: "))
        lines.remove(at: atelier + 1)
        files.catalogue = SourceFile(path: catalogue.path, text: lines.joined(separator: "\n"))
        let found = try Engine(files: files).check(on: Self.day).diagnostics.filter { [.missingPersonText, .thirdPerson, .unexplainedAcronym].contains($0.code) }
        let rendered = TestSupport.render(found)
        #expect(found.count == 3, "\(rendered)")
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(rendered.contains("Rules/catalogue.yaml:\(lineNumber):37: warning[third-person]: « la personne »: this text is read by the person, it speaks to them | hint: write « vous »"), "\(rendered)")
        #expect(rendered.contains("Rules/catalogue.yaml:\(lineNumber):55: warning[unexplained-acronym]: acronym \"ZTQR\" is not in the glossary"), "\(rendered)")
        #expect(rendered.contains("warning[missing-person-text]: action \"atelier_collectif\" has no text for the person (for_person: text) | hint: add \"for_person: {text: …}\""), "\(rendered)")
        #expect(found.first { $0.code == .missingPersonText }?.location.line == atelier - 2, "at the entry's name line")
    }
}
