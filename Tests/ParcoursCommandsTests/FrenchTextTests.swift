import Testing
@testable import ParcoursRendering

/// French typography, written once: dates in words, plurals.
@Suite("French typography")
struct FrenchTextTests {
    @Test func datesAreWrittenInWords() {
        #expect(FrenchText.date("2026-12-06") == "6\u{00A0}décembre\u{00A0}2026")
        #expect(FrenchText.date("2027-01-01") == "1er\u{00A0}janvier\u{00A0}2027")
        #expect(FrenchText.date("2026-13-01") == "2026-13-01")
        #expect(FrenchText.date("demain") == "demain")
    }

    @Test func zeroAndOneAreSingular() {
        #expect(FrenchText.count(0, "réponse") == "0\u{00A0}réponse")
        #expect(FrenchText.count(1, "réponse") == "1\u{00A0}réponse")
        #expect(FrenchText.count(2, "autre étape", "autres étapes") == "2\u{00A0}autres étapes")
    }
}
