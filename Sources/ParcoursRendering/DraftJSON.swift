import ParcoursEngine

/// The answers of the draft API (`POST /api/v1/drafts/check|replay|impact`) as JSON, in
/// French for policy staff: each figure with a sentence that says it.
public enum DraftJSON {
    /// What `check` says of the draft: the document of `check --format json`, files named as
    /// the draft names them.
    public static func check(_ answer: CheckAnswer, in language: Language = .fr) -> JSONValue {
        CheckReport(diagnostics: answer.diagnostics, ruleSet: answer.ruleSet.map { ($0, answer.cases.count) }).json(in: language)
    }

    /// The replayed cases: which pass, which fail and why. `relative` names a file as the draft does.
    public static func replay(_ results: [CaseResult], relative: (String) -> String, in language: Language = .fr) -> JSONValue {
        let failed = results.filter { !$0.passed }.count
        let summary = failed == 0 ? "Les \(results.count) cas passent avec le brouillon."
            : "\(failed) cas sur \(results.count) échoue\(failed > 1 ? "nt" : "") avec le brouillon."
        return .object([
            ("loaded", .bool(true)), ("passed", .int(results.count - failed)), ("failed", .int(failed)), ("summary", .string(summary)),
            ("cases", .array(results.map { result in
                .object([
                    ("name", .string(result.scenarioCase.name)), ("file", .string(relative(result.scenarioCase.file))),
                    ("scheme", result.scenarioCase.scheme.map(JSONValue.string) ?? .null), ("passed", .bool(result.passed)),
                    ("failures", .array(result.failures.map { failure in
                        .object([("step", .string(failure.name)), ("line", .int(failure.location.line)), ("column", .int(failure.location.column)),
                                 ("mismatches", .array(failure.mismatches.map { mismatch in
                                     .object([("what", .string(mismatch.what.text(language))), ("expected", .string(mismatch.expected.text(language))),
                                              ("actual", .string(mismatch.actual.text(language))), ("text", .string(mismatch.text(language)))])
                                 }))])
                    })),
                ])
            })),
        ])
    }

    /// A draft whose rules do not load: no case can run. Said as a replay (every case is
    /// broken by it), with what `check` finds, rather than as a refused request.
    public static func replayNotLoaded(_ error: ParcoursError, in language: Language = .fr) -> JSONValue {
        .object([
            ("loaded", .bool(false)), ("passed", .int(0)), ("failed", .int(0)),
            ("summary", .string(error.message.text(language) + " ; aucun cas n'est rejoué.")),
            ("check", CheckReport(diagnostics: error.diagnostics, ruleSet: nil).json(in: language)),
            ("cases", .array([])),
        ])
    }

