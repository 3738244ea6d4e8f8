import Bytes
import Foundation

/// Whom a draft changes on a reference caseload: the counts of `parcours diff` (route,
/// référent, proposed entries, scheme status), the rules that cause the changes, and a few
/// example profiles before and after. Computed on the compiled path `diff` uses.
public struct DraftImpact: Sendable {
    /// A rule whose applying changed for the profiles whose recommendation changes.
    public struct Cause: Sendable {
        public let rule: String
        /// The rule's title (the draft's, or the rules in force's for a removed rule).
        public let title: String
        /// Changed profiles the rule now applies to, and no longer applies to.
        public let gained: Int
        public let lost: Int
    }

    /// One changed profile: its field values, and the recommendation before and after.
    public struct Example: Sendable {
        /// Its number in the caseload, from 1.
        public let number: Int
        public let fields: [(field: String, label: String, value: String)]
        public let before: Recommendation
        public let after: Recommendation
    }

    public let report: ImpactReport
    public let caseload: Caseload.Origin
    /// Largest first, then by rule id.
    public let causes: [Cause]
    public let examples: [Example]
    /// The day both rule sets are in force.
    public let date: String
}

/// One impact run: both rule sets compiled, every profile of the caseload evaluated by both.
struct DraftImpactRun {
    let base: RulesInForce
    let current: RulesInForce
    let caseload: Caseload
    let deadline: Date

    func run() throws(ParcoursError) -> DraftImpact {
        let baseCompiled = CompiledRuleSet(base.ruleSet), currentCompiled = CompiledRuleSet(current.ruleSet)
        let baseNames = OutcomeNames(baseCompiled), currentNames = OutcomeNames(currentCompiled)
        let codes = OutcomeCodes(base: baseNames, current: currentNames)
        let retypedBase = caseload.slots(for: base.ruleSet.vocabulary)
        let retypedCurrent = caseload.slots(for: current.ruleSet.vocabulary)
        let baseSlots = retypedBase?.slots ?? caseload.slots, currentSlots = retypedCurrent?.slots ?? caseload.slots
        let baseStride = retypedBase == nil ? caseload.stride : max(base.ruleSet.vocabulary.fields.count, 1)
        let currentStride = retypedCurrent == nil ? caseload.stride : max(current.ruleSet.vocabulary.fields.count, 1)
        let baseIDs = base.ruleSet.rules.map(\.id), currentIDs = current.ruleSet.rules.map(\.id)

        var accumulator = ImpactAccumulator(examplesPerChange: 0)
        var baseOutcome = CompiledOutcome(), currentOutcome = CompiledOutcome()
        var scratch = OutcomeCodes.Scratch()
        var signature: [Int32] = []
        var causes: [String: (gained: Int, lost: Int)] = [:]
        var examples: [Int] = []
        var stoppedAt: Int?
        baseSlots.withView { baseBuffer in
            currentSlots.withView { currentBuffer in
                guard !baseBuffer.isEmpty, !currentBuffer.isEmpty else { return }
                baseCompiled.withKernel { baseKernel in
                    currentCompiled.withKernel { currentKernel in
                        for index in 0..<caseload.count {
                            if index % 4096 == 4095, Date() > deadline {
                                stoppedAt = index
                                return
                            }
                            if retypedBase?.refused[index] == true || retypedCurrent?.refused[index] == true {
                                accumulator.refuse()
                                continue
                            }
                            baseKernel.evaluate(baseBuffer.rebased(index * baseStride..<(index + 1) * baseStride), into: &baseOutcome)
                            currentKernel.evaluate(currentBuffer.rebased(index * currentStride..<(index + 1) * currentStride), into: &currentOutcome)
                            if codes.unchanged(base: baseOutcome, current: currentOutcome, scratch: &scratch) {
                                accumulator.addUnchanged()
                                continue
                            }
                            codes.signature(base: baseOutcome, current: currentOutcome, scratch: &scratch, into: &signature)
                            let changed = accumulator.add(line: index + 1, text: "", signature: signature) {
                                (OutcomeSummary(baseOutcome, baseNames), OutcomeSummary(currentOutcome, currentNames))
                            }
                            guard changed else { continue }
                            if examples.count < Drafts.Bounds.examples { examples.append(index) }
                            let before = Set(baseOutcome.fired.map { baseIDs[Int($0)] }), after = Set(currentOutcome.fired.map { currentIDs[Int($0)] })
                            for id in after.subtracting(before) { causes[id, default: (0, 0)].gained += 1 }
                            for id in before.subtracting(after) { causes[id, default: (0, 0)].lost += 1 }
                        }
                    }
                }
            }
        }
        if let stoppedAt { throw .draftTooSlow(after: stoppedAt, of: caseload.count) }
        let titles = Dictionary(base.ruleSet.rules.map { ($0.id, $0.title) } + current.ruleSet.rules.map { ($0.id, $0.title) }, uniquingKeysWith: { $1 })
        let sortedCauses = causes.map { DraftImpact.Cause(rule: $0.key, title: titles[$0.key] ?? $0.key, gained: $0.value.gained, lost: $0.value.lost) }
            .sorted { ($1.gained + $1.lost, $0.rule) < ($0.gained + $0.lost, $1.rule) }
        let shown = examples.map { index in
            DraftImpact.Example(number: index + 1, fields: caseload.fields(of: index),
                                before: base.recommend(Profile(slots: baseSlots, at: index * baseStride, vocabulary: base.ruleSet.vocabulary)),
                                after: current.recommend(Profile(slots: currentSlots, at: index * currentStride, vocabulary: current.ruleSet.vocabulary)))
        }
        return DraftImpact(report: accumulator.report(baseFingerprint: base.ruleSet.fingerprint, currentFingerprint: current.ruleSet.fingerprint),
                           caseload: caseload.origin, causes: sortedCauses, examples: shown, date: base.date)
    }
}

extension ParcoursError {
    /// An impact stopped at its time limit.
    static func draftTooSlow(after done: Int, of total: Int) -> ParcoursError {
        ParcoursError(.draftTooSlow, Phrase("l'impact a dépassé \(Int(Drafts.Bounds.seconds)) s (\(done) profils sur \(total)) ; arrêté",
                                            en: "the impact took more than \(Int(Drafts.Bounds.seconds)) s (\(done) profiles of \(total)); stopped"),
                      hint: Phrase("réessayez plus tard, ou démarrez le serveur avec un --caseload plus petit", en: "try again later, or start the server with a smaller --caseload"))
    }
}
