import Bytes
import YAML

/// Decodes a well-formed corpus line straight into profile slots, without building nodes.
/// It is deliberately strict: anything unusual (escapes, unknown names, wrong types, values out
/// of range, repeated keys) makes it give up, and the line goes through the precise reader,
/// which types it exactly and explains what is wrong.
package struct FastProfileDecoder: Sendable {
    /// One field as the fast reader needs it: its slot, the shape of its values and bounds (a
    /// plain value: reading it retains nothing). The shape is the field kind's `storage`, read
    /// once here through its `FieldCodec`: the loops below switch over these four shapes, never
    /// over kinds. Its values' ids are in `ids`, grouped by the field's position.
    struct Slot: Sendable {
        let index: Int
        let kind: Kind
        let min: Int64, max: Int64

        enum Kind: Sendable { case integer, boolean, enumeration, set }
    }

    /// Field names to their position (in `keys`).
    private let names: ByteKeyTable
    /// The names again as keys are written without spaces (`"age":`), by position: lines
    /// usually list fields in that order, so the next key is checked first, unhashed, colon
    /// included.
    private let keys: FrozenArray<Key>
    private let keyCount: Int
    /// The keys' bytes, one after the other.
    private let keyBytes: FrozenArray<UInt8>
    /// Holds `keys` and `keyBytes`.
    private let arena = FrozenArena()

    /// A key as the fast reader compares it: its first eight bytes (zero-padded), the mask of
    /// those that count, its last eight (for a key of over eight bytes), its second eight (for
    /// a key of over sixteen), its length and where its bytes are in the layout; and the
    /// field's slot. Plain data.
    struct Key: Sendable {
        let head: UInt64, mask: UInt64, tail: UInt64, middle: UInt64
        let length: Int
        let start: Int
        let slot: Slot
    }

    /// `FieldCodec`'s two boolean words as the first bytes of a word, and the masks of those
    /// bytes: with eight bytes of the line to spare, a boolean is told by one load.
    private let trueWord: (text: UInt64, mask: UInt64, length: Int)
    private let falseWord: (text: UInt64, mask: UInt64, length: Int)
    /// Which of `FieldCodec`'s two boolean words `word` (the next eight bytes of a line) starts
    /// with: its value (1 or 0) and length; nil for neither.
    @inline(__always)
    private func booleanWord(_ word: UInt64) -> (value: Int64, length: Int)? {
        if word & trueWord.mask == trueWord.text { return (1, trueWord.length) }
        if word & falseWord.mask == falseWord.text { return (0, falseWord.length) }
        return nil
    }

    /// Value ids of every enumeration and set field (derived from its `FieldCodec`), by field position.
    private let ids: ByteKeyTable
    private let fieldCount: Int
    private let defaults: [(Int, Int64)]
    /// CSV: the slot of each column (nil for a column that is not a field).
    private var columns: [Int?] = []
    /// CSV: the cell separator, read from the header.
    private var separator: UInt8 = 0x2C
    /// CSV: how an empty set is written.
    private let emptySet = Array(CorpusFormat.emptySet.utf8)

    package init(vocabulary: Vocabulary) {
        var slots: [Slot] = []
        var ids: [(group: Int, key: String, value: Int)] = []
        for (position, codec) in vocabulary.codecs.enumerated() {
            switch codec.kind {
            case .integer(let min, let max): slots.append(Slot(index: codec.index, kind: .integer, min: min, max: max))
            case .boolean: slots.append(Slot(index: codec.index, kind: .boolean, min: 0, max: 1))
            case .enumeration(let map):
                slots.append(Slot(index: codec.index, kind: .enumeration, min: 0, max: 0))
                ids += map.sorted { $0.value < $1.value }.map { (position, $0.key, Int($0.value)) }
            case .set(let map):
                slots.append(Slot(index: codec.index, kind: .set, min: 0, max: 0))
                ids += map.sorted { $0.value < $1.value }.map { (position, $0.key, $0.value) }
            }
        }
        self.ids = ByteKeyTable(grouped: ids)
        self.names = ByteKeyTable(vocabulary.codecs.enumerated().map { ($0.element.name, $0.offset) })
        var nameBytes: [UInt8] = []
        var keys: [Key] = []
        for (position, codec) in vocabulary.codecs.enumerated() {
            let key = Array("\"\(codec.name)\":".utf8)
            keys.append(key.withView { key in
                let (head, tail, _) = ByteKeyTable.hash(key, from: 0, count: key.count, group: 0)
                let middle = key.count > 16 ? key.word(at: 8) : 0
                return Key(head: head, mask: ByteKeyTable.firstBytes(key.count), tail: tail, middle: middle,
                           length: key.count, start: nameBytes.count, slot: slots[position])
            })
            nameBytes += key
        }
        self.keys = arena.freeze(keys)
        keyCount = keys.count
        keyBytes = arena.freeze(nameBytes)
        func word(_ text: StaticString) -> (text: UInt64, mask: UInt64, length: Int) {
            text.withBytesView { bytes in
                (ByteKeyTable.hash(bytes, from: 0, count: bytes.count, group: 0).head, ByteKeyTable.firstBytes(bytes.count), bytes.count)
            }
        }
        trueWord = word(FieldCodec.trueText)
        falseWord = word(FieldCodec.falseText)
        self.fieldCount = vocabulary.fields.count
        self.defaults = vocabulary.fields.compactMap { field in
            switch field.defaultValue {
            case .scalar(let value)?: return (field.index, Int64(value))
            case .set(let mask)?: return (field.index, Int64(bitPattern: mask))
            case nil: return nil
            }
        }
    }

    /// Reads a CSV header line; false when a column is not a field (the precise reader reports it).
    package mutating func readHeader(_ given: [UInt8]) -> Bool {
        let line = YAMLParser.droppingByteOrderMark(given)
        separator = CorpusFormat.separator(ofHeader: line)
        columns = CSVSplitter.cells(String(decoding: line, as: UTF8.self), separator: Unicode.Scalar(separator)).map { cell in
            Array(cell.text.utf8).withView { names.value($0) }
        }
        return !columns.contains { $0 == nil }
    }

    /// The number of slots `values` must have.
    package var slotCount: Int { fieldCount }

    @inline(__always)
    private func reset(_ values: MutableBufferView<Int64>) {
        for i in 0..<fieldCount { values[i] = CompiledProfile.unknown }
    }

    @inline(__always)
    private func applyDefaults(_ values: MutableBufferView<Int64>) {
        for (field, value) in defaults where values[field] == CompiledProfile.unknown { values[field] = value }
    }

    // MARK: JSON lines

    /// Decodes `{"field": value, ...}`; false when the line needs the precise reader.
    package func decodeJSON(_ line: [UInt8], into values: inout [Int64]) -> Bool {
        if values.count != fieldCount { values = Array(repeating: CompiledProfile.unknown, count: fieldCount) }
        return line.withView { line in values.withMutableView { decodeJSON(line, into: $0) } }
    }

    /// Decodes `{"field": value, ...}` into `values` (at least `slotCount` slots); false when
    /// the line needs the precise reader. Reads the bytes in place: no allocation.
    ///
    /// Written for the common line, compact and in vocabulary order: each key is first
    /// compared with the expected one, whitespace is looked for only where a structural byte
    /// was expected, and a value is read in one pass up to its first byte that cannot belong
    /// to it; whatever follows must then be whitespace, `,` or `}`, so a token such as `12x` or
    /// `truex` is refused as before. Which text is which value stays `FieldCodec`'s: the bytes
    /// of a number are handed to it, and a boolean is one of its two words. Positions only
    /// grow within the line, so their sums do not overflow (`&+`).
    package func decodeJSON(_ line: BufferView<UInt8>, into values: MutableBufferView<Int64>) -> Bool {
        reset(values)
        let base = line
        var cursor = JSONCursor(line: line, keys: keys, keyCount: keyCount, keyBytes: keyBytes.view)
        let n = cursor.n
        guard cursor.structural() == 0x7B else { return false }
        cursor.i = cursor.i &+ 1
        if cursor.structural() == 0x7D { applyDefaults(values); cursor.i = cursor.i &+ 1; cursor.skip(); return cursor.i == n }
        var next = 0
        while true {
            // The expected key, else one of the next few (a line leaves out the fields it does
            // not know), else any key, by its name.
            var position = next
            while position < next &+ 4, !cursor.expected(position) { position = position &+ 1 }
            if position == next &+ 4 {
                cursor.skip()
                guard let found = cursor.id(names, group: 0) else { return false }
                position = found
                guard cursor.structural() == 0x3A else { return false }
                cursor.i = cursor.i &+ 1
            }
            next = position &+ 1
            let slot = cursor.keys[position].slot
            guard values[slot.index] == CompiledProfile.unknown else { return false }
            let group = position
            cursor.skip()
            switch slot.kind {
            case .integer:
                let start = cursor.i
                if cursor.i < n, base[cursor.i] == 0x2D { cursor.i = cursor.i &+ 1 }
                // JSON writes no leading zero (`007`): the precise reader says so.
                if cursor.i &+ 1 < n, base[cursor.i] == 0x30, base[cursor.i &+ 1] &- 0x30 < 10 { return false }
                while cursor.i < n, base[cursor.i] &- 0x30 < 10 { cursor.i = cursor.i &+ 1 }
                guard let number = FieldCodec.integer(line.rebased(start..<cursor.i)),
                      number >= slot.min, number <= slot.max else { return false }
                values[slot.index] = number
            case .boolean:
                // One of FieldCodec's two words: by one load with eight bytes to spare, else
                // told by the first byte, FieldCodec saying whether it is one.
                if n &- cursor.i >= 8 {
                    guard let (flag, length) = booleanWord(line.word(at: cursor.i)) else { return false }
                    values[slot.index] = flag
                    cursor.i = cursor.i &+ length
                    break
                }
                guard cursor.i < n else { return false }
                let length = UInt64(base[cursor.i]) == trueWord.text & 0xFF ? trueWord.length : falseWord.length
                guard length <= n &- cursor.i, let flag = FieldCodec.boolean(line.rebased(cursor.i..<cursor.i &+ length)) else { return false }
                cursor.i = cursor.i &+ length
                values[slot.index] = flag ? 1 : 0
            case .enumeration:
                guard let index = cursor.id(ids, group: group) else { return false }
                values[slot.index] = Int64(index)
            case .set:
                guard cursor.i < n, base[cursor.i] == 0x5B else { return false }
                cursor.i = cursor.i &+ 1
                var mask: UInt64 = 0
                if cursor.structural() == 0x5D { cursor.i = cursor.i &+ 1 } else {
                    while true {
                        guard let bit = cursor.id(ids, group: group), mask & (1 << UInt64(bit)) == 0 else { return false }
                        mask |= 1 << UInt64(bit)
                        let byte = cursor.structural()
                        if byte == 0x2C { cursor.i = cursor.i &+ 1; cursor.skip(); continue }
                        if byte == 0x5D { cursor.i = cursor.i &+ 1; break }
                        return false
                    }
                }
                values[slot.index] = Int64(bitPattern: mask)
            }
            let byte = cursor.structural()
            if byte == 0x2C { cursor.i = cursor.i &+ 1; continue }
            if byte == 0x7D { cursor.i = cursor.i &+ 1; break }
            return false
        }
        cursor.skip()
        guard cursor.i == n else { return false }
        applyDefaults(values)
        return true
    }

    // MARK: CSV

    /// Decodes one CSV row after `readHeader`; false when the row needs the precise reader.
    package func decodeCSV(_ line: [UInt8], into values: inout [Int64]) -> Bool {
        if values.count != fieldCount { values = Array(repeating: CompiledProfile.unknown, count: fieldCount) }
        return line.withView { line in values.withMutableView { decodeCSV(line, into: $0) } }
    }

    /// Decodes one CSV row after `readHeader` into `values`, in place. A quote anywhere sends
    /// the row to the precise reader. The row is scanned once, a word at a time, for its
    /// separators (`CSVStops`).
    package func decodeCSV(_ line: BufferView<UInt8>, into values: MutableBufferView<Int64>) -> Bool {
        reset(values)
        var stops = CSVStops(line, separator: separator)
        let n = line.count
        var column = 0
        var start = 0
        while true {
            let end = stops.next()
            if end < n, line[end] == 0x22 { return false }
            guard column < columns.count, let position = columns[column] else { return false }
            if end > start, !decodeCell(line, start, end, position, values) { return false }
            column += 1
            if end >= n { break }
            start = end + 1
        }
        guard column == columns.count else { return false }
        applyDefaults(values)
        return true
    }

    /// The cell `line[start..<end]` (not empty) of field `position`. Keys are looked up in the
    /// line itself, so that their words can be loaded whole.
    @inline(__always)
    private func decodeCell(_ line: BufferView<UInt8>, _ start: Int, _ end: Int, _ position: Int, _ values: MutableBufferView<Int64>) -> Bool {
        let slot = keys.base[position].slot
        guard line[start] != 0x20, line[end - 1] != 0x20 else { return false }
        switch slot.kind {
        case .integer:
            guard let number = FieldCodec.integer(line.rebased(start..<end)), number >= slot.min, number <= slot.max else { return false }
            values[slot.index] = number
        case .boolean:
            // One of FieldCodec's two words: by one load with eight bytes to spare, else
            // FieldCodec says whether it is one.
            let length = end - start
            if line.count - start >= 8 {
                guard let (flag, wordLength) = booleanWord(line.word(at: start)), wordLength == length else { return false }
                values[slot.index] = flag
                return true
            }
            guard let flag = FieldCodec.boolean(line.rebased(start..<end)) else { return false }
            values[slot.index] = flag ? 1 : 0
        case .enumeration:
            guard let index = ids.value(in: line, from: start, count: end - start, group: position) else { return false }
            values[slot.index] = Int64(index)
        case .set:
            if end - start == emptySet.count, emptySet.withView({ ByteKeyTable.equal(line, start, $0, 0, count: end - start) }) {
                values[slot.index] = 0
                return true
            }
            var mask: UInt64 = 0
            var from = start
            let cell = line.rebased(0..<end)
            while from <= end {
                let to = ByteKeyTable.first(of: 0x7C, or: 0x7C, in: cell, from: from)
                guard let bit = ids.value(in: line, from: from, count: to - from, group: position), mask & (1 << UInt64(bit)) == 0 else { return false }
                mask |= 1 << UInt64(bit)
                from = to + 1
            }
            values[slot.index] = Int64(bitPattern: mask)
        }
        return true
    }
}