    /// Whom the draft changes: counts by kind of change, the rules that cause them, and a few
    /// profiles before and after (field values only).
    public static func impact(_ impact: DraftImpact) -> JSONValue {
        let report = impact.report
        let total = report.profiles
        func share(_ count: Int) -> String { String(ImpactText.percent(count, of: total).dropFirst(2).dropLast()) }
        func changes(_ list: [ImpactReport.Change], _ noun: String) -> JSONValue {
            .array(list.map { change in
                let subject = ["route", "referent"].contains(change.what) ? "" : "\(change.what) : "
                return .object([
                    ("what", .string(change.what)), ("before", .string(change.before)), ("after", .string(change.after)),
                    ("count", .int(change.count)), ("share", .string(share(change.count))),
                    ("text", .string("\(noun) \(subject)\(ImpactText.french(change.before)) → \(ImpactText.french(change.after)) : \(change.count) personne\(change.count > 1 ? "s" : "") (\(share(change.count)))")),
                ])
            })
        }
        func people(_ list: [ImpactReport.Change]) -> Int { list.reduce(0) { $0 + $1.count } }
        let origin: JSONValue
        let originText: String
        switch impact.caseload {
        case .sample(let count, let seed):
            origin = .object([("kind", .string("sample")), ("count", .int(count)), ("seed", .int(Int(truncatingIfNeeded: seed)))])
            originText = "\(count) profils inventés (graine \(seed))"
        case .file(let name):
            origin = .object([("kind", .string("file")), ("name", .string(name))])
            originText = "les profils de \(name)"
        }
        return .object([
            ("date", .string(impact.date)), ("base", .string(report.baseFingerprint)), ("draft", .string(report.currentFingerprint)),
            ("caseload", origin), ("profiles", .int(total)), ("refused", .int(report.refused)), ("changed", .int(report.changed)),
            ("share", .string(share(report.changed))),
            ("summary", .string("Sur \(originText), \(report.changed) personne\(report.changed > 1 ? "s" : "") sur \(total) (\(share(report.changed))) "
                                + "\(report.changed > 1 ? "changent" : "change") de recommandation avec le brouillon"
                                + (report.refused > 0 ? " ; \(report.refused) profil\(report.refused > 1 ? "s" : "") ne se lisent pas avec l'un des vocabulaires." : "."))),
            ("counts", .object([("routes", .int(people(report.routes))), ("referents", .int(people(report.referents))),
                                ("next_actions", .int(people(report.suggestions))), ("schemes", .int(people(report.schemes)))])),
            ("routes", changes(report.routes, "parcours")), ("referents", changes(report.referents, "référent")),
            ("next_actions", changes(report.suggestions, "étape")), ("schemes", changes(report.schemes, "dispositif")),
            ("causes", .array(impact.causes.map { cause in
                var parts: [String] = []
                if cause.gained > 0 { parts.append("s'applique désormais à \(cause.gained) personne\(cause.gained > 1 ? "s" : "")") }
                if cause.lost > 0 { parts.append("ne s'applique plus à \(cause.lost) personne\(cause.lost > 1 ? "s" : "")") }
                return .object([("rule", .string(cause.rule)), ("title", .string(cause.title)), ("gained", .int(cause.gained)), ("lost", .int(cause.lost)),
                                ("text", .string("« \(cause.title) » (\(cause.rule)) " + parts.joined(separator: " et ")))])
            })),
            ("examples", .array(impact.examples.map { example in
                .object([
                    ("number", .int(example.number)),
                    ("profile", .array(example.fields.map { .object([("field", .string($0.field)), ("label", .string($0.label)), ("value", .string($0.value))]) })),
                    ("before", outcome(example.before)), ("after", outcome(example.after)),
                    ("text", .string(difference(example.before, example.after))),
                ])
            })),
        ])
    }

    /// A recommendation as the workshop compares it: route, référent, entries, schemes.
    private static func outcome(_ recommendation: Recommendation) -> JSONValue {
        .object([
            ("route", recommendation.route.map { .string($0.label) } ?? .null),
            ("referent", recommendation.referent.map { .string($0.label) } ?? .null),
            ("steps", .array(recommendation.steps.map { .string($0.label) })),
            ("schemes", .array(recommendation.schemes.map { .string("\($0.name) : \(ImpactText.french($0.status.rawValue))") })),
        ])
    }

    /// What changes for one person, in a sentence.
    private static func difference(_ before: Recommendation, _ after: Recommendation) -> String {
        var parts: [String] = []
        if before.route?.label != after.route?.label {
            parts.append("parcours : \(before.route?.label ?? "aucun") → \(after.route?.label ?? "aucun")")
        }
        if before.referent?.label != after.referent?.label {
            parts.append("référent : \(before.referent?.label ?? "aucun") → \(after.referent?.label ?? "aucun")")
        }
        let old = before.steps.map(\.label), new = after.steps.map(\.label)
        let gained = new.filter { !old.contains($0) }, lost = old.filter { !new.contains($0) }
        if !gained.isEmpty { parts.append("en plus : " + gained.joined(separator: ", ")) }
        if !lost.isEmpty { parts.append("en moins : " + lost.joined(separator: ", ")) }
        for scheme in after.schemes {
            let was = before.schemes.first { $0.id == scheme.id }?.status.rawValue ?? "absent"
            if was != scheme.status.rawValue { parts.append("\(scheme.name) : \(ImpactText.french(was)) → \(ImpactText.french(scheme.status.rawValue))") }
        }
        return parts.isEmpty ? "même recommandation (l'ordre ou les raisons changent)" : parts.joined(separator: " ; ")
    }
}
