/// Applies a rule set to a profile and explains the result.
///
/// Truths come from `ConditionEvaluator` on the rule set's core conditions; the decisions
/// (route, référent, steps, scheme status and stage) from the rule set's `DecisionPlan`, the
/// same as the compiled rule set's. The interpreter adds only what needs the three-valued
/// outcome: labels and reasons, undetermined rules, and the questions to ask (the unknown
/// fields that would decide undetermined rules, requirements or criteria, in vocabulary order).
package struct Evaluator: Sendable {
    package let ruleSet: RuleSet
    let plan: DecisionPlan

    package init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        self.plan = DecisionPlan(ruleSet)
    }

    package func recommend(_ given: Profile) -> Recommendation {
        let profile = given.withDefaults(from: ruleSet.vocabulary).dense(ruleSet.vocabulary)
        let lowered = ruleSet.lowered
        let outcomes = lowered.rules.map { ConditionEvaluator.evaluate($0, for: profile) }
        let requirements = lowered.requirements.map { ConditionEvaluator.evaluate($0, for: profile) }
        var selection = Selection(keepsDuplicates: true)
        plan.select(holds: outcomes.map { $0.truth == .yes }, requirements: requirements.map { DecisionPlan.keeps(requirement: $0.truth) }, into: &selection)

        let rules = ruleSet.rules
        var askedBy: [Int: [String]] = [:]
        // Index loops: a `Rule` is a large value, and copying one per profile costs more than evaluating it.
        for index in outcomes.indices where outcomes[index].truth == .unknown {
            for field in outcomes[index].missing { askedBy[field, default: []].append(rules[index].id) }
        }
        // A requirement left unknown asks its fields on behalf of the rules that hold and suggest the entry.
        let entryIndex = plan.entryIndex
        if requirements.contains(where: { $0.truth == .unknown }) {
            for rule in plan.order where outcomes[rule].truth == .yes {
                for suggestion in rules[rule].suggestions {
                    guard let entry = entryIndex[suggestion.entry], requirements[entry].truth == .unknown else { continue }
                    for field in requirements[entry].missing where !(askedBy[field]?.contains(rules[rule].id) ?? false) {
                        askedBy[field, default: []].append(rules[rule].id)
                    }
                }
            }
        }

        // An entry discreet for this person: its `discreet_when` holds (unknown is not enough).
        func discreetForPerson(_ id: String) -> Bool {
            guard let index = entryIndex[id], let condition = lowered.discreetWhen[index] else { return false }
            return ConditionEvaluator.truth(condition, for: profile) == .yes
        }
        var steps: [Step] = selection.steps.map { item in
            let suggestion = rules[item.rule].suggestions[item.suggestion]
            let entry = ruleSet.catalogue.entry(suggestion.entry)
            return Step(stage: suggestion.stage, stageLabel: ruleSet.catalogue.info(for: suggestion.stage)?.label ?? suggestion.stage.rawValue,
                        kind: entry?.kind ?? suggestion.kind, id: suggestion.entry, label: entry?.name ?? suggestion.entry, why: suggestion.why,
                        rule: rules[item.rule].id, alsoSuggestedBy: [], severity: entry?.severity, discreet: (entry?.discreet ?? false) || discreetForPerson(suggestion.entry),
                        discreetReason: suggestion.discreetReason, afterPlan: entry?.afterPlan ?? false, reengagement: entry?.reengagement ?? false,
                        priority: rules[item.rule].priority, thematiques: entry?.thematiques ?? [], reseauxPorteurs: entry?.reseauxPorteurs ?? [])
        }
        for (step, rule) in selection.duplicates { steps[step].alsoSuggestedBy.append(rules[rule].id) }

        let route = selection.route.flatMap { index -> Decision? in
            let rule = ruleSet.rules[index]
            guard let route = rule.route else { return nil }
            var label = ruleSet.catalogue.info(for: route)?.label ?? route.rawValue
            let scheme = route == .scheme ? rule.scheme : nil
            if let scheme, let name = ruleSet.scheme(scheme)?.name { label += " : " + name }
            return Decision(id: route.rawValue, label: label, why: rule.why ?? "", rule: rule.id, priority: rule.priority, scheme: scheme)
        }
        let referents = selection.referents.compactMap { $0 }.compactMap { index -> Decision? in
            let rule = ruleSet.rules[index]
            guard let id = rule.referent else { return nil }
            return Decision(id: id, label: ruleSet.catalogue.entry(id)?.name ?? id, why: rule.why ?? "", rule: rule.id, priority: rule.priority,
                            role: rule.referentRole)
        }
        let schemes = SchemeAdvice.advise(ruleSet.schemes.indices.map { schemeResult(at: $0, for: profile) }, rupture: steps.contains { $0.reengagement })
        for scheme in schemes where scheme.status == .undetermined {
            // A sensitive criterion (a disability) is not a reason to ask: the scheme waits for the person to say it.
            for criterion in scheme.criteria + scheme.priorityCriteria where !criterion.sensitive {
                for name in criterion.missing {
                    guard let field = ruleSet.vocabulary.field(named: name) else { continue }
                    askedBy[field.index, default: []].append(scheme.id + "." + criterion.id)
                }
            }
        }
        // An undecided rule that outranks the chosen route's (référent's) rule in decision order
        // (`DecisionPlan.outranks`) could still change it; with none chosen, any could.
        var changes: [Int: Set<QuestionChange>] = [:]
        for index in outcomes.indices where outcomes[index].truth == .unknown {
            let rule = rules[index]
            let route = rule.route != nil && (selection.route.map { DecisionPlan.outranks(rule, rules[$0]) } ?? true)
            let chosenReferent = ReferentRole.allCases.firstIndex(of: rule.referentRole).flatMap { selection.referents[$0] }
            let referent = rule.referent != nil && (chosenReferent.map { DecisionPlan.outranks(rule, rules[$0]) } ?? true)
            for field in outcomes[index].missing {
                if route { changes[field, default: []].insert(.route) }
                if referent { changes[field, default: []].insert(.referent) }
            }
        }
        let questions = QuestionOrder.ordered(ruleSet.vocabulary.fields.compactMap { field -> Question? in
            guard let rules = askedBy[field.index] else { return nil }
            // Asked only when its `ask_when` holds: a dependent question waits for its parent.
            if let when = lowered.askWhen[field.index], ConditionEvaluator.truth(when, for: profile) != .yes { return nil }
            return Question(field: field.name, label: field.label, question: field.question, rules: Array(Set(rules)).sorted(),
                            changes: QuestionChange.allCases.filter { changes[field.index]?.contains($0) ?? false }, screens: field.screens)
        })
        return Recommendation(route: route, referents: referents, steps: steps, questions: questions, schemes: schemes,
                              fired: outcomes.indices.filter { outcomes[$0].truth == .yes }.map { rules[$0].id },
                              undetermined: outcomes.indices.filter { outcomes[$0].truth == .unknown }.map { rules[$0].id },
                              fingerprint: ruleSet.fingerprint, ruleCount: ruleSet.rules.count, date: ruleSet.date)
    }

    /// Eligibility criterion by criterion; the stage for an eligible or enrolled person. The
    /// vocabulary's defaults are applied here, as `recommend` applies them.
    package func schemeResult(_ scheme: Scheme, for given: Profile) -> SchemeResult {
        guard let index = ruleSet.schemes.firstIndex(where: { $0.id == scheme.id }) else {
            return SchemeResult(id: scheme.id, name: scheme.name, status: .undetermined, enrolled: false, chosen: false, criteria: [], priorityCriteria: [],
                                cautions: [], stage: nil)
        }
        return schemeResult(at: index, for: given.withDefaults(from: ruleSet.vocabulary).dense(ruleSet.vocabulary))
    }

    func schemeResult<P: ProfileReading>(at index: Int, for profile: P) -> SchemeResult {
        let scheme = ruleSet.schemes[index]
        let lowered = ruleSet.lowered
        func results(_ criteria: [Criterion], _ conditions: [CoreCondition]) -> [CriterionResult] {
            zip(criteria, conditions).map { criterion, condition in
                let outcome = ConditionEvaluator.evaluate(condition, for: profile)
                let fields = outcome.missing.map { ruleSet.vocabulary.fields[$0] }
                return CriterionResult(id: criterion.id, label: criterion.label, status: CriterionStatus(outcome.truth), reason: criterion.reason,
                                       missing: fields.map(\.name), missingLabels: fields.map(\.label), sensitive: criterion.sensitive)
            }
        }
        let criteria = results(scheme.criteria, lowered.criteria[index])
        let status = SchemeStatus.combining(criteria.map(\.status.truth))
        let enrolled = plan.enrolledKeys[index].map { profile.value(for: $0) == 1 } ?? false
        let chosen = plan.chosenKeys[index].map { profile.value(for: $0) == 1 } ?? false
        let stage = DecisionPlan.schemeStage(status: status, enrolled: enrolled, firstHolding: {
            lowered.stages[index].firstIndex { condition in
                condition.map { ConditionEvaluator.evaluate($0, for: profile).truth == .yes } ?? false
            }
        })
            .map { StageResult(id: scheme.stages[$0].id, label: scheme.stages[$0].label) }
        let cautions = results(scheme.cautions, lowered.cautions[index]).filter { $0.status == .passed }
        var result = SchemeResult(id: scheme.id, name: scheme.name, status: status, enrolled: enrolled, chosen: chosen, criteria: criteria,
                                  priorityCriteria: results(scheme.priorityCriteria, lowered.priorityCriteria[index]), cautions: cautions, stage: stage)
        result.advice = SchemeAdvice.verdict(result)
        result.verifyLocally = scheme.verifyLocally
        return result
    }
}
