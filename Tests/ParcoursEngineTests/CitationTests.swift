import Foundation
import Testing
@testable import ParcoursEngine

/// The register of sources and the check of quotes: citations parsed from `source:` texts, ids
/// checked against `sources.yaml`, and « … » quotes found (or not) in small fixture documents.
@Suite("Sources and quotes")
struct CitationTests {
    static let folder = TestSupport.fixtures + "/sources"

    static let register = """
    sources:
      essai:
        title: Rapport d'essai
        year: 2020
        issuer: Une association inventée
        kind: seed
        file: rapport-essai.txt
      loi_essai:
        title: Loi d'essai
        year: 2021
        issuer: Légifrance
        kind: law
        reference: art. 1
      parcours:
        title: Choix du projet
        year: 2026
        issuer: Projet Parcours
        kind: project
    """

    /// The diagnostics of one rule file's sources: the register's, the scan's and the quotes'.
    static func check(_ rules: String, seeds: [String] = [folder]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        guard let registerRoot = RuleSetLoader.parse(SourceFile(path: "sources.yaml", text: register), into: &diagnostics) else { return diagnostics }
        var loader = SourceRegisterLoader(file: "sources.yaml")
        let loaded = loader.load(registerRoot)
        diagnostics += loader.reader.diagnostics
        let file = SourceFile(path: "regles.yaml", text: rules)
        guard let root = RuleSetLoader.parse(file, into: &diagnostics) else { return diagnostics }
        var scan = CitationScan(register: loaded)
        scan.scan(root, file: file)
        let (documents, unreadable) = QuoteCheck.documents(references: [], folders: seeds)
        return (diagnostics + scan.diagnostics + unreadable + QuoteCheck(register: loaded, documents: documents, seedsGiven: !seeds.isEmpty).run(scan.cited)).sorted()
    }

    static func rule(_ source: String) -> String {
        """
        rules:
          - id: essai
            title: Essai
            source: "\(source)"
            when: age >= 16
        """
    }

    @Test func citationsAreSplitBySemicolonsOutsideParenthesesAndGuillemets() {
        let citations = CitationParser.parse("002, annexe 4 (« un ; deux » ; « trois ») ; parcours (choix ; du projet) ; les_emplois")
        #expect(citations.map(\.sourceID) == ["002", "parcours", "les_emplois"])
        #expect(citations[0].quotes.map(\.text) == ["un ; deux", "trois"])
        #expect(citations[0].detail == "annexe 4 (« un ; deux » ; « trois »)")
        #expect(citations[2].quotes.isEmpty)
        #expect(CitationParser.parse("reference/README.md (note)").map(\.sourceID) == ["reference/README.md"])
        #expect(CitationParser.passages(of: "avant […] après [...] fin") == ["avant", "après", "fin"])
    }

    @Test func aQuoteFoundAfterNormalisingPasses() {
        // Line breaks, emphasis, a typographic apostrophe, the first letter's case, a non-breaking space.
        let quote = "les conseillers proposent une immersion aux personnes qui n'ont pas\u{A0}encore de projet"
        #expect(Self.check(Self.rule("essai (« \(quote) »)")).isEmpty)
        #expect(Self.check(Self.rule("essai (« Un second passage […] suivi dans l'emploi »)")).isEmpty)
    }

    @Test func aQuoteChangedByOneCharacterFailsAtItsLineAndColumn() {
        let diagnostics = Self.check(Self.rule("essai (« les conseillers proposent une immersiom aux personnes »)"))
        #expect(diagnostics.count == 1)
        let found = diagnostics.first
        #expect(found?.code == .quoteNotFound)
        #expect(found?.location == SourceLocation(file: "regles.yaml", line: 4, column: 21))
        #expect(found?.hint?.fr.contains("passage le plus proche : « les conseillers proposent une immersion") == true)
    }

    @Test func joinedPassagesMustComeInOrder() {
        let diagnostics = Self.check(Self.rule("essai (« suivi dans l'emploi […] Les conseillères »)"))
        #expect(diagnostics.map(\.code) == [.quoteNotFound])
    }

    @Test func anUnknownSourceIsAnErrorWithASuggestion() {
        let diagnostics = Self.check(Self.rule("esai (« Les conseillères »)"))
        #expect(diagnostics.map(\.code) == [.unknownSource])
        #expect(diagnostics.first?.location == SourceLocation(file: "regles.yaml", line: 4, column: 13))
        #expect(diagnostics.first?.hint?.fr == "vouliez-vous dire « essai » ?")
        let readme = Self.check(Self.rule("reference/README.md (SMA)"))
        #expect(readme.first?.hint?.fr.hasPrefix("un README est une note, pas une source") == true)
        let codes = Self.check(Self.rule("reference/france_travail_contraintes_fixture.yaml, contrainte 23"))
        #expect(codes.first?.hint?.fr.hasPrefix("une liste de codes n'est pas une raison") == true)
    }

    @Test func aSeedIsQuotedAndALawIsNot() {
        #expect(Self.check(Self.rule("essai, partie 1")).map(\.code) == [.missingQuote])
        #expect(Self.check(Self.rule("loi_essai (« art. 1 »)")).map(\.code) == [.missingQuote])
        #expect(Self.check(Self.rule("loi_essai, art. 1 ; parcours (choix du projet : six mois au plus)")).isEmpty)
    }

    @Test func aSeedMissingFromTheFoldersIsAnErrorOnlyWhenFoldersAreGiven() {
        let empty = TestSupport.fixtures + "/broken"
        let missing = Self.check(Self.rule("essai (« Les conseillères »)"), seeds: [empty])
        #expect(missing.map(\.code) == [.missingFile])
        #expect(missing.first?.location.file == "sources.yaml")
        #expect(Self.check(Self.rule("essai (« absent du document »)"), seeds: []).isEmpty)
    }

    @Test func theShippedRuleSetHasARegisterAndEveryCitationIsRegistered() throws {
        let result = RuleSetLoader.load(TestSupport.shippedFiles(), date: "2026-06-01")
        #expect(!result.diagnostics.hasErrors)
        #expect(result.sources.source("002")?.file == "002_cf991cc7ff87f963.txt")
        #expect(!result.citations.isEmpty)
        for text in result.citations {
            for citation in text.citations {
                #expect(result.sources.source(citation.sourceID) != nil, "\(text.location): \(citation.sourceID)")
                #expect(!citation.sourceID.lowercased().contains("readme") && !citation.sourceID.contains("france_travail_contraintes"))
            }
        }
    }
}
