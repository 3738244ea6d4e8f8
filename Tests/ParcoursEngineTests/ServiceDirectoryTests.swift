import Foundation
import Testing
@testable import ParcoursEngine

/// A data·inclusion export (invented structures and services) read in its three shapes, its
/// bad records reported and skipped, and steps matched with nearby services.
@Suite("Local services from a data·inclusion export")
struct ServiceDirectoryTests {
    static let path = TestSupport.packageRoot + "/docs/examples/services-exemple.jsonl"

    static func example() throws -> ServiceDirectory {
        let (directory, diagnostics) = ServiceDirectoryReader.load(path: path)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return try #require(directory)
    }

    @Test func readsJSONLinesArraysAndContainersAlike() throws {
        let lines = try String(contentsOfFile: Self.path, encoding: .utf8).split(separator: "\n").map(String.init)
        let records = lines.map { "  " + $0 }
        let array = "[\n" + records.joined(separator: ",\n") + "\n]\n"
        let structures = lines.filter { !$0.contains("\"structure_id\"") }, services = lines.filter { $0.contains("\"structure_id\"") }
        let container = "{\"structures\": [" + structures.joined(separator: ",") + "],\n \"services\": [" + services.joined(separator: ",") + "]}"
        let example = try Self.example()
        #expect(example.count == 10)
        for text in [array, container] {
            let (directory, diagnostics) = ServiceDirectoryReader.read(Array(text.utf8), path: "export.json")
            #expect(diagnostics.isEmpty, "\(diagnostics)")
            let read = try #require(directory)
            #expect(read.count == example.count)
            #expect(read.services(thematiques: ["famille--garde-denfants"], reseaux: ["caf"], department: 35)
                    == example.services(thematiques: ["famille--garde-denfants"], reseaux: ["caf"], department: 35))
        }
    }

    @Test func matchesByReseauThenThematiqueNearThePerson() throws {
        let directory = try Self.example()
        // The CAF step: the CAF's own service (réseau and thématique) before the crèche (thématique).
        let caf = directory.services(thematiques: ["famille--garde-denfants"], reseaux: ["caf"], department: 35)
        #expect(caf.map(\.id) == ["v-caf-garde", "v-creche"])
        #expect(caf.first?.structure == "CAF d'Ille-et-Exemple" && caf.first?.phone == "+33200000002" && caf.first?.inDepartment == true)
        // Another département: not these; the national service is there for everyone.
        #expect(directory.services(thematiques: ["famille--garde-denfants"], reseaux: ["caf"], department: 29).isEmpty)
        let digital = ["numerique--acceder-a-des-services-en-ligne"]
        #expect(directory.services(thematiques: digital, reseaux: [], department: 29).map(\.id) == ["v-num"])
        #expect(directory.services(thematiques: digital, reseaux: [], department: nil).map(\.id) == ["v-num"])
        #expect(directory.services(thematiques: ["famille--garde-denfants"], reseaux: [], department: nil).isEmpty)
        // The Mission locale of the person's département, not the one in Essonne.
        #expect(directory.services(thematiques: ["trouver-un-emploi--repondre-a-des-offres-demploi"], reseaux: ["mission-locale"], department: 91).map(\.id) == ["v-ml-91"])
    }

    @Test func atMostThreePerStepInAStableOrder() throws {
        var lines: [String] = [#"{"id": "s", "nom": "Structure d'essai", "code_insee": "35238", "reseaux_porteurs": []}"#]
        for index in (1...7).reversed() {
            lines.append(#"{"id": "v\#(index)", "structure_id": "s", "nom": "Service \#(index)", "thematiques": ["mobilite--preparer-un-permis"]}"#)
        }
        let (directory, _) = ServiceDirectoryReader.read(Array(lines.joined(separator: "\n").utf8), path: "e.jsonl")
        let found = try #require(directory).services(thematiques: ["mobilite--preparer-un-permis"], reseaux: [], department: 35)
        #expect(found.map(\.id) == ["v1", "v2", "v3"])
    }

    @Test func badRecordsAreReportedWithTheirPositionAndSkipped() throws {
        let text = """
        {"id": "s1", "nom": "Structure", "code_postal": "35000"}
        {"id": "v1", "structure_id": "s1", "nom": "Bon service", "thematiques": ["sante--acces-aux-soins"]}
        {"id": "v2", "structure_id": "s1", "thematiques": ["sante--acces-aux-soins"]}
        {"id": "v3", "structure_id": "s1", "nom": "Cassé", "thematiques": ["sante
        {"id": "v4", "structure_id": "s1", "nom": "Liste attendue", "thematiques": "sante--acces-aux-soins"}
        {"structure_id": "s1", "nom": "Sans id"}
        {"id": "v5", "structure_id": "s1", "nom": "Échappé \\u00e9 \\ud83d\\ude00", "thematiques": ["sante--acces-aux-soins"]}
        """
        let (directory, diagnostics) = ServiceDirectoryReader.read(Array(text.utf8), path: "e.jsonl")
        let rendered = TestSupport.render(diagnostics)
        #expect(rendered.contains("e.jsonl:3:1: error[missing-key]: \"v2\" has no nom: skipped"))
        #expect(rendered.contains("e.jsonl:4:75: error[yaml-syntax]: JSON: control character in a text; record skipped"))
        #expect(rendered.contains("e.jsonl:5:76: error[type-mismatch]: thematiques expects a list of texts; value ignored"))
        #expect(rendered.contains("e.jsonl:6:1: error[missing-key]: service without an id: skipped"))
        let read = try #require(directory)
        let found = read.services(thematiques: ["sante--acces-aux-soins"], reseaux: [], department: 35)
        #expect(found.map(\.id) == ["v1", "v5"])
        #expect(found.last?.name == "Échappé é 😀")
        // A JSON array stops at a syntax error, and says so.
        let (_, broken) = ServiceDirectoryReader.read(Array("[{\"id\": \"a\", \"nom\": \"x\"}, {\"id\": }]".utf8), path: "a.json")
        #expect(TestSupport.render(broken).contains("a.json:1:34: error[yaml-syntax]: JSON: expected a value; reading stopped here"))
    }

    @Test func departmentsFromCodes() {
        #expect(DepartmentKind.department(ofCode: "35238") == 35)
        #expect(DepartmentKind.department(ofCode: "2A004") == 20)
        #expect(DepartmentKind.department(ofCode: "97411") == 974)
        #expect(DepartmentKind.department(ofCode: "x") == nil)
        #expect(DepartmentKind.department(ofZone: "2B") == 20)
        #expect(DepartmentKind.department(ofZone: "974") == 974)
        #expect(DepartmentKind.department(ofZone: "200093201") == nil)
    }
}
