import Foundation
import ParcoursEngine

/// Generates a decision set like the peers': rules of 1 to 4 conditions over the profile
/// fields the sampler always fills, at most one condition per field, as Parcours conditions and
/// as a JSON description the peer engines are built from.
package struct RuleGenerator {
    package struct Spec {
        package let id: String
        /// (field, operator, JSON of the operand(s))
        package let conditions: [(field: String, op: String, operand: String)]
        package let condition: Condition
    }

    package let vocabulary: Vocabulary
    package var random: RandomSource

    package init(vocabulary: Vocabulary, random: RandomSource) {
        self.vocabulary = vocabulary
        self.random = random
    }

    static let integers: [(String, ClosedRange<Int>)] = [("age", 16...64), ("autonomy", 1...5), ("months_unemployed", 0...60),
                                                         ("children_under_6", 0...3), ("family_quotient", 300...2000)]
    static let enums = ["gender", "territory", "qualification", "justice_status", "french_level", "employment", "project", "parental_leave"]
    static let booleans = ["qpv_resident", "registered_job_seeker", "rsa_recipient", "driving_licence", "vehicle", "single_parent",
                           "refugee", "disability_recognised", "business_idea", "housing_emergency"]
    static let sets = ["barriers", "sector_background"]

    package mutating func rules(_ count: Int) -> [Spec] {
        (1...count).map { number in
            let size = random.int(in: 1...4)
            var used: Set<String> = []
            var conditions: [(String, String, String)] = []
            var tests: [Condition] = []
            while conditions.count < size {
                let kind = random.int(in: 0...3)
                let name: String
                switch kind {
                case 0: name = Self.integers[random.int(in: 0...(Self.integers.count - 1))].0
                case 1: name = Self.enums[random.int(in: 0...(Self.enums.count - 1))]
                case 2: name = Self.booleans[random.int(in: 0...(Self.booleans.count - 1))]
                default: name = Self.sets[random.int(in: 0...(Self.sets.count - 1))]
                }
                guard !used.contains(name), let field = vocabulary.field(named: name) else { continue }
                used.insert(name)
                let key = ValueKey(field: field.index)
                switch field.kind.storage {
                case .number:
                    let range = Self.integers.first { $0.0 == name }?.1 ?? 0...1
                    let a = random.int(in: range), b = random.int(in: range)
                    switch random.int(in: 0...2) {
                    case 0:
                        conditions.append((name, "ge", "\(a)"))
                        tests.append(.test(Test(key: key, allowed: ValueSet([a...field.domain.upperBound]))))
                    case 1:
                        conditions.append((name, "le", "\(a)"))
                        tests.append(.test(Test(key: key, allowed: ValueSet([field.domain.lowerBound...a]))))
                    default:
                        let low = min(a, b), high = max(a, b)
                        conditions.append((name, "between", "[\(low),\(high)]"))
                        tests.append(.test(Test(key: key, allowed: ValueSet([low...high]))))
                    }
                case .flag:
                    let value = random.chance(0.5)
                    conditions.append((name, "eq", value ? "true" : "false"))
                    tests.append(.test(Test(key: key, allowed: ValueSet(value ? 1 : 0))))
                case .choice(let ids):
                    let picked = Array(Set((0..<random.int(in: 1...2)).map { _ in random.int(in: 0...(ids.count - 1)) })).sorted()
                    conditions.append((name, "in", "[" + picked.map { "\"\(ids[$0])\"" }.joined(separator: ",") + "]"))
                    tests.append(.test(Test(key: key, allowed: ValueSet(picked.map { $0...$0 }))))
                case .members(let ids):
                    let element = random.int(in: 0...(ids.count - 1))
                    conditions.append((name, "includes", "\"\(ids[element])\""))
                    tests.append(.test(Test(key: ValueKey(field: field.index, element: element), allowed: ValueSet(1))))
                }
            }
            return Spec(id: String(format: "g%03d", number), conditions: conditions, condition: tests.count == 1 ? tests[0] : .all(tests))
        }
    }

    package static func json(_ specs: [Spec]) -> String {
        "[\n" + specs.map { spec in
            "  {\"id\": \"\(spec.id)\", \"conditions\": [" + spec.conditions.map { "{\"field\": \"\($0.field)\", \"op\": \"\($0.op)\", \"operand\": \($0.operand)}" }.joined(separator: ", ") + "]}"
        }.joined(separator: ",\n") + "\n]\n"
    }
}
