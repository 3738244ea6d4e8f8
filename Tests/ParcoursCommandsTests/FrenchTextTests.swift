import Testing
@testable import ParcoursRendering

/// French typography, written once: dates in words, plurals, apostrophes and non-breaking spaces.
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

    @Test func apostrophesAreTypographic() {
        #expect(FrenchText.typography("l'emploi, aujourd'hui") == "l\u{2019}emploi, aujourd\u{2019}hui")
        // Only between two letters: a quote around a word or after a digit stays.
        #expect(FrenchText.typography("'code' 5'") == "'code' 5'")
    }

    @Test func spacesBeforeHighPunctuationDoNotBreak() {
        #expect(FrenchText.typography("Pourquoi : la garde ; vite ! Vraiment ?") == "Pourquoi\u{00A0}: la garde\u{202F}; vite\u{202F}! Vraiment\u{202F}?")
        // An indent before « ! » or « ? » stays an indent; no space is added where none was (10:30, https://).
        #expect(FrenchText.typography("    ! Condition non remplie") == "    ! Condition non remplie")
        #expect(FrenchText.typography("à 10:30, https://exemple.fr/?q=1") == "à 10:30, https://exemple.fr/?q=1")
    }

    @Test func guillemetsHoldTheirWords() {
        #expect(FrenchText.typography("le « vous » et «toi»") == "le «\u{00A0}vous\u{00A0}» et «\u{00A0}toi\u{00A0}»")
    }

    @Test func typographyCanBeAppliedTwice() {
        for text in ["Votre chemin : l'emploi d'abord ; « vite » !", "«x» : y?", "  - ? question"] {
            let once = FrenchText.typography(text)
            #expect(FrenchText.typography(once) == once, "\(text)")
        }
    }

    @Test func wrappingNeverBreaksAtANonBreakingSpace() {
        let lines = RecommendationText.wrap("aaaa bbbb : cccc", indent: "", width: 10)
        // « bbbb : » stays one word: the colon never starts a line.
        #expect(lines == ["aaaa", "bbbb\u{00A0}:", "cccc"])
    }
}
