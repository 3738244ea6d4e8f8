/// On one date, the catalogue entries that rules, route follow-ups and schemes in force name
/// must be in force too: a rule of 2014 cannot suggest a programme created in 2022. Loading
/// checks each reference once (`dangling-reference`); this checks them on the date, after
/// `DateResolution`, so that `check` finds the mistake on the day it happens.
enum DatedReferences {
    /// The references of `rules` and `schemes` (in force on the day) to entries of `all` that
    /// `catalogue` (the day's) does not hold.
    static func missing(rules: [Rule], schemes: [Scheme], catalogue: Catalogue, all: Catalogue) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func verify(_ id: String, at location: SourceLocation, by who: Phrase) {
            guard catalogue.entry(id) == nil, let entry = all.entry(id) else { return }
            diagnostics.append(Diagnostic(.error, .danglingReference, at: location,
                                          Phrase("« \(Limits.quoted(id)) » n'est pas en vigueur ce jour (\(entry.validity.phrase.fr)), mais \(who.fr) le nomme",
                                                 en: "\"\(Limits.quoted(id))\" is not in force that day (\(entry.validity.phrase.en)), but \(who.en) names it"),
                                          hint: Phrase("datez aussi ce qui le nomme (valid_from, valid_until), ou élargissez la période de l'entrée",
                                                       en: "date what names it too (valid_from, valid_until), or widen the entry's period")))
        }
        for rule in rules {
            let who = Phrase("la règle « \(Limits.quoted(rule.id)) »", en: "rule \"\(Limits.quoted(rule.id))\"")
            if let referent = rule.referent { verify(referent, at: rule.location, by: who) }
            for step in rule.suggestions { verify(step.entry, at: step.location, by: who) }
        }
        for scheme in schemes {
            let who = Phrase("le dispositif « \(Limits.quoted(scheme.id)) »", en: "scheme \"\(Limits.quoted(scheme.id))\"")
            for partner in scheme.partners { verify(partner.partner, at: partner.location, by: who) }
        }
        return diagnostics
    }
}