/// The separators and quotes of a CSV row, in order: each word of the row is loaded once and
/// all its stops are taken from it before the next is loaded (the bytes after the last whole
/// word one at a time). A plain value, mutated in place by the reader's loop.
private struct CSVStops {
    let line: BufferView<UInt8>
    let n: Int
    let separator: UInt8
    /// Bytes before `loaded` are scanned; the stops still to give of the word at `wordStart`.
    var loaded = 0, wordStart = 0
    var pending: UInt64 = 0

    init(_ line: BufferView<UInt8>, separator: UInt8) {
        self.line = line
        n = line.count
        self.separator = separator
    }

    /// The position of the next separator or quote, or the row's length when none is left.
    @inline(__always)
    mutating func next() -> Int {
        while true {
            if pending != 0 {
                let at = wordStart &+ pending.trailingZeroBitCount &>> 3
                pending &= pending &- 1
                return at
            }
            if n &- loaded >= 8 {
                wordStart = loaded
                pending = ByteKeyTable.bytes(equalTo: separator, or: 0x22, in: line.word(at: loaded))
                loaded = loaded &+ 8
                continue
            }
            while loaded < n {
                let byte = line[loaded]
                loaded = loaded &+ 1
                if byte == separator || byte == 0x22 { return loaded &- 1 }
            }
            return n
        }
    }
}

