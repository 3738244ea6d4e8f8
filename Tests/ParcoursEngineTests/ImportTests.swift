import Foundation
import Testing
@testable import ParcoursEngine

/// Diagnoses of other platforms (invented people) turned into profiles through the shipped
/// mappings in `Rules/imports/`, and the mappings' checks.
@Suite("Importing France Travail and Carnet de bord diagnoses")
struct ImportTests {
    static func result(_ text: String, _ format: DiagnosisFormat) throws -> (ImportResult, RuleSet) {
        let ruleSet = try TestSupport.shippedRuleSet()
        let mapping = try #require(ruleSet.importMapping(format))
        let read = DiagnosisReader.read(SourceFile(path: "diagnostic.json", text: text), format: format)
        let diagnosis = try #require(read.diagnosis, "\(read.diagnostics)")
        return (DiagnosisImport.apply(diagnosis, mapping: mapping, vocabulary: ruleSet.vocabulary), ruleSet)
    }

    static func ids(_ profile: Profile, _ name: String, _ ruleSet: RuleSet) -> [String]? {
        guard let field = ruleSet.vocabulary.field(named: name), let value = profile[field.index] else { return nil }
        switch value {
        case .set(let mask): return field.values.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { field.values[$0].id }
        case .scalar(let number): return [String(number)]
        }
    }

    @Test func franceTravailExampleGivesBarriersAndReportsTheRest() throws {
        let text = try String(contentsOfFile: TestSupport.packageRoot + "/docs/examples/diagnostic-france-travail.json", encoding: .utf8)
        let (result, ruleSet) = try Self.result(text, .franceTravail)
        #expect(Self.ids(result.profile, "barriers", ruleSet) == ["mobility", "childcare"])
        #expect(Self.ids(result.profile, "driving_licence", ruleSet) == ["0"])
        // The carer situation has no mapping: reported with its line, not dropped or guessed.
        #expect(result.unmapped.map(\.code) == ["11"])
        #expect(result.unmapped.first?.location?.line == 27)
        // Housing was discussed (NON): not a gap. Finances were not; 25, 26, 29 are not in the file.
        #expect(result.unaddressed.map(\.code) == ["28", "25", "26", "29"])
        #expect(result.unaddressed.last?.label == "Faire face à des difficultés administratives ou juridiques")
        #expect(result.conflicts.isEmpty && result.duplicates.isEmpty)
    }

    @Test func unknownCodesDuplicatesAndSituationsWithoutTheirTheme() throws {
        let text = """
        {"contraintes": [
          {"code": "27", "valeur": "NON_ABORDEE", "situations": [{"code": "24", "valeur": "OUI"}, {"code": "99", "valeur": "OUI"}, {"code": "24", "valeur": "NON"}]},
          {"code": 26, "valeur": "OUI", "situations": [{"code": "22", "valeur": "OUI"}], "objectifs": [{"code": "23", "valeur": "REALISE"}]}
        ]}
        """
        let (result, ruleSet) = try Self.result(text, .franceTravail)
        // A situation present makes its contrainte present, whatever its own valeur.
        #expect(Self.ids(result.profile, "barriers", ruleSet) == ["language", "housing"])
        #expect(Self.ids(result.profile, "housing_emergency", ruleSet) == ["1"])
        #expect(result.unmapped.map(\.code) == ["99"])
        #expect(result.duplicates.map(\.code) == ["24"])
        #expect(!result.unaddressed.contains { $0.code == "27" })
    }

