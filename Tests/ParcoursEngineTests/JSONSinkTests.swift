import Foundation
import Testing
@testable import ParcoursEngine

/// The two sinks of the JSON contract agree: bytes written directly are the tree's rendering.
@Suite("JSON sinks")
struct JSONSinkTests {
    static func random(_ random: inout RandomSource, depth: Int) -> JSONValue {
        switch random.int(in: depth > 3 ? 0...3 : 0...5) {
        case 0: return .null
        case 1: return .bool(random.chance(0.5))
        case 2: return .int(random.int(in: -1000...1000))
        case 3: return .string(["", "a", "é\"\\\n\t\u{1}", "Lever les freins d'abord"][random.int(in: 0...3)])
        case 4: return .array((0..<random.int(in: 0...3)).map { _ in Self.random(&random, depth: depth + 1) })
        default: return .object((0..<random.int(in: 0...3)).map { index in ("k\(index)", Self.random(&random, depth: depth + 1)) })
        }
    }

    @Test func bytesAndTreeAgree() {
        var random = RandomSource(seed: 3)
        for _ in 0..<2000 {
            let value = Self.random(&random, depth: 0)
            var bytes = JSONBytes()
            bytes.value(value)
            #expect(String(decoding: bytes.bytes, as: UTF8.self) == value.rendered())
            // Valid JSON (the byte format itself is pinned by the golden outputs).
            #expect((try? JSONSerialization.jsonObject(with: Data(bytes.bytes), options: [.fragmentsAllowed])) != nil)
            var tree = JSONTree()
            tree.value(value)
            #expect(tree.result == value)
        }
    }

    @Test func theRecommendationContractIsTheSameBothWays() throws {
        let ruleSet = try TestSupport.shippedRuleSet()
        let evaluator = Evaluator(ruleSet: ruleSet)
        for yaml in ["age: 22\nautonomy: 2\nbarriers: [mobility]\n", "{}", "age: 40\njustice_status: incarcerated\n"] {
            let recommendation = evaluator.recommend(try TestSupport.profile(yaml, in: ruleSet))
            #expect(String(decoding: recommendation.jsonBytes, as: UTF8.self) == recommendation.json.rendered())
        }
    }
}
