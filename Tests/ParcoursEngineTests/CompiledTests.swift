import Foundation
import Testing
@testable import ParcoursEngine

@Suite("Compiled rule set agrees with the interpreter")
struct CompiledTests {
    /// Sampled profiles with some fields removed, so unknowns and questions are exercised too.
    static func profiles(_ ruleSet: RuleSet, count: Int) -> [Profile] {
        var sampler = ProfileSampler(vocabulary: ruleSet.vocabulary, seed: 2026)
        var random = RandomSource(seed: 7)
        return (0..<count).map { _ in
            var profile = sampler.next()
            for field in ruleSet.vocabulary.fields where random.chance(0.15) { profile[field.index] = nil }
            if random.chance(0.1), let enrolled = ruleSet.vocabulary.field(named: "enrolled_schemes"),
               let months = ruleSet.vocabulary.field(named: "months_in_scheme") {
                profile[enrolled.index] = .set(UInt64(random.int(in: 0...31)))
                profile[months.index] = .scalar(random.int(in: 0...12))
            }
            return profile
        }
    }

    @Test func sameOutcomeOnThreeThousandProfiles() throws {
        let result = RuleSetLoader.load(directory: TestSupport.rulesDirectory, scenarios: TestSupport.packageRoot + "/Scenarios", date: "2026-11-22")
        let ruleSet = try #require(result.ruleSet)
        let compiled = CompiledRuleSet(ruleSet)
        let evaluator = Evaluator(ruleSet: ruleSet)
        var outcome = CompiledOutcome()
        var disagreements = 0
        for profile in Self.profiles(ruleSet, count: 3000) {
            let interpreted = evaluator.recommend(profile)
            compiled.evaluate(CompiledProfile(profile, vocabulary: ruleSet.vocabulary), into: &outcome)
            let same = outcome.fired.map { ruleSet.rules[Int($0)].id } == interpreted.fired
                && outcome.route.map { ruleSet.rules[$0].id } == interpreted.route?.rule
                && outcome.referent.map { ruleSet.rules[$0].id } == interpreted.referent?.rule
                && outcome.steps.map { ruleSet.rules[$0.rule].suggestions[$0.suggestion].entry } == interpreted.steps.map(\.id)
                && outcome.steps.map { ruleSet.rules[$0.rule].id } == interpreted.steps.map(\.rule)
                && OutcomeSummary(outcome, compiled) == OutcomeSummary(interpreted)
                && outcome.schemes.map(\.stage) == interpreted.schemes.map { result in
                    Int32(result.stage.flatMap { stage in ruleSet.scheme(result.id)?.stages.firstIndex { $0.id == stage.id } } ?? -1)
                }
            if !same { disagreements += 1 }
        }
        #expect(disagreements == 0)
    }

    /// An `any` across fields is tabled as its disjunctive form when short (one extra bit per
    /// further conjunction, folded into the rule's), and left to the match program when long.
    @Test func crossFieldAlternativesAreTabledWhenShort() throws {
        let ruleSet = try TestSupport.shippedRuleSet()
        let vocabulary = ruleSet.vocabulary
        let fields = Array(vocabulary.fields.filter { if case .set = $0.type { return false } else { return true } }.prefix(10))
        #expect(fields.count == 10)
        func known(_ field: Field) -> CoreCondition {
            .test(Test(key: ValueKey(field: field.index), allowed: ValueSet(Int(field.domain.lowerBound))))
        }
        let short = CoreCondition.all([known(fields[0]), .any([known(fields[1]), known(fields[2]), known(fields[3])])])
        let long = CoreCondition.any(fields.map(known))
        let tables = RuleTables(rules: [short, long], vocabulary: vocabulary)
        #expect(tables.folds.map { [$0.rule, $0.bit] } == [[0, 2], [0, 3]])
        #expect(tables.residuals.map(\.rule) == [1])
        #expect(tables.bitCount == 4)
        #expect(ruleSet.lowered.rules.contains { RuleTables.partition($0.normalForm(vocabulary), vocabulary).rest != nil })
        #expect(RuleTables(rules: ruleSet.lowered.rules, vocabulary: vocabulary).residuals.isEmpty)
    }

    /// A reused outcome marks its steps with a generation instead of clearing them: across
    /// the generation's wrap (every 2³¹ profiles), steps are still those of a fresh outcome.
    @Test func reusedStepsAcrossTheGenerationWrap() throws {
        let ruleSet = try TestSupport.shippedRuleSet()
        let compiled = CompiledRuleSet(ruleSet)
        let profiles = Self.profiles(ruleSet, count: 9)
        var reused = CompiledOutcome()
        compiled.evaluate(CompiledProfile(profiles[8], vocabulary: ruleSet.vocabulary), into: &reused)
        reused.selection.generation = (1 << 31) - 3
        var checked = 0
        for profile in profiles.prefix(8) {
            let slots = CompiledProfile(profile, vocabulary: ruleSet.vocabulary)
            var fresh = CompiledOutcome()
            compiled.evaluate(slots, into: &fresh)
            compiled.evaluate(slots, into: &reused)
            #expect(reused.steps.map { [$0.rule, $0.suggestion] } == fresh.steps.map { [$0.rule, $0.suggestion] })
            if !fresh.steps.isEmpty { checked += 1 }
        }
        #expect(reused.selection.generation < 8)
        #expect(checked > 4)
    }

