import ParcoursEngine

/// The output lines of `parcours batch`, as JSON lines or CSV. Fragments that depend only on the
/// rule set are rendered once, so formatting a result is concatenation.
struct BatchFormat: Sendable {
    let format: BatchOutput
    private let routes: [String]
    private let routeSchemes: [String]
    private let referents: [String]
    private let ruleIDs: [String]
    private let steps: [[String]]
    private let schemeStatus: [[String]]

    init(compiled: CompiledRuleSet, format: BatchOutput) {
        self.format = format
        let ruleSet = compiled.ruleSet
        let json = format == .jsonl
        ruleIDs = ruleSet.rules.map { json ? JSONValue.quote($0.id) : $0.id }
        routes = ruleSet.rules.map { rule in rule.route.map { json ? JSONValue.quote($0.rawValue) : $0.rawValue } ?? (json ? "null" : "") }
        routeSchemes = ruleSet.rules.map { rule in
            rule.route == .scheme ? rule.scheme.map { json ? JSONValue.quote($0) : $0 } ?? (json ? "null" : "") : (json ? "null" : "")
        }
        referents = ruleSet.rules.map { rule in rule.referent.map { json ? JSONValue.quote($0) : $0 } ?? (json ? "null" : "") }
        steps = ruleSet.rules.map { rule in
            rule.suggestions.map { suggestion in
                json ? "{\"stage\":\"\(suggestion.stage.rawValue)\",\"id\":\(JSONValue.quote(suggestion.entry)),\"rule\":\(JSONValue.quote(rule.id))}"
                     : "\(suggestion.stage.rawValue)/\(suggestion.entry)@\(rule.id)"
            }
        }
        schemeStatus = ruleSet.schemes.map { scheme in
            SchemeStatus.allCases.map(\.rawValue).map { json ? "\(JSONValue.quote(scheme.id)):\"\($0)\"" : "\(scheme.id)=\($0)" }
        }
    }

    var header: String? {
        format == .csv ? "line,route,route_scheme,route_rule,referent,referent_rule,steps,schemes,fired\n" : nil
    }

    func line(_ number: Int, _ outcome: CompiledOutcome) -> String {
        let json = format == .jsonl
        let empty = json ? "null" : ""
        let route = outcome.route.map { routes[$0] } ?? empty
        let scheme = outcome.route.map { routeSchemes[$0] } ?? empty
        let routeRule = outcome.route.map { ruleIDs[$0] } ?? empty
        let referent = outcome.referent.map { referents[$0] } ?? empty
        let referentRule = outcome.referent.map { ruleIDs[$0] } ?? empty
        let stepList = outcome.steps.map { steps[$0.rule][$0.suggestion] }
        let schemes = outcome.schemes.enumerated().map { schemeStatus[$0.offset][$0.element.status.index] }
        let fired = outcome.fired.map { ruleIDs[Int($0)] }
        if json {
            return "{\"line\":\(number),\"route\":\(route),\"route_scheme\":\(scheme),\"route_rule\":\(routeRule),\"referent\":\(referent),\"referent_rule\":\(referentRule),\"steps\":[\(stepList.joined(separator: ","))],\"schemes\":{\(schemes.joined(separator: ","))},\"fired\":[\(fired.joined(separator: ","))]}\n"
        }
        return "\(number),\(route),\(scheme),\(routeRule),\(referent),\(referentRule),\(stepList.joined(separator: "|")),\(schemes.joined(separator: "|")),\(fired.joined(separator: "|"))\n"
    }
}

/// The output formats of `parcours batch`.
public enum BatchOutput: String, Sendable, CaseIterable {
    case jsonl, csv
}
