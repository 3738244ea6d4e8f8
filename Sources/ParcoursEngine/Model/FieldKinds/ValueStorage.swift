/// How a kind's values sit in a profile slot and in a corpus line: the few shapes the tuned
/// corpus reader (`FastProfileDecoder`), the writer (`ProfileEncoder`) and the compiled rules
/// know. A kind says which one it uses (`FieldKind.storage`); their tables are built from it
/// once, so the per-profile loops switch over these shapes, never over kinds.
package enum ValueStorage: Sendable, Equatable {
    /// A whole number between the bounds, written in decimal.
    case number(min: Int64, max: Int64)
    /// `true` or `false` (1 or 0).
    case flag
    /// One of the ids, by position, written as the id.
    case choice([String])
    /// Any number of the ids, a bit each, written as a list of ids.
    case members([String])

    /// The ids of a choice or of members (empty otherwise).
    package var ids: [String] {
        switch self {
        case .choice(let ids), .members(let ids): return ids
        case .number, .flag: return []
        }
    }

    /// A known value as JSON text (`22`, `true`, `"cap"`, `["mobilite","garde"]`); nil when the
    /// value does not fit.
    package func json(_ value: FieldValue) -> String? {
        switch (self, value) {
        case (.number, .scalar(let number)): return String(number)
        case (.flag, .scalar(let flag)): return (flag == 1 ? FieldCodec.trueText : FieldCodec.falseText).description
        case (.choice(let ids), .scalar(let position)) where position >= 0 && position < ids.count: return JSONValue.quote(ids[position])
        case (.members(let ids), .set(let mask)):
            return "[" + ids.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { JSONValue.quote(ids[$0]) }.joined(separator: ",") + "]"
        default: return nil
        }
    }

    /// A known value as a CSV cell (`22`, `true`, `cap`, `mobilite|garde`, `[]` for the empty
    /// set): what the CSV reader reads back to the same value. nil when it does not fit.
    package func csv(_ value: FieldValue) -> String? {
        switch (self, value) {
        case (.members(let ids), .set(let mask)):
            let members = ids.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { ids[$0] }
            return members.isEmpty ? SetKind.emptyCell : members.joined(separator: String(SetKind.cellSeparator))
        case (.choice(let ids), .scalar(let position)) where position >= 0 && position < ids.count: return ids[position]
        default: return json(value)
        }
    }
}