    /// The codes a diff uses to pass over unchanged profiles say "unchanged" exactly when the
    /// two summaries are equal (checked against a rule set with a few edits).
    @Test func outcomeCodesAgreeWithSummaries() throws {
        let current = try TestSupport.shippedRuleSet()
        let base = RuleSet(vocabulary: current.vocabulary, catalogue: current.catalogue, facts: current.facts,
                           rules: current.rules.enumerated().filter { $0.offset % 7 != 3 }.map(\.element), schemes: current.schemes, date: current.date)
        let baseCompiled = CompiledRuleSet(base), currentCompiled = CompiledRuleSet(current)
        let codes = OutcomeCodes(base: OutcomeNames(baseCompiled), current: OutcomeNames(currentCompiled))
        var a = CompiledOutcome(), b = CompiledOutcome()
        var scratch = OutcomeCodes.Scratch()
        var unchanged = 0, changed = 0
        for profile in Self.profiles(current, count: 3000) {
            let compiledProfile = CompiledProfile(profile, vocabulary: current.vocabulary)
            baseCompiled.evaluate(compiledProfile, into: &a)
            currentCompiled.evaluate(compiledProfile, into: &b)
            let same = OutcomeSummary(a, baseCompiled) == OutcomeSummary(b, currentCompiled)
            #expect(codes.unchanged(base: a, current: b, scratch: &scratch) == same)
            if same { unchanged += 1 } else { changed += 1 }
        }
        #expect(unchanged > 100 && changed > 100, "both sides exercised: \(unchanged) unchanged, \(changed) changed")
    }

    @Test func fastDecoderAgreesWithThePreciseReader() throws {
        let ruleSet = try TestSupport.shippedRuleSet()
        let decoder = FastProfileDecoder(vocabulary: ruleSet.vocabulary)
        var parser = CorpusLineParser(path: "c.jsonl", format: .jsonLines, vocabulary: ruleSet.vocabulary)
        var sampler = ProfileSampler(vocabulary: ruleSet.vocabulary, seed: 11)
        var values: [Int64] = []
        for number in 1...500 {
            let profile = sampler.next()
            var line = "{"
            line += ruleSet.vocabulary.fields.compactMap { field -> String? in
                guard let value = profile[field.index] else { return nil }
                switch (field.type, value) {
                case (.integer, .scalar(let n)): return "\"\(field.name)\": \(n)"
                case (.boolean, .scalar(let n)): return "\"\(field.name)\": \(n == 1)"
                case (.enumeration(let all, _), .scalar(let n)): return "\"\(field.name)\": \"\(all[n].id)\""
                case (.set(let all), .set(let mask)):
                    return "\"\(field.name)\": [" + all.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { "\"\(all[$0].id)\"" }.joined(separator: ", ") + "]"
                default: return nil
                }
            }.joined(separator: ", ") + "}"
            let bytes = Array(line.utf8)
            #expect(decoder.decodeJSON(bytes, into: &values))
            let precise = try #require(parser.parse(bytes, line: number)?.profile)
            #expect(values == CompiledProfile(precise, vocabulary: ruleSet.vocabulary).values)
        }
        // Anything unusual goes to the precise reader.
        for odd in ["{\"age\": \"22\"}", "{\"agee\": 22}", "{\"age\": 22, \"age\": 23}", "{\"age\": 200}", "{\"gender\": \"f\\u00e9\"}", "[1]"] {
            #expect(!decoder.decodeJSON(Array(odd.utf8), into: &values), "\(odd)")
        }
        // Numbers and booleans are read in one pass up to their first foreign byte: what
        // follows must be whitespace, `,` or `}`, so a longer token is still refused whole.
        for odd in ["{\"age\":22x}", "{\"age\":2-2}", "{\"age\":-}", "{\"age\":22]", "{\"age\":+2}", "{\"age\":1.5}", "{\"qpv_resident\":truex}",
                    "{\"qpv_resident\":tru}", "{\"qpv_resident\":fals}", "{\"qpv_resident\":True}", "{\"qpv_resident\":true1}",
                    "{\"barriers\":[\"mobility\"}", "{\"barriers\":[\"mobility\",]}", "{\"age\":22,}", "{\"age\":22 \"x\"}"] {
            #expect(!decoder.decodeJSON(Array(odd.utf8), into: &values), "\(odd)")
        }
        // Spaces and tabs wherever JSON allows them are read by the fast reader, as the precise one reads them.
        for spaced in ["\t{\t\"age\"\t:\t22\t,\t\"qpv_resident\":\tfalse\t,\"barriers\" : [ \"mobility\" ,\t\"childcare\" ] }\t",
                       "{\"months_unemployed\":-0,\"qpv_resident\":true}", "{ }", "{\"barriers\":[ ]}"] {
            let bytes = Array(spaced.utf8)
            #expect(decoder.decodeJSON(bytes, into: &values), "\(spaced)")
            let precise = try #require(parser.parse(bytes, line: 1)?.profile, "\(spaced)")
            #expect(values == CompiledProfile(precise, vocabulary: ruleSet.vocabulary).values, "\(spaced)")
        }
    }
}
