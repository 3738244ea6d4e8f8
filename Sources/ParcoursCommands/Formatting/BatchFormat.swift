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
    private let ruleIDs: ByteFragments
    private let routes: ByteFragments
    private let routeSchemes: ByteFragments
    private let referents: ByteFragments
    /// Per rule and suggestion (from `stepBase[rule]`): the step, with its rule (full) or as its id (ids).
    private let steps: ByteFragments
    private let stepBase: [Int]
    /// Per scheme and status (`scheme * 3 + SchemeStatus.index`): `"id":"status"` or `id=status`.
    private let schemeStatus: ByteFragments
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
        ruleIDs = ByteFragments(ruleSet.rules.map { text($0.id) })
        routes = ByteFragments(ruleSet.rules.map { text($0.route?.rawValue) })
        routeSchemes = ByteFragments(ruleSet.rules.map { text($0.route == .scheme ? $0.scheme : nil) })
        referents = ByteFragments(ruleSet.rules.map { text($0.referent) })
        var base = 0
        stepBase = ruleSet.rules.map { rule in
            defer { base += rule.suggestions.count }
            return base
        }
        steps = ByteFragments(ruleSet.rules.flatMap { rule in
            rule.suggestions.map { suggestion in
                switch (json, detail) {
                case (true, .full): return Array("{\"stage\":\"\(suggestion.stage.rawValue)\",\"id\":\(JSONValue.quote(suggestion.entry)),\"rule\":\(JSONValue.quote(rule.id))}".utf8)
                case (false, .full): return Array("\(suggestion.stage.rawValue)/\(suggestion.entry)@\(rule.id)".utf8)
                case (true, .ids): return Array(JSONValue.quote(suggestion.entry).utf8)
                case (false, .ids): return Array(suggestion.entry.utf8)
                }
            }
        })
        schemeStatus = ByteFragments(ruleSet.schemes.flatMap { scheme in
            SchemeStatus.allCases.map(\.rawValue).map { Array((json ? "\(JSONValue.quote(scheme.id)):\"\($0)\"" : "\(scheme.id)=\($0)").utf8) }
        })
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
        @inline(__always) func fragment(_ table: ByteFragments, _ index: Int?) {
            if let index { table.append(index, to: &out) } else { out.append(contentsOf: null) }
        }
        @inline(__always) func lists(_ separator: UInt8) {
            for (index, step) in outcome.selection.steps.enumerated() {
                if index > 0 { out.append(separator) }
                steps.append(stepBase[step.rule] + step.suggestion, to: &out)
            }
            out.append(json ? 0x5D : 0x2C)
            if json { put(",\"schemes\":{") }
            for (index, scheme) in outcome.schemes.enumerated() {
                if index > 0 { out.append(separator) }
                schemeStatus.append(index * 3 + scheme.status.index, to: &out)
            }
            guard detail == .full else { return }
            if json { put("},\"fired\":[") } else { out.append(0x2C) }
            for (index, rule) in outcome.fired.enumerated() {
                if index > 0 { out.append(separator) }
                ruleIDs.append(Int(rule), to: &out)
            }
        }
        let route = outcome.route, referent = outcome.referent
        if json {
            put("{\"line\":")
            ProfileEncoder.integer(Int64(number), into: &out)
            put(",\"route\":")
            fragment(routes, route)
            put(",\"route_scheme\":")
            fragment(routeSchemes, route)
            if detail == .full {
                put(",\"route_rule\":")
                fragment(ruleIDs, route)
                put(",\"referent\":")
                fragment(referents, referent)
                put(",\"referent_rule\":")
                fragment(ruleIDs, referent)
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
                    referents.append(rule, to: &out)
                }
                out.append(0x7D)
            }
            put(",\"steps\":[")
            lists(0x2C)
            put(detail == .full ? "]}\n" : "}}\n")
            return
        }
        ProfileEncoder.integer(Int64(number), into: &out)
        out.append(0x2C)
        fragment(routes, route)
        out.append(0x2C)
        fragment(routeSchemes, route)
        out.append(0x2C)
        if detail == .full {
            fragment(ruleIDs, route)
            out.append(0x2C)
            fragment(referents, referent)
            out.append(0x2C)
            fragment(ruleIDs, referent)
        } else {
            fragment(referents, referent)
            for index in roles.indices {
                out.append(0x2C)
                fragment(referents, outcome.selection.referents[index + 1])
            }
        }
        out.append(0x2C)
        lists(0x7C)
        out.append(0x0A)
    }

    /// A result line as text (tests, and callers that want one line).
    func line(_ number: Int, _ outcome: CompiledOutcome) -> String {
        var bytes: [UInt8] = []
        write(number, outcome, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
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
