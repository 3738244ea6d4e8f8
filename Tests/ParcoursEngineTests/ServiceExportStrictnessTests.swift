import Foundation
import Testing
@testable import ParcoursEngine

/// A data·inclusion record that reads as JSON but is not sound (a key twice, a text not in
/// valid UTF-8) is reported at its place and skipped, the others read: in JSON lines and in a
/// JSON array alike.
@Suite("Services export strictness")
struct ServiceExportStrictnessTests {
    static let good = Array(#"{"id": "ok", "structure_id": "s", "nom": "Bon é", "thematiques": ["sante--acces-aux-soins"]}"#.utf8)

    static func record(_ id: String, _ middle: [UInt8]) -> [UInt8] {
        Array(#"{"id": "\#(id)", "structure_id": "s", "nom": "N"#.utf8) + middle + Array(#"", "thematiques": ["sante--acces-aux-soins"]}"#.utf8)
    }

    @Test func invalidUTF8AndDuplicateKeysSkipTheRecord() throws {
        let lines = [
            Self.record("a", [0xFF]),                                                        // a stray byte
            Self.record("b", [0xC3]),                                                        // a cut sequence
            Self.record("c", [0xED, 0xA0, 0x80]),                                            // a surrogate in UTF-8
            Array(#"{"id": "d", "structure_id": "s", "nom": "N", "nom": "M"}"#.utf8),       // a key twice
            Array(#"{"id": "e", "structure_id": "s", "nom": "N", "x": {"y": ""#.utf8) + [0xC0, 0x80] + Array(#""}}"#.utf8),  // inside a key not read
            Self.good,
        ]
        let text = lines.joined(separator: [0x0A]).map { $0 }
        let (directory, diagnostics) = ServiceDirectoryReader.read(text, path: "s.jsonl")
        #expect(directory?.count == 1)
        #expect(diagnostics.map(\.code) == [.yamlUTF8, .yamlUTF8, .yamlUTF8, .duplicateKey, .yamlUTF8])
        #expect(diagnostics.map(\.location.line) == [1, 2, 3, 4, 5])
        #expect(diagnostics.first?.location.column == 43, "at the bad byte")
        #expect(diagnostics[3].message.en == "key \"nom\" given twice: record skipped")
        #expect(diagnostics[3].location.column == 46)

        let array = [0x5B] + [Self.record("a", [0xFF]), Array(#"{"id": "b", "nom": "B", "id": "c"}"#.utf8), Self.good].joined(separator: Array(",\n".utf8)) + [0x5D]
        let read = ServiceDirectoryReader.read(Array(array), path: "s.json")
        #expect(read.directory?.count == 1, "the array is read past the refused records")
        #expect(read.diagnostics.map(\.code) == [.yamlUTF8, .duplicateKey])
    }

    /// Valid UTF-8 of every length, and the same key in two records or at two depths, are fine.
    @Test func soundRecordsStayRead() {
        let text = Array(#"{"id": "é€😀", "structure_id": "s", "nom": "Crèche €", "x": {"nom": 1}}"#.utf8) + [0x0A] + Self.good
        let (directory, diagnostics) = ServiceDirectoryReader.read(text, path: "s.jsonl")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message.en))")
        #expect(directory?.count == 2)
    }
}
