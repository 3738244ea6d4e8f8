import ParcoursEngine

/// The output lines of `parcours batch`, as JSON lines or CSV, in full (with the rules behind
/// each decision) or as ids only (`--output ids`, for caseload analysis). Every fragment that
/// depends only on the rule set is rendered once, as bytes: writing a result is copying bytes.
struct BatchFormat: Sendable {
    let format: BatchOutput
    let detail: BatchDetail
    private let json: Bool
    private let null: [UInt8]
    /// Per rule: its id, route, route scheme and insertion référent, rendered.
    private let ruleIDs: [[UInt8]]
    private let routes: [[UInt8]]
    private let routeSchemes: [[UInt8]]
    private let referents: [[UInt8]]
    /// Per rule and suggestion: the step, with its rule (full) or as its id (ids).
    private let steps: [[[UInt8]]]
    /// Per scheme and status (`SchemeStatus.index`): `"id":"status"` or `id=status`.
    private let schemeStatus: [[[UInt8]]]
    /// Per référent role other than insertion, then per rule: the référent's id.
    private let roles: [ReferentRole]

    init(compiled: CompiledRuleSet, format: BatchOutput, detail: BatchDetail = .full) {
        self.format = format
        self.detail = detail
        let ruleSet = compiled.ruleSet
        let json = format == .jsonl
        self.json = json
        null = json ? Array("null".utf8) : []
        func text(_ value: String?) -> [UInt8] { value.map { Array((json ? JSONValue.quote($0) : $0).utf8) } ?? (json ? Array("null".utf8) : []) }
        ruleIDs = ruleSet.rules.map { text($0.id) }
        routes = ruleSet.rules.map { text($0.route?.rawValue) }
        routeSchemes = ruleSet.rules.map { text($0.route == .scheme ? $0.scheme : nil) }
        referents = ruleSet.rules.map { text($0.referent) }
        steps = ruleSet.rules.map { rule in
            rule.suggestions.map { suggestion in
                switch (json, detail) {
                case (true, .full): return Array("{\"stage\":\"\(suggestion.stage.rawValue)\",\"id\":\(JSONValue.quote(suggestion.entry)),\"rule\":\(JSONValue.quote(rule.id))}".utf8)
                case (false, .full): return Array("\(suggestion.stage.rawValue)/\(suggestion.entry)@\(rule.id)".utf8)
                case (true, .ids): return Array(JSONValue.quote(suggestion.entry).utf8)
                case (false, .ids): return Array(suggestion.entry.utf8)
                }
            }
        }
        schemeStatus = ruleSet.schemes.map { scheme in
            SchemeStatus.allCases.map(\.rawValue).map { Array((json ? "\(JSONValue.quote(scheme.id)):\"\($0)\"" : "\(scheme.id)=\($0)").utf8) }
        }
        roles = Array(ReferentRole.allCases.dropFirst())
    }

    var header: String? {
        guard format == .csv else { return nil }
        switch detail {
        case .full: return "line,route,route_scheme,route_rule,referent,referent_rule,steps,schemes,fired\n"
        case .ids: return "line,route,route_scheme,referent," + roles.map { "referent_\($0.rawValue)" }.joined(separator: ",") + ",steps,schemes\n"
        }
    }

    /// Appends the result of line `number` to `out`.
    func write(_ number: Int, _ outcome: CompiledOutcome, into out: inout [UInt8]) {
        @inline(__always) func put(_ text: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
        @inline(__always) func list(_ items: [[UInt8]], separator: UInt8) {
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(separator) }
                out.append(contentsOf: item)
            }
        }
        let route = outcome.route, referent = outcome.referent
        let stepList = outcome.steps.map { steps[$0.rule][$0.suggestion] }
        let schemes = outcome.schemes.enumerated().map { schemeStatus[$0.offset][$0.element.status.index] }
        if json {
            put("{\"line\":")
            Self.integer(number, into: &out)
            put(",\"route\":")
            out.append(contentsOf: route.map { routes[$0] } ?? null)
            put(",\"route_scheme\":")
            out.append(contentsOf: route.map { routeSchemes[$0] } ?? null)
            if detail == .full {
                put(",\"route_rule\":")
                out.append(contentsOf: route.map { ruleIDs[$0] } ?? null)
                put(",\"referent\":")
                out.append(contentsOf: referent.map { referents[$0] } ?? null)
                put(",\"referent_rule\":")
                out.append(contentsOf: referent.map { ruleIDs[$0] } ?? null)
            } else {
                put(",\"referents\":{")
                var first = true
                for (role, rule) in zip(ReferentRole.allCases, outcome.selection.referents) {
                    guard let rule else { continue }
                    if !first { out.append(0x2C) }
                    first = false
                    out.append(0x22)
                    out.append(contentsOf: role.rawValue.utf8)
                    put("\":")
                    out.append(contentsOf: referents[rule])
                }
                out.append(0x7D)
            }
            put(",\"steps\":[")
            list(stepList, separator: 0x2C)
            put("],\"schemes\":{")
            list(schemes, separator: 0x2C)
            if detail == .full {
                put("},\"fired\":[")
                list(outcome.fired.map { ruleIDs[Int($0)] }, separator: 0x2C)
                put("]}\n")
            } else {
                put("}}\n")
            }
            return
        }
        Self.integer(number, into: &out)
        out.append(0x2C)
        out.append(contentsOf: route.map { routes[$0] } ?? null)
        out.append(0x2C)
        out.append(contentsOf: route.map { routeSchemes[$0] } ?? null)
        out.append(0x2C)
        if detail == .full {
            out.append(contentsOf: route.map { ruleIDs[$0] } ?? null)
            out.append(0x2C)
            out.append(contentsOf: referent.map { referents[$0] } ?? null)
            out.append(0x2C)
            out.append(contentsOf: referent.map { ruleIDs[$0] } ?? null)
        } else {
            out.append(contentsOf: referent.map { referents[$0] } ?? null)
            for index in roles.indices {
                out.append(0x2C)
                out.append(contentsOf: outcome.selection.referents[index + 1].map { referents[$0] } ?? null)
            }
        }
        out.append(0x2C)
        list(stepList, separator: 0x7C)
        out.append(0x2C)
        list(schemes, separator: 0x7C)
        if detail == .full {
            out.append(0x2C)
            list(outcome.fired.map { ruleIDs[Int($0)] }, separator: 0x7C)
        }
        out.append(0x0A)
    }

    /// A result line as text (tests, and callers that want one line).
    func line(_ number: Int, _ outcome: CompiledOutcome) -> String {
        var bytes: [UInt8] = []
        write(number, outcome, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value`'s decimal digits.
    @inline(__always)
    static func integer(_ value: Int, into out: inout [UInt8]) {
        if value < 0 { out.append(0x2D) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
                magnitude /= 10
                count += 1
            } while magnitude > 0
            out.append(contentsOf: buffer[(20 - count)...])
        }
    }
}

/// The output formats of `parcours batch`.
public enum BatchOutput: String, Sendable, CaseIterable {
    case jsonl, csv
}

/// How much each result line carries: everything with the rules behind it, or ids only.
public enum BatchDetail: String, Sendable, CaseIterable {
    case full, ids
}
