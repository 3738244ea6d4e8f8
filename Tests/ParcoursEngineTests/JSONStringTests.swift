import Testing
import YAML
@testable import ParcoursEngine

/// The two JSON readers read strings alike, as RFC 8259 says (`JSONStringScanner`): the cases
/// where the corpus's JSON-line reader and the services export reader used to disagree.
@Suite("JSON strings read alike by both readers")
struct JSONStringTests {
    /// The JSON-line reader's text for `json` (one string value), or its error.
    static func line(_ json: String) -> Result<String, YAMLError> {
        JSONParser.parse(Array(json.unicodeScalars), line: 3).map { $0.scalar?.text ?? "" }
    }

    /// The services reader's name for a record whose `nom` is `json`, or its diagnostics.
    static func export(_ json: String) -> (name: String?, diagnostics: [Diagnostic]) {
        let text = "{\"id\": \"s1\", \"structure_id\": \"x\", \"nom\": \(json)}"
        let (directory, diagnostics) = ServiceDirectoryReader.read(Array(text.utf8), path: "e.jsonl")
        return (directory?.entries.first?.service.name, diagnostics)
    }

    @Test func surrogatePairsAreOneCharacterInBoth() throws {
        let json = "\"sourire \\ud83d\\ude00 \\uD83D\\uDE00\""
        #expect(try Self.line(json).get() == "sourire 😀 😀")
        #expect(Self.export(json).name == "sourire 😀 😀")
        #expect(Self.export(json).diagnostics.isEmpty)
    }

    @Test func loneSurrogatesAreRefusedByBoth() {
        for json in ["\"a\\ud83d\"", "\"a\\ud83dz\"", "\"a\\ude00\"", "\"a\\ud83d\\u0041\"", "\"a\\ud83d\\n\""] {
            guard case .failure(.syntax(let problem, let mark, "JSON")) = Self.line(json) else {
                Issue.record("JSON line accepted \(json)")
                continue
            }
            #expect(problem == JSONStringScanner.Problem.loneSurrogate.phrase.en)
            // At the first hex digit of the escape: `"a\u` is three characters before it.
            #expect(mark == Mark(line: 3, column: 5), "\(json)")
            let (name, diagnostics) = Self.export(json)
            #expect(name == nil, "\(json)")
            #expect(diagnostics.first?.message.fr.contains("moitié de paire UTF-16") == true, "\(diagnostics)")
        }
    }

    @Test func unknownEscapesAreRefusedByBoth() {
        guard case .failure(.syntax(let problem, let mark, "JSON")) = Self.line("\"a\\qb\"") else {
            Issue.record("JSON line accepted an unknown escape")
            return
        }
        #expect(problem == "unknown escape")
        #expect(mark.column == 4)
        #expect(YAMLError.syntax(problem: problem, mark: mark, context: "JSON").phrase.fr == "JSON invalide : échappement inconnu")
        #expect(Self.export("\"a\\qb\"").name == nil)
    }

    @Test func rawControlCharactersAreRefusedByBoth() {
        guard case .failure(.syntax(let problem, let mark, "JSON")) = Self.line("\"a\tb\"") else {
            Issue.record("JSON line accepted a raw tab in a string")
            return
        }
        #expect(problem == "control character in a text")
        #expect(mark.column == 3)
        #expect(Self.export("\"a\tb\"").name == nil)
        #expect(Self.export("\"a\tb\"").diagnostics.first?.message.fr.contains("caractère de contrôle") == true)
    }

    @Test func validEscapesReadTheSameInBoth() throws {
        let json = "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u00C9 é\""
        let expected = "\"\\/\u{8}\u{C}\n\r\té\u{C9} é"
        #expect(try Self.line(json).get() == expected)
        #expect(Self.export(json).name == expected)
    }

    @Test func malformedAndUnclosedStringsKeepTheirErrors() {
        guard case .failure(.syntax(let problem, let mark, "JSON")) = Self.line("\"a\\u12g4\"") else {
            Issue.record("JSON line accepted a malformed \\u escape")
            return
        }
        #expect(problem == "malformed \\u escape")
        #expect(mark.column == 5)
        #expect(Self.line("\"abc\\") == .failure(.unclosedQuote(mark: Mark(line: 3, column: 1))))
        #expect(Self.export("\"a\\u12g4\"").diagnostics.first?.message.fr.contains("échappement \\u mal formé") == true)
    }

    /// The scanner itself, over bytes and over scalars: the same text, the same failures.
    @Test func bytesAndScalarsScanAlike() {
        for json in ["\"plain\"", "\"é\\u00e9\\ud83d\\ude00\"", "\"\\x\"", "\"\\ud800\"", "\"open", "\"a\u{1}\""] {
            let bytes = Array(json.utf8), scalars = Array(json.unicodeScalars)
            let fromBytes = Result { () throws(JSONStringScanner.Failure) in try JSONStringScanner.scan(bytes, quote: 0).text }
            let fromScalars = Result { () throws(JSONStringScanner.Failure) in try JSONStringScanner.scan(scalars, quote: 0).text }
            switch (fromBytes, fromScalars) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(json)")
            case (.failure(let a), .failure(let b)): #expect(a.problem == b.problem, "\(json)")
            default: Issue.record("\(json): \(fromBytes) vs \(fromScalars)")
            }
        }
    }
}