/// Where the fast reader is in a JSON line, and the keys it expects: a plain value, mutated
/// in place by the loop (no captured variable, so no dynamic exclusivity check). Positions
/// only grow within the line, so their sums do not overflow (`&+`).
private struct JSONCursor {
    let line: BufferView<UInt8>
    /// The line again, under the name the scanning code reads it by.
    let base: BufferView<UInt8>
    let n: Int
    let keys: FrozenArray<FastProfileDecoder.Key>
    let keyCount: Int
    let keyBytes: BufferView<UInt8>
    var i = 0

    init(line: BufferView<UInt8>, keys: FrozenArray<FastProfileDecoder.Key>, keyCount: Int, keyBytes: BufferView<UInt8>) {
        self.line = line
        self.base = line
        n = line.count
        self.keys = keys
        self.keyCount = keyCount
        self.keyBytes = keyBytes
    }

    /// JSON whitespace as the fast reader takes it: space and tab (anything else goes to the
    /// precise reader). One comparison for the bytes that are not.
    @inline(__always)
    static func blank(_ byte: UInt8) -> Bool { byte <= 0x20 && (byte == 0x20 || byte == 0x09) }

    @inline(__always)
    mutating func skip() { while i < n, Self.blank(base[i]) { i = i &+ 1 } }

