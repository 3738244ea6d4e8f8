import Testing
@testable import ParcoursEngine

@Suite("The shipped rule set")
struct ShippedRulesTests {
    let ruleSet: RuleSet
    init() throws { ruleSet = try TestSupport.shippedRuleSet() }

    @Test func loadsWithoutAnyDiagnostic() {
        #expect(TestSupport.render(TestSupport.shipped.diagnostics) == "")
    }

    @Test func coversTheRequiredGround() throws {
        #expect(ruleSet.rules.count >= 40)
        #expect(ruleSet.rules.allSatisfy { !$0.source.isEmpty && !$0.title.isEmpty })
        let required = ["age", "gender", "territory", "qpv_resident", "registered_job_seeker", "months_unemployed", "rsa_recipient",
                        "qualification", "autonomy", "barriers", "driving_licence", "vehicle", "children_under_6", "single_parent",
                        "justice_status", "months_to_release", "french_level", "refugee", "disability_recognised", "parental_leave",
                        "parental_leave_final_year", "family_quotient", "employment", "sector_background", "project"]
        #expect(required.filter { ruleSet.vocabulary.field(named: $0) == nil } == [])
        let barriers = try #require(ruleSet.vocabulary.field(named: "barriers"))
        #expect(barriers.values.map(\.id) == ["mobility", "childcare", "justice", "language", "housing", "health", "digital", "literacy", "finances"])
        #expect(barriers.values.allSatisfy { $0.links.dataInclusion != nil && $0.links.carnetDeBord != nil })
        let partners = ["mission_locale", "france_travail", "cap_emploi", "cidff", "caf", "bge", "retravailler", "spip", "centre_semi_liberte",
                        "organisme_formation", "cite_des_metiers", "plie", "siae", "auto_ecole_sociale", "plateforme_mobilite", "ofii",
                        "organisme_fle", "creche_avip", "ccas", "rsma"]
        #expect(partners.filter { ruleSet.catalogue.entry($0)?.kind != .partner } == [])
        #expect(["pmsmp", "enquete_metier", "visite_entreprise"].filter { ruleSet.catalogue.entry($0)?.kind != .immersion } == [])
        // Every barrier is the subject of at least one rule.
        for (index, value) in barriers.values.enumerated() {
            let key = ValueKey(field: barriers.index, element: index)
            #expect(ruleSet.rules.contains { reads($0.condition, key) }, "no rule on barrier \(value.id)")
        }
        // Every route but `scheme` (the scheme plugins' own) is given by some rule.
        for route in Route.allCases where route != .scheme {
            #expect(ruleSet.rules.contains { $0.route == route }, "no rule gives \(route.rawValue)")
        }
    }

    private func reads(_ condition: Condition, _ key: ValueKey) -> Bool {
        switch condition {
        case .always, .fact: return false
        case .test(let test): return test.key == key
        case .comparison(let comparison): return reads(comparison.meaning, key)
        case .not(let inner), .dated(let inner, _): return reads(inner, key)
        case .all(let items), .any(let items): return items.contains { reads($0, key) }
        }
    }

    /// A profile meeting exactly the constraints of one conjunction found by the solver.
    private func profile(from conjunct: Satisfiability.Conjunct) -> Profile {
        var profile = Profile()
        for key in conjunct.constraints.keys.sorted() {
            guard let value = conjunct.constraints[key]?.first else { continue }
            if let element = key.element {
                var mask: UInt64 = 0
                if case .set(let existing) = profile[key.field] { mask = existing }
                if value == 1 { mask |= 1 << UInt64(element) }
                profile[key.field] = .set(mask)
            } else {
                profile[key.field] = .scalar(value)
            }
        }
        return profile
    }

    /// Each rule applies to a profile built from its own condition, and not to one built from its negation.
    @Test func everyRuleFiresOnAWitnessAndNotOnItsNegation() throws {
        let solver = Satisfiability(vocabulary: ruleSet.vocabulary)
        let evaluator = Evaluator(ruleSet: ruleSet)
        for (rule, condition) in zip(ruleSet.rules, ruleSet.lowered.rules) {
            let witnesses = try #require(solver.expand(condition))
            let witness = try #require(witnesses.first, "rule \(rule.id) has no witness")
            let result = evaluator.recommend(profile(from: witness))
            #expect(result.fired.contains(rule.id), "rule \(rule.id) does not fire on \(solver.example(witness))")
            for suggestion in rule.suggestions {
                guard let entry = ruleSet.catalogue.entry(suggestion.entry), case .always = entry.requires else { continue }
                #expect(result.steps.contains { $0.id == suggestion.entry }, "rule \(rule.id) does not suggest \(suggestion.entry)")
            }
            if case .always = rule.condition { continue }
            let counter = try #require(solver.expand(.not(condition))?.first, "rule \(rule.id) always applies")
            #expect(!evaluator.recommend(profile(from: counter)).fired.contains(rule.id), "rule \(rule.id) fires on its negation")
        }
    }
}

