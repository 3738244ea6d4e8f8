import Testing
import YAML
@testable import ParcoursEngine

/// A kind made only for this test: a rate in percent, 0 to 100, written as a whole number,
/// said "45 %". It is what adding a type takes: one type conforming to `FieldKind` (and, in
/// the product, one case in `FieldType`). Nothing else in the engine is told about it.
private struct PercentKind: FieldKind {
    var keyword: String { "percent" }
    var values: [EnumValue] { [] }
    var domain: ClosedRange<Int> { 0...100 }
    var storage: ValueStorage { .number(min: 0, max: 100) }
    var widget: FieldWidget { .number }
    var operators: FieldOperators { [.equality, .order] }

    func read(_ node: Node, of field: Field, codec: FieldCodec, reader: inout NodeReader) -> FieldValue? {
        guard let text = node.scalar?.text, node.scalar?.style == .plain, let number = FieldCodec.integer(text.utf8), domain.contains(Int(number)) else {
            reader.report(.typeMismatch, node, Phrase("pourcentage de 0 à 100 attendu pour \(field.name)", en: "expected a percentage from 0 to 100 for \(field.name)"))
            return nil
        }
        return .scalar(Int(number))
    }

    func conditionValue(_ token: ConditionToken, of field: Field) -> Result<Int, FieldProblem> {
        guard case .number(let number) = token.kind, domain.contains(number) else {
            return .failure(FieldProblem(.typeMismatch, Phrase("pourcentage attendu", en: "expected a percentage")))
        }
        return .success(number)
    }

    func text(_ value: FieldValue, language: Language, empty: String?) -> String? {
        guard case .scalar(let number) = value else { return nil }
        return "\(number) %"
    }

    func examples(_ name: String) -> String { "\(name) >= 50" }
    func ruleText(_ name: String, allowed: ValueSet) -> String? { "\(name) in \(allowed.ranges.map { "\($0.lowerBound) to \($0.upperBound)" }.joined(separator: " or "))" }
    func example(_ name: String, value: Int) -> String? { "\(name) = \(value)" }
    func french(_ label: String, allowed: ValueSet) -> String {
        allowed.ranges.map { "\(label) de \($0.lowerBound) % à \($0.upperBound) %" }.joined(separator: " ou ")
    }

    func schema(_ description: String, extraMembers: [String]) -> JSONValue {
        .object([("type", .array([.string("integer"), .string("null")])), ("minimum", .int(0)), ("maximum", .int(100)), ("description", .string(description))])
    }

    var canonicalDetails: [String] { ["percent"] }
}

@Suite("Field kinds: a type decided in one place")
struct FieldKindTests {
    private static let here = SourceLocation(file: "vocabulary.yaml", line: 1, column: 1)

    /// A vocabulary with the test's own kind and a kind of the product.
    private static func vocabulary() -> Vocabulary {
        Vocabulary(fields: [
            Field(index: 0, name: "rate", kind: PercentKind(), label: "Taux d'activité", question: "Quel est le taux ?", location: here),
            Field(index: 1, name: "active", type: .boolean, label: "Actif", question: "Est-il actif ?", location: here),
        ])
    }

