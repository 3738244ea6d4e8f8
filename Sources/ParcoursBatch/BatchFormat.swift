import Bytes
import ParcoursEngine

/// The output lines of `parcours batch`, as JSON lines or CSV, in full (with the rules behind
/// each decision) or as ids only (`--output ids`, for caseload analysis). Every fragment that
/// depends only on the rule set is rendered once, as bytes: writing a result is copying bytes.
package struct BatchFormat: Sendable {
    package let format: BatchOutput
    package let detail: BatchDetail
    private let json: Bool
    /// Every fragment, one table (written through one `ByteCursor`): the literals, then per
    /// rule its id, route, route scheme and insertion référent, then per rule and suggestion
    /// the step (with its rule when full, its id alone for ids), then per scheme and status
    /// `"id":"status"` or `id=status`, then the roles' keys (ids).
    private let texts: ByteFragments
    private let ruleIDs: Int, routes: Int, routeSchemes: Int, referents: Int, steps: Int, schemeStatus: Int, roleKeys: Int
    /// Per rule: its first suggestion's step fragment, counted from `steps`.
    private let stepBase: [Int]
    /// Per référent role other than insertion (CSV ids columns).
    private let roles: [ReferentRole]
    /// The longest fragment, plus one for a separator: the room one fragment needs.
    private let room: Int

    /// The literals, at the start of `texts`.
    private enum Literal: Int, CaseIterable {
        case null, lineKey, routeKey, routeSchemeKey, routeRuleKey, referentKey, referentRuleKey, referentsKey, stepsKey, schemesKey, firedKey, endFull, endIds
    }

    package init(compiled: CompiledRuleSet, format: BatchOutput, detail: BatchDetail = .full) {
        self.format = format
        self.detail = detail
        let ruleSet = compiled.ruleSet
        let json = format == .jsonl
        self.json = json
        let literals: [Literal: String] = [
            .null: json ? "null" : "", .lineKey: "{\"line\":", .routeKey: ",\"route\":", .routeSchemeKey: ",\"route_scheme\":",
            .routeRuleKey: ",\"route_rule\":", .referentKey: ",\"referent\":", .referentRuleKey: ",\"referent_rule\":",
            .referentsKey: ",\"referents\":{", .stepsKey: ",\"steps\":[", .schemesKey: ",\"schemes\":{", .firedKey: "},\"fired\":[",
            .endFull: "]}\n", .endIds: "}}\n",
        ]
        var texts: [[UInt8]] = Literal.allCases.map { Array((literals[$0] ?? "").utf8) }
        func text(_ value: String?) -> [UInt8] { value.map { Array((json ? JSONValue.quote($0) : $0).utf8) } ?? (json ? Array("null".utf8) : []) }
        func add(_ items: [[UInt8]]) -> Int {
            defer { texts += items }
            return texts.count
        }
        ruleIDs = add(ruleSet.rules.map { text($0.id) })
        routes = add(ruleSet.rules.map { text($0.route?.rawValue) })
        routeSchemes = add(ruleSet.rules.map { text($0.route == .scheme ? $0.scheme : nil) })
        referents = add(ruleSet.rules.map { text($0.referent) })
        var base = 0
        stepBase = ruleSet.rules.map { rule in
            defer { base += rule.suggestions.count }
            return base
        }
        steps = add(ruleSet.rules.flatMap { rule in
            rule.suggestions.map { suggestion in
                switch (json, detail) {
                case (true, .full): return Array("{\"stage\":\"\(suggestion.stage.rawValue)\",\"id\":\(JSONValue.quote(suggestion.entry)),\"rule\":\(JSONValue.quote(rule.id))}".utf8)
                case (false, .full): return Array("\(suggestion.stage.rawValue)/\(suggestion.entry)@\(rule.id)".utf8)
                case (true, .ids): return Array(JSONValue.quote(suggestion.entry).utf8)
                case (false, .ids): return Array(suggestion.entry.utf8)
                }
            }
        })
        schemeStatus = add(ruleSet.schemes.flatMap { scheme in
            SchemeStatus.allCases.map(\.rawValue).map { Array((json ? "\(JSONValue.quote(scheme.id)):\"\($0)\"" : "\(scheme.id)=\($0)").utf8) }
        })
        roleKeys = add(ReferentRole.allCases.map { Array("\"\($0.rawValue)\":".utf8) })
        room = (texts.map(\.count).max() ?? 0) + 1
        self.texts = ByteFragments(texts)
        roles = Array(ReferentRole.allCases.dropFirst())
    }

    package var header: String? {
        guard format == .csv else { return nil }
        switch detail {
        case .full: return "line,route,route_scheme,route_rule,referent,referent_rule,steps,schemes,fired\n"
        case .ids: return "line,route,route_scheme,referent," + roles.map { "referent_\($0.rawValue)" }.joined(separator: ",") + ",steps,schemes\n"
        }
    }

    /// Appends the result of line `number` to `out`, written in place into room made for the
    /// longest line it could be (every fragment at its longest).
    package func write(_ number: Int, _ outcome: CompiledOutcome, into out: ByteBuffer) {
        let fragments = 16 + ReferentRole.allCases.count * 2 + outcome.selection.steps.count + outcome.schemes.count + outcome.fired.count
        out.append(bound: 24 + fragments * room) { base in
            texts.withBytes { bytes, starts in
                stepBase.withUnsafeBufferPointer { stepBase in
                    var cursor = ByteCursor(base, fragments: bytes, starts: starts)
                    write(number, outcome, stepBase, &cursor)
                    return cursor.count
                }
            }
        }
    }

    /// Fragment indexes are sums of positions in tables built at `init` (`&+`: no overflow check).
    @inline(__always)
    private func write(_ number: Int, _ outcome: CompiledOutcome, _ stepBase: UnsafeBufferPointer<Int>, _ out: inout ByteCursor) {
        @inline(__always) func put(_ literal: Literal) { out.fragment(literal.rawValue) }
        @inline(__always) func fragment(_ table: Int, _ index: Int?) {
            if let index { out.fragment(table &+ index) } else { put(.null) }
        }
        @inline(__always) func lists(_ separator: UInt8) {
            for (index, step) in outcome.selection.steps.enumerated() {
                if index > 0 { out.byte(separator) }
                out.fragment(steps &+ stepBase[step.rule] &+ step.suggestion)
            }
            out.byte(json ? 0x5D : 0x2C)
            if json { put(.schemesKey) }
            for (index, scheme) in outcome.schemes.enumerated() {
                if index > 0 { out.byte(separator) }
                out.fragment(schemeStatus &+ index &* 3 &+ scheme.status.index)
            }
            guard detail == .full else { return }
            if json { put(.firedKey) } else { out.byte(0x2C) }
            for (index, rule) in outcome.fired.enumerated() {
                if index > 0 { out.byte(separator) }
                out.fragment(ruleIDs &+ Int(rule))
            }
        }
        let route = outcome.route, referent = outcome.referent
        if json {
            put(.lineKey)
            out.integer(Int64(number))
            put(.routeKey)
            fragment(routes, route)
            put(.routeSchemeKey)
            fragment(routeSchemes, route)
            if detail == .full {
                put(.routeRuleKey)
                fragment(ruleIDs, route)
                put(.referentKey)
                fragment(referents, referent)
                put(.referentRuleKey)
                fragment(ruleIDs, referent)
            } else {
                put(.referentsKey)
                var first = true
                for (role, rule) in outcome.selection.referents.enumerated() {
                    guard let rule else { continue }
                    if !first { out.byte(0x2C) }
                    first = false
                    out.fragment(roleKeys + role)
                    out.fragment(referents + rule)
                }
                out.byte(0x7D)
            }
            put(.stepsKey)
            lists(0x2C)
            put(detail == .full ? .endFull : .endIds)
            return
        }
        out.integer(Int64(number))
        out.byte(0x2C)
        fragment(routes, route)
        out.byte(0x2C)
        fragment(routeSchemes, route)
        out.byte(0x2C)
        if detail == .full {
            fragment(ruleIDs, route)
            out.byte(0x2C)
            fragment(referents, referent)
            out.byte(0x2C)
            fragment(ruleIDs, referent)
        } else {
            fragment(referents, referent)
            for index in roles.indices {
                out.byte(0x2C)
                fragment(referents, outcome.selection.referents[index + 1])
            }
        }
        out.byte(0x2C)
        lists(0x7C)
        out.byte(0x0A)
    }

    /// A result line as text (tests, and callers that want one line).
    package func line(_ number: Int, _ outcome: CompiledOutcome) -> String {
        let bytes = ByteBuffer()
        write(number, outcome, into: bytes)
        return bytes.withBytes { String(decoding: $0, as: UTF8.self) }
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
