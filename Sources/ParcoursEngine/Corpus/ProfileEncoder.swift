import Bytes

/// Writes profiles as corpus lines (a compact JSON line, keys in vocabulary order, or a CSV row
/// under `Vocabulary.csvHeader`) straight into a byte buffer. Every text comes from the fields'
/// `FieldCodec` (`json`, `csv`), rendered once per value at init: the codec stays the one home
/// of which text is which value, and writing a profile is copying bytes.
package struct ProfileEncoder: Sendable {
    /// The line formats.
    package enum Format: Sendable { case jsonl, csv }

    /// One field: its slot, how its value is written, and where its texts are in `texts`
    /// (a plain value: reading it retains nothing).
    private struct Column: Sendable {
        let slot: Int
        let kind: Kind
        /// JSON: `"name":`, at `key` in `texts`.
        let key: Int
        /// Enumeration texts by position, set members by bit (JSON: quoted; CSV: bare),
        /// booleans false then true: `count` texts from `first`.
        let first: Int, count: Int
        /// Set: the empty set (`[]`).
        let empty: Int

        enum Kind: Sendable { case integer, boolean, enumeration, set }
    }

    private let columns: [Column]
    private let texts: ByteFragments
    /// The longest line a profile can give (every field at its longest value), newline included.
    private let maxLine: Int
    private let format: Format
    /// CSV: between a set's members (`CorpusFormat.setSeparator`).
    private let setSeparator = CorpusFormat.setSeparator.asciiValue ?? 0x7C

    package init(vocabulary: Vocabulary, format: Format) {
        self.format = format
        let json = format == .jsonl
        func text(_ codec: FieldCodec, _ value: FieldValue) -> [UInt8] {
            Array(((json ? codec.json(value) : codec.csv(value)) ?? "").utf8)
        }
        var texts: [[UInt8]] = []
        func add(_ items: [[UInt8]]) -> Int {
            defer { texts += items }
            return texts.count
        }
        columns = vocabulary.codecs.map { codec in
            let key = add([Array((JSONValue.quote(codec.name) + ":").utf8)])
            switch codec.kind {
            case .integer:
                return Column(slot: codec.index, kind: .integer, key: key, first: 0, count: 0, empty: 0)
            case .boolean:
                return Column(slot: codec.index, kind: .boolean, key: key, first: add([text(codec, .scalar(0)), text(codec, .scalar(1))]), count: 2, empty: 0)
            case .enumeration:
                return Column(slot: codec.index, kind: .enumeration, key: key, first: add(codec.ids.indices.map { text(codec, .scalar($0)) }),
                              count: codec.ids.count, empty: 0)
            case .set:
                // A one-member set's text, without the brackets JSON puts around it.
                let members = codec.ids.indices.map { bit -> [UInt8] in
                    let whole = text(codec, .set(1 << UInt64(bit)))
                    return json ? Array(whole.dropFirst().dropLast()) : whole
                }
                let first = add(members)
                return Column(slot: codec.index, kind: .set, key: key, first: first, count: members.count, empty: add([text(codec, .set(0))]))
            }
        }
        self.texts = ByteFragments(texts)
        let longest = columns.map { column -> Int in
            let lengths = (0..<column.count).map { texts[column.first + $0].count }
            let value: Int
            switch column.kind {
            case .integer: value = 20
            case .boolean, .enumeration: value = lengths.max() ?? 0
            case .set: value = max(lengths.reduce(0, +) + lengths.count + 2, texts[column.empty].count)
            }
            return (json ? texts[column.key].count : 0) + value + 1
        }
        maxLine = longest.reduce(2, +)
    }

    /// The CSV header line (with its newline); nothing for JSON lines.
    package static func header(_ vocabulary: Vocabulary, format: Format) -> [UInt8] {
        format == .csv ? Array((vocabulary.csvHeader + "\n").utf8) : []
    }

    /// Appends the profile in `values` (slots as `CompiledProfile` keeps them) and a newline,
    /// written in place into room made for the longest possible line.
    package func write(_ values: BufferView<Int64>, into out: ByteBuffer) {
        out.append(bound: maxLine) { base in
            texts.withBytes { bytes, starts in
                var cursor = ByteCursor(base, fragments: bytes, starts: starts)
                write(values, &cursor)
                return cursor.count
            }
        }
    }

    private func write(_ values: BufferView<Int64>, _ out: inout ByteCursor) {
        let json = format == .jsonl
        if json { out.byte(0x7B) }
        var first = true
        for index in columns.indices {
            let column = columns[index]
            let value = column.slot < values.count ? values[column.slot] : CompiledProfile.unknown
            if json {
                guard value != CompiledProfile.unknown, fits(value, column) else { continue }
                if !first { out.byte(0x2C) }
                out.fragment(column.key)
            } else {
                if !first { out.byte(0x2C) }
                first = false
                guard value != CompiledProfile.unknown, fits(value, column) else { continue }
            }
            first = false
            switch column.kind {
            case .integer: out.integer(value)
            case .boolean: out.fragment(column.first + (value == 1 ? 1 : 0))
            case .enumeration: out.fragment(column.first + Int(value))
            case .set:
                var mask = UInt64(bitPattern: value)
                if column.count < 64 { mask &= (1 << UInt64(column.count)) - 1 }
                if mask == 0 {
                    out.fragment(column.empty)
                    continue
                }
                if json { out.byte(0x5B) }
                var firstMember = true
                while mask != 0 {
                    let bit = mask.trailingZeroBitCount
                    mask &= mask - 1
                    if !firstMember { out.byte(json ? 0x2C : setSeparator) }
                    firstMember = false
                    out.fragment(column.first + bit)
                }
                if json { out.byte(0x5D) }
            }
        }
        if json { out.byte(0x7D) }
        out.byte(0x0A)
    }

    /// Whether the codec can write `value` (what `FieldCodec.json` renders, it renders here:
    /// an enumeration position out of range is not written; a set keeps its known members).
    @inline(__always)
    private func fits(_ value: Int64, _ column: Column) -> Bool {
        column.kind != .enumeration || (value >= 0 && value < column.count)
    }
}