    /// The byte at `i` after any whitespace, or nil at the end of the line.
    @inline(__always)
    mutating func structural() -> UInt8? {
        guard i < n else { return nil }
        if !Self.blank(base[i]) { return base[i] }
        skip()
        return i < n ? base[i] : nil
    }

    /// A string without escapes: where the bytes between its quotes start, and how many.
    @inline(__always)
    mutating func string() -> (start: Int, count: Int)? {
        guard i < n, base[i] == 0x22 else { return nil }
        let start = i &+ 1
        let j = ByteKeyTable.quoteOrEscape(line, from: start)
        guard j < n, base[j] == 0x22 else { return nil }
        i = j &+ 1
        return (start, j &- start)
    }

    /// The id of the string at `i` in `table`'s `group`. A string of under sixteen bytes with
    /// room after it (the common value) is found and hashed from the one or two words it is
    /// read in: its closing quote is looked for in them, and they are its first and last words.
    /// Transparent: marked `@inline(__always)` only, it stayed a call from the reader's loop
    /// with this toolchain (about 45 instructions a value more, 12 values a line).
    @_transparent
    mutating func id(_ table: ByteKeyTable, group: Int) -> Int? {
        guard i < n, base[i] == 0x22 else { return nil }
        let start = i &+ 1
        if n &- start >= 16 {
            let first = base.word(at: start)
            let inFirst = ByteKeyTable.firstIndex(of: 0x22, or: 0x5C, in: first)
            if inFirst < 8 {
                guard base[start &+ inFirst] == 0x22 else { return nil }
                i = start &+ inFirst &+ 1
                return table.value(in: line, from: start, count: inFirst, group: group,
                                   head: first & ByteKeyTable.firstBytes(inFirst), tail: 0)
            }
            let second = base.word(at: start &+ 8)
            let inSecond = ByteKeyTable.firstIndex(of: 0x22, or: 0x5C, in: second)
            if inSecond < 8 {
                guard base[start &+ 8 &+ inSecond] == 0x22 else { return nil }
                let count = 8 &+ inSecond
                i = start &+ count &+ 1
                return table.value(in: line, from: start, count: count, group: group,
                                   head: first, tail: base.word(at: start &+ count &- 8))
            }
        }
        guard let (start, count) = string() else { return nil }
        return table.value(in: line, from: start, count: count, group: group)
    }

    /// Whether the key at `i` is field `position`'s, written `"name":` (then `i` moves past the
    /// colon). With eight bytes of the line to spare, the key is told by its first and last
    /// words (past sixteen bytes, its second word too, and past twenty-four the bytes between);
    /// nearer the end, byte for byte.
    @inline(__always)
    mutating func expected(_ position: Int) -> Bool {
        guard position < keyCount else { return false }
        let key = keys[position]
        let length = key.length, room = n &- i
        guard length <= room else { return false }
        if room >= 8 {
            guard base.word(at: i) & key.mask == key.head else { return false }
            if length > 8 {
                guard base.word(at: i &+ length &- 8) == key.tail else { return false }
                if length > 16 {
                    guard base.word(at: i &+ 8) == key.middle else { return false }
                    if length > 24, !ByteKeyTable.equal(line, i &+ 16, keyBytes, key.start &+ 16, count: length &- 24) { return false }
                }
            }
        } else if !ByteKeyTable.equal(line, i, keyBytes, key.start, count: length) {
            return false
        }
        i = i &+ length
        return true
    }
}
