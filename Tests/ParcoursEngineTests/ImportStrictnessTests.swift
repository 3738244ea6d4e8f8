import Foundation
import Testing
import YAML
@testable import ParcoursEngine

/// A diagnosis is read as its platform wrote it, or refused: JSON is JSON (no NaN, Infinity,
/// number out of range or YAML syntax), and an item of the wrong shape is an error, never
/// « no barrier ».
@Suite("Import strictness")
struct ImportStrictnessTests {
    static func errors(_ text: String, _ format: DiagnosisFormat, path: String = "-") -> [Diagnostic] {
        let read = DiagnosisReader.read(SourceFile(path: path, text: text), format: format)
        let errors = read.diagnostics.filter { $0.severity == .error }
        #expect(read.diagnosis == nil || errors.isEmpty, "a diagnosis with errors is not imported")
        return errors
    }

    /// Today France Travail reads `[1, null, "a"]` as three themes not discussed.
    @Test(arguments: [DiagnosisFormat.franceTravail, .carnetDeBord])
    func itemsThatAreNotObjectsAreErrors(_ format: DiagnosisFormat) {
        let key = format == .franceTravail ? "contraintes" : "situations"
        let errors = Self.errors(#"{"\#(key)": [1, null, "a"]}"#, format)
        #expect(errors.count == 3)
        #expect(errors.allSatisfy { $0.code == .typeMismatch })
        #expect(errors.map(\.location.column) == [key.count + 7, key.count + 10, key.count + 16])
    }

    @Test func franceTravailInnerItemsAndValeursOfTheWrongShapeAreErrors() {
        let situation = Self.errors(#"{"contraintes": [{"code": "23", "valeur": "OUI", "situations": [3]}]}"#, .franceTravail)
        #expect(situation.map(\.message.fr) == ["élément de situations attendu ({ code, valeur }), trouvé : une valeur simple"])
        let valeur = Self.errors(#"{"contraintes": [{"code": "23", "valeur": ["OUI"]}]}"#, .franceTravail)
        #expect(valeur.map(\.message.en) == ["expected a valeur (CLOTUREE, NON, NON_ABORDEE, OUI), found a list"])
        #expect(Self.errors(#"{"contraintes": [{"code": "23", "valeur": null}]}"#, .franceTravail).isEmpty, "null: not discussed")
    }

    @Test(arguments: [
        (#"{"contraintes": [{"code": NaN, "valeur": "OUI"}]}"#, "NaN and Infinity are not JSON numbers", 27),
        (#"{"contraintes": [{"code": "23", "valeur": "OUI", "x": Infinity}]}"#, "NaN and Infinity are not JSON numbers", 55),
        (#"{"contraintes": [{"code": "23", "valeur": "OUI", "x": -Infinity}]}"#, "NaN and Infinity are not JSON numbers", 55),
        (#"{"contraintes": [{"code": 1e999999, "valeur": "OUI"}]}"#, "number out of range", 27),
        (#"{"contraintes": [{"code": +23, "valeur": "OUI"}]}"#, "unexpected \"+23\"", 27),
        (#"{"contraintes": [{"code": 023, "valeur": "OUI"}]}"#, "unexpected \"023\"", 27),
        (#"{"contraintes": [{"code": 0x17, "valeur": "OUI"}]}"#, "unexpected \"0x17\"", 27),
        (#"{contraintes: [{code: "23", valeur: OUI}]}"#, "expected a quoted key", 2),
        (#"{"contraintes": [{"code": '23', "valeur": "OUI"}]}"#, "unexpected \"'23'\"", 27),
        ("{\"contraintes\": [\n  {\"code\": \"23\", \"valeur\": \"OUI\"} # comment\n]}", "expected \",\" or \"]\"", 35),
        (#"{"contraintes": &a [{"code": "23", "valeur": "OUI"}]}"#, "unexpected \"&a\"", 17),
        (#"{"contraintes": [{"code": "23", "valeur": "OUI"}]} {}"#, "unexpected text after the JSON value", 52),
    ])
    func jsonIsJSON(_ text: String, _ problem: String, _ column: Int) {
        let errors = Self.errors(text, .franceTravail)
        #expect(errors.count == 1)
        #expect(errors.first?.message.en == "invalid JSON: \(problem)" || errors.first?.message.en.hasSuffix(problem) == true, "\(errors.map(\.message.en))")
        #expect(errors.first?.location.column == column)
    }

    /// Multi-line JSON (as the API returns it) and its positions; a `.yaml` file, or text not
    /// starting with `{` or `[`, is still read as YAML.
    @Test func prettyJSONAndYAMLStillRead() throws {
        let pretty = "\u{FEFF}{\r\n  \"contraintes\": [\n    {\"code\": \"23\",\n     \"valeur\": \"OUI\"},\n    {\"code\": 24.5e0, \"valeur\": \"NON\", \"x\": [true, false, null, -0.5E+2]}\n  ]\n}\n"
        let read = DiagnosisReader.read(SourceFile(path: "-", text: pretty), format: .franceTravail)
        let diagnosis = try #require(read.diagnosis, "\(read.diagnostics.map(\.message.en))")
        #expect(diagnosis.items.map(\.code) == ["23", "24.5e0"])
        #expect(diagnosis.items.map { $0.location?.line } == [3, 5])
        let broken = Self.errors("{\n  \"contraintes\": [\n    {\"code\": NaN}\n  ]\n}", .franceTravail)
        #expect(broken.map(\.location.line) == [3] && broken.map(\.location.column) == [14])
        let yaml = "contraintes:\n  - {code: \"23\", valeur: OUI}\n"
        #expect(DiagnosisReader.read(SourceFile(path: "-", text: yaml), format: .franceTravail).diagnosis?.items.count == 1)
        #expect(DiagnosisReader.read(SourceFile(path: "d.yaml", text: "{contraintes: [{code: \"23\", valeur: OUI}]}"), format: .franceTravail).diagnosis?.items.count == 1)
        #expect(Self.errors("{contraintes: [{code: \"23\", valeur: OUI}]}", .franceTravail, path: "d.json").map(\.message.en) == ["invalid JSON: expected a quoted key"])
        #expect(Self.errors("  \n", .franceTravail, path: "d.json").map(\.message.en) == ["the file is empty"])
    }

    @Test func theJSONNumberGrammar() {
        for good in ["0", "-0", "23", "-23", "0.5", "1e5", "1E+5", "1.25e-3", "10"] { #expect(JSONParser.isNumber(good), "\(good)") }
        for bad in ["", "-", "+1", "01", ".5", "1.", "1e", "1e+", "0x10", "1_000", "NaN", "inf", "1.5.2", "--1"] { #expect(!JSONParser.isNumber(bad), "\(bad)") }
    }
}