    @Test func emptyDiagnosisGivesAnEmptyProfileAndEveryThemeToCheck() throws {
        let (result, ruleSet) = try Self.result(#"{"contraintesIndividusDto": {"contraintes": []}}"#, .franceTravail)
        #expect(result.profile == Profile())
        #expect(result.applied.isEmpty && result.unmapped.isEmpty)
        let themes = try #require(ruleSet.importMapping(.franceTravail)).entries.filter { $0.kind == .theme }.map(\.code)
        #expect(result.unaddressed.map(\.code) == themes)
    }

    @Test func contraintesSaidAbsentMakeTheBarriersKnownAndEmpty() throws {
        let text = #"[{"code": "23", "valeur": "NON"}, {"code": "27", "valeur": "CLOTUREE"}]"#
        let (result, ruleSet) = try Self.result(text, .franceTravail)
        #expect(Self.ids(result.profile, "barriers", ruleSet) == [])
    }

    @Test func carnetDeBordSituations() throws {
        let text = try String(contentsOfFile: TestSupport.packageRoot + "/docs/examples/carnet-de-bord.json", encoding: .utf8)
        let (result, ruleSet) = try Self.result(text, .carnetDeBord)
        #expect(Self.ids(result.profile, "barriers", ruleSet) == ["mobility", "language", "housing"])
        // A resource is not a barrier: no line for it, so it is reported.
        #expect(result.unmapped.map(\.code) == ["Dispose d'un smartphone"])
        #expect(result.unaddressed.map(\.code).contains("sante"))
    }

    @Test func carnetDeBordDuplicatesAndEmptyNotebooks() throws {
        let repeated = #"[{"theme": "sante", "description": "Existence d'un dossier MDPH"}, {"theme": "sante", "description": "Existence d'un dossier MDPH"}]"#
        let (result, ruleSet) = try Self.result(repeated, .carnetDeBord)
        #expect(Self.ids(result.profile, "barriers", ruleSet) == ["health"])
        #expect(result.duplicates.map(\.code) == ["Existence d'un dossier MDPH"])
        let (empty, _) = try Self.result(#"{"situations": []}"#, .carnetDeBord)
        #expect(empty.profile == Profile() && empty.applied.isEmpty)
        #expect(empty.unaddressed.count == (try #require(ruleSet.importMapping(.carnetDeBord))).entries.filter { $0.kind == .theme }.count)
    }

    @Test func disagreeingCodesLeaveTheFieldUnknown() throws {
        let text = #"{"situations": [{"theme": "mobilite", "description": "Permis B"}, {"theme": "mobilite", "description": "Véhicule (voiture, moto, scooter)"}]}"#
        let ruleSet = try TestSupport.shippedRuleSet()
        let shipped = try #require(ruleSet.importMapping(.carnetDeBord))
        // A mapping where two situations give driving_licence different values.
        let licence = try #require(ruleSet.vocabulary.field(named: "driving_licence")).index
        let entries = shipped.entries.map { entry -> ImportMapping.Entry in
            guard entry.code.hasPrefix("Véhicule (voiture") else { return entry }
            return ImportMapping.Entry(kind: entry.kind, code: entry.code, theme: entry.theme, label: entry.label, values: [(licence, .scalar(0))],
                                       source: entry.source, location: entry.location)
        }
        let mapping = ImportMapping(format: .carnetDeBord, label: shipped.label, source: shipped.source, entries: entries, file: shipped.file)
        let diagnosis = try #require(DiagnosisReader.read(SourceFile(path: "d.json", text: text), format: .carnetDeBord).diagnosis)
        let result = DiagnosisImport.apply(diagnosis, mapping: mapping, vocabulary: ruleSet.vocabulary)
        #expect(result.profile[licence] == nil)
        #expect(result.conflicts.map(\.field) == ["driving_licence"])
    }

    @Test func badDiagnosesAreRefusedWithTheirPosition() {
        let read = DiagnosisReader.read(SourceFile(path: "d.json", text: #"{"contraintes": {"code": "23"}}"#), format: .franceTravail)
        #expect(read.diagnosis == nil)
        #expect(TestSupport.render(read.diagnostics).contains("d.json:1:17: error[type-mismatch]: expected a list of France Travail contraintes"))
        let unknown = DiagnosisReader.read(SourceFile(path: "d.json", text: #"[{"code": "23", "valeur": "OUII"}]"#), format: .franceTravail)
        #expect(unknown.diagnosis != nil)
        #expect(TestSupport.render(unknown.diagnostics).contains("warning[unknown-value]: unknown valeur \"OUII\""))
        #expect(TestSupport.render(unknown.diagnostics).contains("hint: did you mean \"OUI\"?"))
        let missing = DiagnosisReader.read(SourceFile(path: "d.json", text: #"{"situations": [{"theme": "mobilite"}]}"#), format: .carnetDeBord)
        #expect(missing.diagnosis == nil && missing.diagnostics.first?.code == .missingKey)
    }

    @Test func mappingsAreCheckedAgainstTheReferenceListsAndTheVocabulary() throws {
        var files = TestSupport.shippedFiles()
        let index = try #require(files.imports.firstIndex { $0.path.hasSuffix("france-travail.yaml") })
        let text = String(decoding: files.imports[index].bytes, as: UTF8.self)
            .replacingOccurrences(of: "- code: \"7\"  #", with: "- code: \"77\"  #")
            .replacingOccurrences(of: "{ barriers: [mobility], driving_licence: false }", with: "{ barriers: [mobilty], driving_licnce: false }")
            .replacingOccurrences(of: "set: { barriers: [finances], income_urgency: true }", with: "set: { barriers: [finances], income_urgency: false }")
            + "  - code: \"1\"\n    set: { income_urgency: true }\n    source: test\n"
        files.imports[index] = SourceFile(path: files.imports[index].path, text: text)
        let result = RuleSetLoader.load(files)
        let rendered = TestSupport.render(result.diagnostics)
        #expect(result.ruleSet == nil)
        #expect(rendered.contains("error[unknown-code]: \"77\" is not a France Travail situation code in the reference list | hint: did you mean \"7\"?"))
        #expect(rendered.contains("error[unknown-value]: unknown value \"mobilty\" for barriers"))
        #expect(rendered.contains("error[unknown-field]: unknown profile field \"driving_licnce\""))
        #expect(rendered.contains("warning[mapping-conflict]: code \"1\" gives income_urgency another value than code \"29\""))
        #expect(!rendered.contains("shipped"))
    }
}
