import Foundation
import Testing
import ParcoursTestSupport
@testable import ParcoursEngine

/// Differential fuzzing: generated rule sets and profiles (with unknowns) through the
/// interpreter, the compiled rule set and the satisfiability checker, which must agree; and
/// mutated corpus lines through the fast and precise readers. Seeded, so a failure replays.
/// `PARCOURS_FUZZ_SCALE=50 swift test --filter Differential` runs fifty times longer.
@Suite("Differential fuzzing")
struct DifferentialTests {
    static let scale = max(1, Int(ProcessInfo.processInfo.environment["PARCOURS_FUZZ_SCALE"] ?? "") ?? 1)

    static func base() throws -> RuleSet {
        let result = RuleSetLoader.load(directory: TestSupport.rulesDirectory, scenarios: TestSupport.packageRoot + "/Scenarios", date: "2026-11-22")
        return try #require(result.ruleSet)
    }

    /// The profile's known values as one conjunction of tests.
    static func cube(_ profile: Profile, _ vocabulary: Vocabulary) -> CoreCondition {
        var tests: [CoreCondition] = []
        for field in vocabulary.fields {
            switch profile[field.index] {
            case .scalar(let value)?: tests.append(.test(Test(key: ValueKey(field: field.index), allowed: ValueSet(value))))
            case .set(let mask)?:
                for element in field.values.indices {
                    let bit = Int((mask >> UInt64(element)) & 1)
                    tests.append(.test(Test(key: ValueKey(field: field.index, element: element), allowed: ValueSet(bit))))
                }
            case nil: continue
            }
        }
        return .all(tests)
    }

