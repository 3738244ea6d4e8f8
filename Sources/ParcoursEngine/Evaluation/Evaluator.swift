/// Applies a rule set to a profile and explains the result.
///
/// Route and référent: the applying rule with the highest priority (ties broken by rule id,
/// a tie `check` reports). Steps: every suggestion of every applying rule whose catalogue
/// requirements hold, by stage, then priority, then rule id. Questions: the unknown fields
/// that would decide undetermined rules or requirements, in vocabulary order.
public struct Evaluator: Sendable {
    public let ruleSet: RuleSet
    private let conditions: ConditionEvaluator

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        self.conditions = ConditionEvaluator(ruleSet: ruleSet)
    }

    public func recommend(_ given: Profile) -> Recommendation {
        let profile = given.withDefaults(from: ruleSet.vocabulary)
        var fired: [Rule] = []
        var undetermined: [String] = []
        var askedBy: [Int: [String]] = [:]
        var pending: [(rule: Rule, missing: [Int])] = []
        for rule in ruleSet.rules {
            let outcome = conditions.evaluate(rule.condition, for: profile)
            switch outcome.truth {
            case .yes: fired.append(rule)
            case .no: break
            case .unknown:
                undetermined.append(rule.id)
                pending.append((rule, outcome.missing))
                for field in outcome.missing { askedBy[field, default: []].append(rule.id) }
            }
        }
        let ordered = fired.sorted { ($0.priority, $1.id) > ($1.priority, $0.id) }

        var steps: [Step] = []
        for rule in ordered {
            for suggestion in rule.suggestions {
                guard let entry = ruleSet.catalogue.entry(suggestion.entry) else { continue }
                let requirement = conditions.evaluate(entry.requires, for: profile)
                if requirement.truth == .unknown {
                    for field in requirement.missing where !(askedBy[field]?.contains(rule.id) ?? false) {
                        askedBy[field, default: []].append(rule.id)
                    }
                }
                guard requirement.truth == .yes else { continue }
                if let index = steps.firstIndex(where: { $0.id == entry.id && $0.stage == suggestion.stage }) {
                    steps[index].alsoSuggestedBy.append(rule.id)
                    continue
                }
                steps.append(Step(stage: suggestion.stage, stageLabel: ruleSet.catalogue.info(for: suggestion.stage)?.label ?? suggestion.stage.rawValue,
                                  kind: entry.kind, id: entry.id, label: entry.name, why: suggestion.why, rule: rule.id,
                                  alsoSuggestedBy: [], priority: rule.priority))
            }
        }
        // Stable sort: within a stage, the order above (priority, then rule id) is kept.
        steps = steps.enumerated().sorted { ($0.element.stage.order, $0.offset) < ($1.element.stage.order, $1.offset) }.map(\.element)

        let route = ordered.first { $0.route != nil }.flatMap { rule -> Decision? in
            guard let route = rule.route else { return nil }
            var label = ruleSet.catalogue.info(for: route)?.label ?? route.rawValue
            let scheme = route == .scheme ? rule.scheme : nil
            if let scheme, let name = ruleSet.scheme(scheme)?.name { label += " : " + name }
            return Decision(id: route.rawValue, label: label, why: rule.why ?? "", rule: rule.id, priority: rule.priority, scheme: scheme)
        }
        let referent = ordered.first { $0.referent != nil }.flatMap { rule -> Decision? in
            guard let id = rule.referent else { return nil }
            return Decision(id: id, label: ruleSet.catalogue.entry(id)?.name ?? id, why: rule.why ?? "", rule: rule.id, priority: rule.priority)
        }
        let schemes = ruleSet.schemes.map { schemeResult($0, for: profile) }
        for scheme in schemes where scheme.status == .undetermined {
            for criterion in scheme.criteria + scheme.priorityCriteria {
                for name in criterion.missing {
                    guard let field = ruleSet.vocabulary.field(named: name) else { continue }
                    askedBy[field.index, default: []].append(scheme.id + "." + criterion.id)
                }
            }
        }
        // An undecided rule of higher priority than the chosen route (référent) could still change it.
        var changes: [Int: Set<String>] = [:]
        for (rule, missing) in pending {
            let route = rule.route != nil && rule.priority > (route?.priority ?? -1)
            let referent = rule.referent != nil && rule.priority > (referent?.priority ?? -1)
            for field in missing {
                if route { changes[field, default: []].insert("route") }
                if referent { changes[field, default: []].insert("referent") }
            }
        }
        let questions = ruleSet.vocabulary.fields.compactMap { field -> Question? in
            guard let rules = askedBy[field.index] else { return nil }
            return Question(field: field.name, label: field.label, question: field.question, rules: Array(Set(rules)).sorted(),
                            changes: ["route", "referent"].filter { changes[field.index]?.contains($0) ?? false })
        }
        return Recommendation(route: route, referent: referent, steps: steps, questions: questions, schemes: schemes,
                              fired: fired.map(\.id), undetermined: undetermined,
                              fingerprint: ruleSet.fingerprint, ruleCount: ruleSet.rules.count, date: ruleSet.date)
    }

    /// Eligibility criterion by criterion; the stage for an eligible or enrolled person.
    public func schemeResult(_ scheme: Scheme, for profile: Profile) -> SchemeResult {
        func results(_ criteria: [Criterion]) -> [CriterionResult] {
            criteria.map { criterion in
                let outcome = conditions.evaluate(criterion.condition, for: profile)
                let fields = outcome.missing.map { ruleSet.vocabulary.fields[$0] }
                return CriterionResult(id: criterion.id, label: criterion.label, status: CriterionStatus(outcome.truth), reason: criterion.reason,
                                       missing: fields.map(\.name), missingLabels: fields.map(\.label))
            }
        }
        let criteria = results(scheme.criteria)
        let status: SchemeStatus = criteria.contains { $0.status == .failed } ? .notEligible
            : criteria.contains { $0.status == .undetermined } ? .undetermined : .eligible
        var enrolled = false
        if let field = ruleSet.vocabulary.field(named: RuleSetFiles.enrolledField), let element = field.valueIndex(of: scheme.id) {
            enrolled = profile.value(for: ValueKey(field: field.index, element: element)) == 1
        }
        var stage: StageResult?
        if status == .eligible || enrolled {
            stage = scheme.stages.first { stage in
                stage.when.map { conditions.evaluate($0, for: profile).truth == .yes } ?? false
            }.map { StageResult(id: $0.id, label: $0.label) }
        }
        return SchemeResult(id: scheme.id, name: scheme.name, status: status, enrolled: enrolled, criteria: criteria,
                            priorityCriteria: results(scheme.priorityCriteria), stage: stage)
    }
}
