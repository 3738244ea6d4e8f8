/// Keeps, from a loaded rule set, what is in force on one date: rule versions, criteria and
/// dated conditions. Evaluation and analysis then work on the rule set of that day.
enum DateResolution {
    static func rules(_ rules: [Rule], on date: String) -> [Rule] {
        rules.filter { $0.validity.contains(date) }.map { $0.with(condition: $0.condition.resolved(on: date)) }
    }

    static func facts(_ facts: [Fact], on date: String) -> [Fact] {
        facts.map { Fact(name: $0.name, label: $0.label, condition: $0.condition.resolved(on: date), source: $0.source, location: $0.location) }
    }

    static func catalogue(_ catalogue: Catalogue, on date: String) -> Catalogue {
        var resolved = Catalogue(routes: catalogue.routes, stages: catalogue.stages,
                                 entries: catalogue.entries.filter { $0.validity.contains(date) }.map { $0.resolved(on: date) })
        resolved.outOfForce = catalogue.entries.filter { !$0.validity.contains(date) }
        return resolved
    }

    static func schemes(_ schemes: [Scheme], on date: String) -> [Scheme] {
        schemes.map { scheme in
            func inForce(_ criteria: [Criterion]) -> [Criterion] {
                criteria.filter { $0.validity.contains(date) }.map { criterion in
                    var resolved = Criterion(id: criterion.id, label: criterion.label, reason: criterion.reason, condition: criterion.condition.resolved(on: date),
                                             source: criterion.source, location: criterion.location, validity: criterion.validity)
                    resolved.sensitive = criterion.sensitive
                    return resolved
                }
            }
            let stages = scheme.stages.map { stage in
                SchemeStage(id: stage.id, label: stage.label, duration: stage.duration, milestones: stage.milestones,
                            when: stage.when?.resolved(on: date), location: stage.location)
            }
            var resolved = Scheme(id: scheme.id, name: scheme.name, summary: scheme.summary, source: scheme.source, duration: scheme.duration,
                          criteria: inForce(scheme.criteria), priorityCriteria: inForce(scheme.priorityCriteria), cautions: inForce(scheme.cautions), stages: stages,
                          partners: scheme.partners, location: scheme.location, directory: scheme.directory)
            resolved.verifyLocally = scheme.verifyLocally
            return resolved
        }
    }
}
