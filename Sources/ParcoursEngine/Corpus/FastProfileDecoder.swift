import YAML

/// Decodes a well-formed corpus line straight into profile slots, without building nodes.
/// It is deliberately strict: anything unusual (escapes, unknown names, wrong types, values out
/// of range, repeated keys) makes it give up, and the line goes through the precise reader,
/// which types it exactly and explains what is wrong.
package struct FastProfileDecoder: Sendable {
    /// One field as the fast reader needs it: its slot, kind and bounds (a plain value: reading
    /// it retains nothing). Its values' ids are in `ids`, grouped by the field's position.
    struct Slot: Sendable {
        let index: Int
        let kind: Kind
        let min: Int64, max: Int64

        enum Kind: Sendable { case integer, boolean, enumeration, set }
    }

    /// Field names to their slot's position in `slots`.
    private let names: ByteKeyTable
    /// The names again as keys are written without spaces (`"age":`), one after the other in
    /// `slots` order (`nameStarts[p]..<nameStarts[p + 1]`): lines usually list fields in that
    /// order, so the next key is checked first, unhashed, colon included.
    private let nameBytes: [UInt8]
    private let nameStarts: [Int]
    /// The same keys as words, by position, so that the expected key is told by two loads.
    private let nameWords: [KeyWords]

    /// A key's first eight bytes (zero-padded), the mask of those that count, its last eight
    /// (for a key of over eight bytes) and its length.
    struct KeyWords: Sendable {
        let head: UInt64, mask: UInt64, tail: UInt64
        let length: Int
    }
    /// Value ids of every enumeration and set field (derived from its `FieldCodec`), by field position.
    private let ids: ByteKeyTable
    private let slots: [Slot]
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
        self.slots = slots
        self.ids = ByteKeyTable(grouped: ids)
        self.names = ByteKeyTable(vocabulary.codecs.enumerated().map { ($0.element.name, $0.offset) })
        var nameBytes: [UInt8] = []
        var nameStarts = [0]
        for codec in vocabulary.codecs {
            nameBytes += Array("\"\(codec.name)\":".utf8)
            nameStarts.append(nameBytes.count)
        }
        self.nameBytes = nameBytes
        self.nameStarts = nameStarts
        nameWords = (0..<vocabulary.codecs.count).map { position in
            let key = Array(nameBytes[nameStarts[position]..<nameStarts[position + 1]])
            return key.withUnsafeBufferPointer { key in
                let (head, tail, _) = ByteKeyTable.hash(key, from: 0, count: key.count, group: 0)
                let mask = key.count >= 8 ? UInt64.max : UInt64.max &>> UInt64(64 - 8 * key.count)
                return KeyWords(head: head, mask: mask, tail: tail, length: key.count)
            }
        }
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
            Array(cell.text.utf8).withUnsafeBufferPointer { names.value($0) }
        }
        return !columns.contains { $0 == nil }
    }

    /// The number of slots `values` must have.
    package var slotCount: Int { fieldCount }

    @inline(__always)
    private func reset(_ values: UnsafeMutableBufferPointer<Int64>) {
        for i in 0..<fieldCount { values[i] = CompiledProfile.unknown }
    }

    @inline(__always)
    private func applyDefaults(_ values: UnsafeMutableBufferPointer<Int64>) {
        for (field, value) in defaults where values[field] == CompiledProfile.unknown { values[field] = value }
    }

    // MARK: JSON lines

    /// Decodes `{"field": value, ...}`; false when the line needs the precise reader.
    package func decodeJSON(_ line: [UInt8], into values: inout [Int64]) -> Bool {
        if values.count != fieldCount { values = Array(repeating: CompiledProfile.unknown, count: fieldCount) }
        return line.withUnsafeBufferPointer { line in values.withUnsafeMutableBufferPointer { decodeJSON(line, into: $0) } }
    }

    /// Decodes `{"field": value, ...}` into `values` (at least `slotCount` slots); false when
    /// the line needs the precise reader. Reads the bytes in place: no allocation.
    package func decodeJSON(_ line: UnsafeBufferPointer<UInt8>, into values: UnsafeMutableBufferPointer<Int64>) -> Bool {
        nameBytes.withUnsafeBufferPointer { nameBytes in
            nameStarts.withUnsafeBufferPointer { nameStarts in
                nameWords.withUnsafeBufferPointer { nameWords in decodeJSON(line, into: values, nameBytes, nameStarts, nameWords) }
            }
        }
    }

    /// The loop of `decodeJSON`. Written for the common line, compact and in vocabulary order:
    /// each key is first compared with the expected one, whitespace is looked for only where a
    /// structural byte was expected, and a value is read in one pass up to its first byte that
    /// cannot belong to it; whatever follows must then be whitespace, `,` or `}`, so a token
    /// such as `12x` or `truex` is refused as before. Which text is which value stays
    /// `FieldCodec`'s: the bytes of a number or boolean are handed to it.
    @inline(__always)
    private func decodeJSON(_ line: UnsafeBufferPointer<UInt8>, into values: UnsafeMutableBufferPointer<Int64>,
                            _ nameBytes: UnsafeBufferPointer<UInt8>, _ nameStarts: UnsafeBufferPointer<Int>,
                            _ nameWords: UnsafeBufferPointer<KeyWords>) -> Bool {
        reset(values)
        var i = 0
        let n = line.count
        /// JSON whitespace as the fast reader takes it: space and tab (anything else goes to
        /// the precise reader). One comparison for the bytes that are not.
        @inline(__always) func blank(_ byte: UInt8) -> Bool { byte <= 0x20 && (byte == 0x20 || byte == 0x09) }
        @inline(__always) func skip() { while i < n, blank(line[i]) { i += 1 } }
        /// The byte at `i` after any whitespace, or nil at the end of the line.
        @inline(__always) func structural() -> UInt8? {
            guard i < n else { return nil }
            if !blank(line[i]) { return line[i] }
            skip()
            return i < n ? line[i] : nil
        }
        /// A string without escapes: where the bytes between its quotes start, and how many.
        @inline(__always) func string() -> (start: Int, count: Int)? {
            guard i < n, line[i] == 0x22 else { return nil }
            let start = i + 1
            let j = ByteKeyTable.quoteOrEscape(line, from: start)
            guard j < n, line[j] == 0x22 else { return nil }
            i = j + 1
            return (start, j - start)
        }
        /// The id of the string at `i` in `table`'s `group`.
        @inline(__always) func id(_ table: ByteKeyTable, group: Int) -> Int? {
            guard let (start, count) = string() else { return nil }
            return table.value(in: line, from: start, count: count, group: group)
        }
        /// Whether the key at `i` is field `position`'s, written `"name":` (then `i` moves past
        /// the colon). With eight bytes of the line to spare, the key is told by its first and
        /// last words (and, past sixteen bytes, the bytes between); nearer the end, byte for byte.
        @inline(__always) func expected(_ position: Int) -> Bool {
            guard position < nameWords.count, let base = line.baseAddress else { return false }
            let key = nameWords[position]
            let length = key.length
            guard i + length <= n else { return false }
            if i + 8 <= n {
                guard ByteKeyTable.word(base + i) & key.mask == key.head,
                      length <= 8 || ByteKeyTable.word(base + i + length - 8) == key.tail else { return false }
                if length > 16 {
                    let start = nameStarts[position]
                    guard ByteKeyTable.equal(line, i + 8, nameBytes, start + 8, count: length - 16) else { return false }
                }
            } else if !ByteKeyTable.equal(line, i, nameBytes, nameStarts[position], count: length) {
                return false
            }
            i += length
            return true
        }
        guard structural() == 0x7B else { return false }
        i += 1
        if structural() == 0x7D { applyDefaults(values); i += 1; skip(); return i == n }
        var next = 0
        while true {
            let position: Int
            if expected(next) {
                position = next
            } else {
                skip()
                guard let found = id(names, group: 0) else { return false }
                position = found
                guard structural() == 0x3A else { return false }
                i += 1
            }
            next = position + 1
            let slot = slots[position]
            guard values[slot.index] == CompiledProfile.unknown else { return false }
            let group = position
            skip()
            switch slot.kind {
            case .integer:
                let start = i
                if i < n, line[i] == 0x2D { i += 1 }
                while i < n, line[i] &- 0x30 < 10 { i += 1 }
                guard let number = FieldCodec.integer(UnsafeBufferPointer(rebasing: line[start..<i])), number >= slot.min, number <= slot.max else { return false }
                values[slot.index] = number
            case .boolean:
                // `true` or `false`, told by the first byte; FieldCodec says whether it is one.
                guard i < n else { return false }
                let length = line[i] == 0x74 ? 4 : 5
                guard i + length <= n, let flag = FieldCodec.boolean(UnsafeBufferPointer(rebasing: line[i..<(i + length)])) else { return false }
                i += length
                values[slot.index] = flag ? 1 : 0
            case .enumeration:
                guard let index = id(ids, group: group) else { return false }
                values[slot.index] = Int64(index)
            case .set:
                guard i < n, line[i] == 0x5B else { return false }
                i += 1
                var mask: UInt64 = 0
                if structural() == 0x5D { i += 1 } else {
                    while true {
                        guard let bit = id(ids, group: group), mask & (1 << UInt64(bit)) == 0 else { return false }
                        mask |= 1 << UInt64(bit)
                        let byte = structural()
                        if byte == 0x2C { i += 1; skip(); continue }
                        if byte == 0x5D { i += 1; break }
                        return false
                    }
                }
                values[slot.index] = Int64(bitPattern: mask)
            }
            let byte = structural()
            if byte == 0x2C { i += 1; continue }
            if byte == 0x7D { i += 1; break }
            return false
        }
        skip()
        guard i == n else { return false }
        applyDefaults(values)
        return true
    }

    // MARK: CSV

    /// Decodes one CSV row after `readHeader`; false when the row needs the precise reader.
    package func decodeCSV(_ line: [UInt8], into values: inout [Int64]) -> Bool {
        if values.count != fieldCount { values = Array(repeating: CompiledProfile.unknown, count: fieldCount) }
        return line.withUnsafeBufferPointer { line in values.withUnsafeMutableBufferPointer { decodeCSV(line, into: $0) } }
    }

    /// Decodes one CSV row after `readHeader` into `values`, in place. A quote anywhere sends
    /// the row to the precise reader.
    package func decodeCSV(_ line: UnsafeBufferPointer<UInt8>, into values: UnsafeMutableBufferPointer<Int64>) -> Bool {
        reset(values)
        let separator = separator
        var column = 0
        var start = 0
        while true {
            let end = ByteKeyTable.first(of: separator, or: 0x22, in: line, from: start)
            if end < line.count, line[end] == 0x22 { return false }
            guard column < columns.count, let position = columns[column] else { return false }
            if end > start, !decodeCell(line, start, end, position, values) { return false }
            column += 1
            if end >= line.count { break }
            start = end + 1
        }
        guard column == columns.count else { return false }
        applyDefaults(values)
        return true
    }

    /// The cell `line[start..<end]` (not empty) of field `position`. Keys are looked up in the
    /// line itself, so that their words can be loaded whole.
    @inline(__always)
    private func decodeCell(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ position: Int, _ values: UnsafeMutableBufferPointer<Int64>) -> Bool {
        let slot = slots[position]
        guard line[start] != 0x20, line[end - 1] != 0x20 else { return false }
        switch slot.kind {
        case .integer:
            guard let number = FieldCodec.integer(UnsafeBufferPointer(rebasing: line[start..<end])), number >= slot.min, number <= slot.max else { return false }
            values[slot.index] = number
        case .boolean:
            guard let flag = FieldCodec.boolean(UnsafeBufferPointer(rebasing: line[start..<end])) else { return false }
            values[slot.index] = flag ? 1 : 0
        case .enumeration:
            guard let index = ids.value(in: line, from: start, count: end - start, group: position) else { return false }
            values[slot.index] = Int64(index)
        case .set:
            if end - start == emptySet.count, emptySet.withUnsafeBufferPointer({ ByteKeyTable.equal(line, start, $0, 0, count: end - start) }) {
                values[slot.index] = 0
                return true
            }
            var mask: UInt64 = 0
            var from = start
            let cell = UnsafeBufferPointer(rebasing: line[0..<end])
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
