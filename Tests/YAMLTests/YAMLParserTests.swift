import Testing
@testable import YAML

@Suite("YAML parser")
struct YAMLParserTests {
    @Test func keepsScalarsAsTextWithPositions() throws {
        let node = try #require(try YAMLParser.parse("a: no\nb:\n  - 'on'\n  - 0755\n"))
        let pairs = try #require(node.mapping)
        #expect(pairs.map { $0.key.scalar?.text } == ["a", "b"])
        #expect(pairs[0].value.scalar == Scalar(text: "no", style: .plain))
        #expect(pairs[0].value.mark == Mark(line: 1, column: 4))
        let items = try #require(pairs[1].value.sequence)
        #expect(items[0].scalar == Scalar(text: "on", style: .singleQuoted))
        #expect(items[1].scalar?.text == "0755")
        #expect(items[1].mark == Mark(line: 4, column: 5))
    }

    @Test func emptyAndCommentOnlyDocumentsAreNil() throws {
        #expect(try YAMLParser.parse("") == nil)
        #expect(try YAMLParser.parse("# only a comment\n") == nil)
    }

    @Test func nullForms() throws {
        let node = try #require(try YAMLParser.parse("a:\nb: ~\nc: null\nd: ''\n"))
        let values = try #require(node.mapping).map(\.value.isNull)
        #expect(values == [true, true, true, false])
    }

    @Test func duplicateKeyIsPositioned() {
        #expect(throws: YAMLError.duplicateKey(key: "age", mark: Mark(line: 3, column: 1), first: Mark(line: 1, column: 1))) {
            try YAMLParser.parse("age: 3\nname: x\nage: 4\n")
        }
    }

    @Test func tabIndentationIsNamed() {
        #expect(throws: YAMLError.tab(mark: Mark(line: 2, column: 1))) {
            try YAMLParser.parse("a:\n\tb: 1\n")
        }
    }

    @Test func invalidUTF8IsPositioned() {
        var bytes = Array("a: ok\nb: ".utf8)
        bytes.append(0xC3)
        bytes.append(0x28)
        #expect(throws: YAMLError.invalidUTF8(mark: Mark(line: 2, column: 4))) {
            try YAMLParser.parse(bytes: bytes)
        }
    }

    @Test func unclosedQuotePointsAtTheOpeningQuote() {
        #expect(throws: YAMLError.unclosedQuote(mark: Mark(line: 2, column: 4))) {
            try YAMLParser.parse("a: 1\nb: \"open\nc: 2\n")
        }
    }

    @Test func syntaxErrorsArePositioned() throws {
        do {
            _ = try YAMLParser.parse("a: [1, 2\nb: 3\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "yaml-syntax")
            #expect(error.mark.line >= 2)
        }
    }

    @Test func aliasesExpandWithinTheBound() throws {
        let node = try #require(try YAMLParser.parse("base: &b [x, y]\ncopy: *b\n"))
        #expect(node["copy"]?.sequence?.map { $0.scalar?.text } == ["x", "y"])
        #expect(node["copy"]?.mark == Mark(line: 2, column: 7))
    }

    @Test func billionLaughsIsRefused() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f"] {
            let refs = Array(repeating: "*\(previous)", count: 10).joined(separator: ", ")
            text += "\(name): &\(name) [\(refs)]\n"
            previous = name
        }
        #expect {
            try YAMLParser.parse(text)
        } throws: { error in
            guard let error = error as? YAMLError, case .aliasExpansionTooLarge = error else { return false }
            return true
        }
    }

    @Test func unknownAlias() {
        #expect(throws: YAMLError.unknownAlias(name: "nope", mark: Mark(line: 1, column: 4))) {
            try YAMLParser.parse("a: *nope\n")
        }
    }

    @Test func severalDocumentsAreRefused() {
        #expect(throws: YAMLError.multipleDocuments(mark: Mark(line: 2, column: 1))) {
            try YAMLParser.parse("a: 1\n---\nb: 2\n")
        }
    }

    @Test func jsonIsRead() throws {
        let node = try #require(try YAMLParser.parse("{\"age\": 22, \"barriers\": [\"mobility\"]}"))
        #expect(node["age"]?.scalar?.text == "22")
        #expect(node["barriers"]?.sequence?.first?.scalar == Scalar(text: "mobility", style: .doubleQuoted))
    }

    @Test func columnsCountCodePoints() throws {
        let node = try #require(try YAMLParser.parse("é: ça\n"))
        #expect(node.mapping?.first?.value.mark == Mark(line: 1, column: 4))
    }
}

/// JSON's escaped surrogate pairs mean one character, as in JSON; a lone one stays an error.
@Suite("JSON surrogate pairs")
struct JSONSurrogateTests {
    @Test func aPairIsOneCharacter() throws {
        let node = try #require(try YAMLParser.parse(#"{"a": "x\uD83D\uDE00y", "b": "\\uD83D\\uDE00"}"#))
        #expect(node["a"]?.scalar?.text == "x😀y")
        // An escaped backslash before `u` is not an escape of the pair.
        #expect(node["b"]?.scalar?.text == #"\uD83D\uDE00"#)
    }

    @Test func aLoneSurrogateIsRefused() {
        #expect(throws: YAMLError.self) { try YAMLParser.parse(#"{"a": "\uD83D"}"#) }
        #expect(throws: YAMLError.self) { try YAMLParser.parse(#"{"a": "\uDE00\uD83D"}"#) }
    }

    @Test func yamlIsLeftAsWritten() throws {
        // Not a JSON document: a plain scalar keeps its backslashes.
        let node = try #require(try YAMLParser.parse(#"a: x\uD83D\uDE00"#))
        #expect(node["a"]?.scalar?.text == #"x\uD83D\uDE00"#)
    }
}