    @Test("A new kind works through the protocol alone: read, written, decoded fast, compared, said in words")
    func aNewKindIsOneType() throws {
        let vocabulary = Self.vocabulary()
        let rate = try #require(vocabulary.field(named: "rate"))
        #expect(rate.kind.keyword == "percent")
        #expect(rate.kind.widget == .number)

        // The precise reader asks the kind.
        let loaded = ProfileLoader.load(SourceFile(path: "p.yaml", text: "rate: 45\nactive: true\n"), vocabulary: vocabulary)
        let profile = try #require(loaded.profile)
        #expect(profile[0] == .scalar(45))
        #expect(profile[1] == .scalar(1))
        let refused = ProfileLoader.load(SourceFile(path: "p.yaml", text: "rate: 120\n"), vocabulary: vocabulary)
        #expect(refused.profile == nil)
        #expect(refused.diagnostics.map(\.code) == [.typeMismatch])
        #expect(refused.diagnostics.first?.message.fr.contains("pourcentage") == true)

        // Written by the kind, read back by the fast decoder from tables built from its storage.
        let line = profile.jsonLine(vocabulary)
        #expect(line == #"{"rate":45,"active":true}"#)
        var slots: [Int64] = []
        let decoder = FastProfileDecoder(vocabulary: vocabulary)
        #expect(decoder.decodeJSON(Array(line.utf8), into: &slots))
        #expect(slots == [45, 1])
        #expect(!decoder.decodeJSON(Array(#"{"rate":101}"#.utf8), into: &slots))
        var csv = FastProfileDecoder(vocabulary: vocabulary)
        #expect(vocabulary.csvHeader == "rate,active")
        let headerRead = csv.readHeader(Array(vocabulary.csvHeader.utf8))
        #expect(headerRead)
        #expect(csv.decodeCSV(Array(profile.csvRow(vocabulary).utf8), into: &slots))
        #expect(slots == [45, 1])

        // Conditions: the kind's operators and values.
        var parser = ComparisonParser(text: "rate >= 50", origin: Self.here, exact: true, vocabulary: vocabulary, facts: FactNames([]))
        let parsed = parser.parse()
        let condition = try #require(parsed)
        guard case .comparison(let comparison) = condition, case .test(let test) = comparison.meaning else {
            Issue.record("expected one test, got \(condition)")
            return
        }
        #expect(test.allowed == ValueSet([50...100]))
        var membership = ComparisonParser(text: "rate includes x", origin: Self.here, exact: true, vocabulary: vocabulary, facts: FactNames([]))
        let refusedCondition = membership.parse()
        #expect(refusedCondition == nil)
        #expect(membership.diagnostics.map(\.code) == [.operatorMismatch])
        #expect(membership.diagnostics.first?.hint?.en == "e.g. rate >= 50")

        // Words, schema and canonical form come from the kind too.
        #expect(rate.kind.text(.scalar(45), language: .fr, empty: nil) == "45 %")
        #expect(rate.kind.french("Taux", allowed: ValueSet([50...100])) == "Taux de 50 % à 100 %")
        #expect(rate.kind.schema("Taux", extraMembers: []) == .object([("type", .array([.string("integer"), .string("null")])), ("minimum", .int(0)),
                                                                         ("maximum", .int(100)), ("description", .string("Taux"))]))
        #expect(rate.kind.json(.scalar(45)) == "45")
        #expect(rate.kind.json(.set(1)) == nil)
        let canonical = String(decoding: CanonicalForm.text(vocabulary: vocabulary, catalogue: Catalogue(routes: [], stages: [], entries: []), facts: [], rules: [], schemes: []), as: UTF8.self)
        #expect(canonical.contains("field rate percent \"Taux d'activité\" \"Quel est le taux ?\"\n  percent\n"))
    }

    @Test("Each declared type maps to its kind, with its keyword, widget and operators")
    func typesMapToKinds() {
        let values = [EnumValue(id: "a", label: "A")]
        let expected: [(FieldType, String, FieldWidget, FieldOperators)] = [
            (.integer(min: 0, max: 9), "integer", .number, [.equality, .order]),
            (.boolean, "boolean", .yesNo, [.bare, .equality]),
            (.enumeration(values, ordered: false), "enum", .choice, [.equality]),
            (.enumeration(values, ordered: true), "ordered", .choice, [.equality, .order]),
            (.set(values), "set", .multiChoice, [.membership]),
            (.department, "department", .choice, [.equality]),
        ]
        for (type, keyword, widget, operators) in expected {
            #expect(type.kind.keyword == keyword)
            #expect(type.keyword == keyword)
            #expect(type.kind.widget == widget, "\(keyword)")
            #expect(type.kind.operators == operators, "\(keyword)")
        }
        #expect(expected.map(\.1) == FieldType.keywords)
    }

    @Test("A département is an INSEE code: Corsica's 2A and 2B, overseas codes, and the old whole numbers")
    func departmentsAreInseeCodes() throws {
        let ruleSet = try TestSupport.shippedRuleSet()
        let field = try #require(ruleSet.vocabulary.field(named: "department"))
        let codec = ruleSet.vocabulary.codecs[field.index]
        func read(_ text: String) -> (String?, [Diagnostic]) {
            var reader = NodeReader(file: "profil")
            guard let node = try? YAMLParser.parse(text), case .scalar(let index)? = field.kind.read(node, of: field, codec: codec, reader: &reader) else {
                return (nil, reader.diagnostics)
            }
            return (field.values[index].id, reader.diagnostics)
        }
        #expect(read("2A").0 == "2A")
        #expect(read("2b").0 == "2B")
        #expect(read("\"971\"").0 == "971")
        #expect(read("91").0 == "91")
        #expect(read("1").0 == "01")
        let corsica = read("20")
        #expect(corsica.0 == nil && corsica.1.first?.hint?.fr.contains("2A") == true)
        #expect(read("96").0 == nil)
        #expect(field.kind.json(.scalar(try #require(field.valueIndex(of: "2A")))) == "\"2A\"")
        // The service directory numbers Corsica 20.
        var profile = Profile()
        profile[field.index] = .scalar(try #require(field.valueIndex(of: "2B")))
        #expect(ruleSet.department(of: profile) == 20)
    }

    @Test("Every shipped field's values round-trip through its kind: JSON and CSV written, read back the same")
    func shippedValuesRoundTrip() throws {
        let ruleSet = try TestSupport.shippedRuleSet()
        let vocabulary = ruleSet.vocabulary
        var sampler = ProfileSampler(vocabulary: vocabulary, seed: 11)
        var checked = 0
        for _ in 0..<50 {
            let profile = sampler.next()
            for field in vocabulary.fields {
                guard let value = profile[field.index] else { continue }
                let codec = vocabulary.codecs[field.index]
                let json = try #require(field.kind.json(value))
                var reader = NodeReader(file: "line")
                let node = try #require(try? YAMLParser.parse(json))
                #expect(field.kind.read(node, of: field, codec: codec, reader: &reader) == value, "\(field.name): \(json)")
                let cell = try #require(field.kind.csv(value))
                #expect(field.kind.read(field.kind.cell(cell, at: Mark(line: 1, column: 1)), of: field, codec: codec, reader: &reader) == value, "\(field.name): \(cell)")
                #expect(reader.diagnostics.isEmpty)
                checked += 1
            }
        }
        #expect(checked > 500)
    }
}