    @Test func interpreterCompiledAndSolverAgree() throws {
        let base = try Self.base()
        var generator = RuleSetGenerator(base: base, seed: 2026)
        var checked = 0, undecidable = 0
        for round in 0..<(12 * Self.scale) {
            let ruleSet = generator.ruleSet(rules: 5 + round % 40, facts: round % 4)
            let evaluator = Evaluator(ruleSet: ruleSet)
            let compiled = CompiledRuleSet(ruleSet)
            let solver = Satisfiability(vocabulary: ruleSet.vocabulary)
            var outcome = CompiledOutcome()
            for number in 0..<60 {
                let given = generator.profile(unknown: number % 4 == 0 ? 0 : 0.25)
                let profile = given.withDefaults(from: ruleSet.vocabulary)
                let interpreted = evaluator.recommend(given)
                compiled.evaluate(CompiledProfile(given, vocabulary: ruleSet.vocabulary), into: &outcome)
                let rules = ruleSet.rules
                let context = "round \(round), profile \(number): \(profile.jsonLine(ruleSet.vocabulary))"
                #expect(outcome.fired.map { rules[Int($0)].id } == interpreted.fired, "fired, \(context)")
                #expect(outcome.route.map { rules[$0].id } == interpreted.route?.rule, "route, \(context)")
                #expect(outcome.referent.map { rules[$0].id } == interpreted.referent?.rule, "referent, \(context)")
                #expect(outcome.steps.map { "\(rules[$0.rule].id)/\(rules[$0.rule].suggestions[$0.suggestion].entry)" }
                        == interpreted.steps.map { "\($0.rule)/\($0.id)" }, "steps, \(context)")
                #expect(outcome.schemes.map(\.status) == interpreted.schemes.map(\.status), "scheme status, \(context)")
                #expect(outcome.schemes.map(\.stage) == interpreted.schemes.enumerated().map { index, result in
                    Int32(result.stage.flatMap { stage in ruleSet.schemes[index].stages.firstIndex { $0.id == stage.id } } ?? -1)
                }, "scheme stage, \(context)")
                // Questions name only unknown fields.
                for question in interpreted.questions {
                    let field = try #require(ruleSet.vocabulary.field(named: question.field))
                    #expect(profile[field.index] == nil, "question on a known field \(question.field), \(context)")
                }
                // Three-valued truth is sound: true (false) means true (false) for every way of filling the unknowns.
                let known = Self.cube(profile, ruleSet.vocabulary)
                let fired = Set(interpreted.fired), undetermined = Set(interpreted.undetermined)
                for (rule, condition) in zip(rules, ruleSet.lowered.rules) {
                    let counter = fired.contains(rule.id) ? CoreCondition.not(condition) : undetermined.contains(rule.id) ? nil : condition
                    guard let counter else {
                        #expect(given.values.count < ruleSet.vocabulary.fields.count, "undetermined with every field known, \(context)")
                        continue
                    }
                    guard let found = solver.both(counter, known) else { undecidable += 1; continue }
                    #expect(found.isEmpty, "rule \(rule.id) is \(fired.contains(rule.id) ? "true" : "false") but not for \(found.first.map(solver.example) ?? ""), \(context)")
                    checked += 1
                }
            }
        }
        #expect(checked > 1000)
        #expect(undecidable * 20 < checked)
    }

    /// The indexed conflict analysis finds exactly the conflicts that trying every pair finds.
    @Test func indexedConflictAnalysisMatchesEveryPair() throws {
        let base = try Self.base()
        var generator = RuleSetGenerator(base: base, seed: 77)
        var total = 0
        for round in 0..<(10 * Self.scale) {
            let ruleSet = generator.ruleSet(rules: 20 + round * 3, facts: round % 3)
            let solver = Satisfiability(vocabulary: ruleSet.vocabulary)
            var expected: [String] = []
            let rules = ruleSet.rules
            for i in rules.indices {
                for j in rules.indices where j > i && rules[i].priority == rules[j].priority {
                    let routes = rules[i].routeName != nil && rules[j].routeName != nil && rules[i].routeName != rules[j].routeName
                    let referents = rules[i].referent != nil && rules[j].referent != nil && rules[i].referent != rules[j].referent
                    guard routes || referents, let both = solver.both(ruleSet.lowered.rules[i], ruleSet.lowered.rules[j]), !both.isEmpty else { continue }
                    if routes { expected.append("\(rules[i].id) \(rules[j].id) route-conflict") }
                    if referents { expected.append("\(rules[i].id) \(rules[j].id) referent-conflict") }
                }
            }
            let found = RuleSetAnalysis(ruleSet: ruleSet).conflicts().compactMap { diagnostic -> String? in
                let ids = diagnostic.message.en.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
                return ids.count >= 2 ? "\(ids[0]) \(ids[1]) \(diagnostic.code.rawValue)" : nil
            }
            #expect(found.sorted() == expected.sorted(), "round \(round)")
            total += expected.count
        }
        #expect(total > 20)
    }

    /// The coverage search that proves shadowing agrees with subtracting every cube.
    @Test func coverageSearchMatchesSubtraction() throws {
        let base = try Self.base()
        var generator = RuleSetGenerator(base: base, seed: 91)
        var covered = 0, compared = 0
        for round in 0..<(6 * Self.scale) {
            let ruleSet = generator.ruleSet(rules: 25, facts: round % 2)
            let analysis = DeepAnalysis(ruleSet: ruleSet)
            let solver = Satisfiability(vocabulary: ruleSet.vocabulary)
            let conditions = ruleSet.lowered.rules
            for index in conditions.indices {
                guard let region = solver.expand(conditions[index]), !region.isEmpty else { continue }
                let others = conditions.indices.filter { $0 != index && ruleSet.rules[$0].priority > ruleSet.rules[index].priority }
                let cubes = others.compactMap { solver.expand(conditions[$0]) }
                guard cubes.count == others.count, let left = analysis.subtract(region, others.map { conditions[$0] }),
                      let found = analysis.covered(region.map(SortedCube.init), by: cubes.joined().map(SortedCube.init)) else { continue }
                #expect(found == left.isEmpty, "round \(round), rule \(ruleSet.rules[index].id)")
                compared += 1
                if found { covered += 1 }
            }
        }
        #expect(compared > 50 && covered > 0)
    }

    /// Mutations that make a line wrong in the ways people and other systems make it wrong.
    static let tokens = ["-", "+", "\"", "\\", ",", "}", "{", "[", "]", ":", " ", "0", "7", "99999999999999999999", "-1", "1e3", "1.5",
                         "null", "true", "false", "True", "\"age\"", "\"barriers\"", "\"mobilite\"", "é", "\u{0}", "\t"]

    static func mutate(_ line: String, _ random: inout RandomSource) -> String {
        var scalars = Array(line.unicodeScalars)
        for _ in 0..<random.int(in: 0...2) {
            guard !scalars.isEmpty else { break }
            let at = random.int(in: 0...(scalars.count - 1))
            let token = Array(tokens[random.int(in: 0...(tokens.count - 1))].unicodeScalars)
            switch random.int(in: 0...2) {
            case 0: scalars.replaceSubrange(at...at, with: token)
            case 1: scalars.insert(contentsOf: token, at: at)
            default: scalars.removeSubrange(at...min(scalars.count - 1, at + random.int(in: 0...3)))
            }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    /// Reads one JSON line with both readers: the fast one must refuse it or read exactly the
    /// profile the precise one reads. Says which of the two accepted it.
    static func readAlike(_ line: [UInt8], number: Int, _ fast: FastProfileDecoder, _ precise: inout CorpusLineParser,
                          _ vocabulary: Vocabulary) throws -> (fast: Bool, precise: Bool) {
        let record = precise.parse(line, line: number)
        var values: [Int64] = []
        guard fast.decodeJSON(line, into: &values) else { return (false, record?.profile != nil) }
        let text = String(decoding: line, as: UTF8.self)
        let profile = try #require(record?.profile, "fast reader accepts what the precise one refuses: \(text)")
        #expect(CompiledProfile(profile, vocabulary: vocabulary).values == values, "different values for \(text)")
        return (true, true)
    }

    @Test func fastAndPreciseReadersAcceptTheSameValues() throws {
        let ruleSet = try Self.base()
        let vocabulary = ruleSet.vocabulary
        let fast = FastProfileDecoder(vocabulary: vocabulary)
        var precise = CorpusLineParser(path: "c.jsonl", format: .jsonLines, vocabulary: vocabulary)
        var sampler = ProfileSampler(vocabulary: vocabulary, seed: 99)
        var random = RandomSource(seed: 5)
        var accepted = 0, refused = 0
        for number in 1...(2000 * Self.scale) {
            let line = Self.mutate(sampler.next().jsonLine(vocabulary), &random)
            let (fastRead, preciseRead) = try Self.readAlike(Array(line.utf8), number: number, fast, &precise, vocabulary)
            if fastRead {
                accepted += 1
            } else if !preciseRead {
                refused += 1
            }
        }
        #expect(accepted > 100 && refused > 100)
    }

    /// Every byte of a line changed in turn, and every line cut short: the fast reader (which
    /// tells the expected key by its first and last words) must refuse or agree with the
    /// precise one, whatever byte of a key, value or separator differs.
    @Test func everySingleByteChangeIsRefusedOrReadAlike() throws {
        let ruleSet = try Self.base()
        let vocabulary = ruleSet.vocabulary
        let fast = FastProfileDecoder(vocabulary: vocabulary)
        var precise = CorpusLineParser(path: "c.jsonl", format: .jsonLines, vocabulary: vocabulary)
        var sampler = ProfileSampler(vocabulary: vocabulary, seed: 97)
        var checked = 0, refused = 0
        for _ in 0..<(3 * Self.scale) {
            let line = Array(sampler.next().jsonLine(vocabulary).utf8)
            var variants: [[UInt8]] = (0...line.count).map { Array(line[0..<$0]) }
            for at in line.indices {
                for replacement in [UInt8(ascii: "x"), UInt8(ascii: "_"), UInt8(ascii: "\""), line[at] ^ 0x20] where replacement != line[at] {
                    var changed = line
                    changed[at] = replacement
                    variants.append(changed)
                }
            }
            for (number, variant) in variants.enumerated() {
                checked += 1
                if try !Self.readAlike(variant, number: number + 1, fast, &precise, vocabulary).fast { refused += 1 }
            }
        }
        #expect(checked > 5000 && refused > checked / 2)
    }

    @Test func fastAndPreciseCSVReadersAcceptTheSameValues() throws {
        let ruleSet = try Self.base()
        let vocabulary = ruleSet.vocabulary
        var fast = FastProfileDecoder(vocabulary: vocabulary)
        var precise = CorpusLineParser(path: "c.csv", format: .csv, vocabulary: vocabulary)
        let header = vocabulary.fields.map(\.name).joined(separator: ",")
        let headerRead = fast.readHeader(Array(header.utf8))
        #expect(headerRead)
        _ = precise.parse(Array(header.utf8), line: 1)
        var sampler = ProfileSampler(vocabulary: vocabulary, seed: 98)
        var random = RandomSource(seed: 6)
        var values: [Int64] = []
        var accepted = 0
        for number in 2...(2000 * Self.scale) {
            let profile = sampler.next()
            let cells = vocabulary.fields.map { field -> String in
                switch profile[field.index] {
                case .scalar(let value)?:
                    if case .boolean = field.type { return value == 1 ? "true" : "false" }
                    if field.values.isEmpty { return String(value) }
                    return field.values[value].id
                case .set(let mask)?:
                    return field.values.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { field.values[$0].id }.joined(separator: "|")
                case nil: return ""
                }
            }
            let line = Self.mutate(cells.joined(separator: ","), &random)
            let bytes = Array(line.utf8)
            let record = precise.parse(bytes, line: number)
            if fast.decodeCSV(bytes, into: &values) {
                accepted += 1
                let profile = try #require(record?.profile, "fast CSV reader accepts what the precise one refuses: \(line)")
                #expect(CompiledProfile(profile, vocabulary: vocabulary).values == values, "different values for \(line)")
            }
        }
        #expect(accepted > 100)
    }
}
