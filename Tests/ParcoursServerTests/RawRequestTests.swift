import Testing

/// How a raw request is named in the test output: one short line, whatever the bytes.
@Suite("Raw requests in the test output")
struct RawRequestTests {
    @Test func lineBreaksAndControlCharactersAreEscaped() {
        #expect(RawRequest("GET / HTTP/1.1\r\n\r\n").testDescription == #"GET / HTTP/1.1\r\n\r\n"#)
        #expect(RawRequest("\u{16}\u{03}\u{00}\\").testDescription == #"\u{16}\u{3}\u{0}\\"#)
    }

    @Test func aLongRunOfOneCharacterIsCounted() {
        let request = RawRequest("X-Big: " + String(repeating: "a", count: 17_000) + "\r\n")
        #expect(request.testDescription == #"X-Big: a×17000\r\n"#)
        // Short runs stay as written.
        #expect(RawRequest("Content-Length: 99999999999999999999").testDescription == "Content-Length: 99999999999999999999")
    }

    @Test func aLongRequestIsCutWithItsLength() {
        let text = (0..<100).map { "H\($0): v\r\n" }.joined()
        let label = RawRequest(text).testDescription
        #expect(label.hasPrefix(#"H0: v\r\nH1: v\r\n"#))
        #expect(label.hasSuffix("… (\(text.utf8.count) bytes)"))
        #expect(label.count <= RawRequest.longestLabel + 20)
    }
}
