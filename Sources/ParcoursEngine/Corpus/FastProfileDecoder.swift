import YAML

/// Decodes a well-formed corpus line straight into profile slots, without building nodes.
/// It is deliberately strict: anything unusual (escapes, unknown names, wrong types, values out
/// of range, repeated keys) makes it give up, and the line goes through the precise reader,
/// which types it exactly and explains what is wrong.
package struct FastProfileDecoder: Sendable {
    /// Each field's codec, by name: the precise reader types values through the same ones.
    private let fields: [String: FieldCodec]
    private let fieldCount: Int
    private let defaults: [(Int, Int64)]
    /// CSV: the codec of each column (nil for a column that is not a field).
    private var columns: [FieldCodec?] = []
    /// CSV: the cell separator, read from the header.
    private var separator: UInt8 = 0x2C

    package init(vocabulary: Vocabulary) {
        var fields: [String: FieldCodec] = [:]
        for codec in vocabulary.codecs { fields[codec.name] = codec }
        self.fields = fields
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
        columns = CSVSplitter.cells(String(decoding: line, as: UTF8.self), separator: Unicode.Scalar(separator)).map { fields[$0.text] }
        return !columns.contains { $0 == nil }
    }

    private func reset(_ values: inout [Int64]) {
        if values.count != fieldCount { values = Array(repeating: CompiledProfile.unknown, count: fieldCount) } else {
            for i in values.indices { values[i] = CompiledProfile.unknown }
        }
    }

    private func applyDefaults(_ values: inout [Int64]) {
        for (field, value) in defaults where values[field] == CompiledProfile.unknown { values[field] = value }
    }

    // MARK: JSON lines

    /// Decodes `{"field": value, ...}`; false when the line needs the precise reader.
    package func decodeJSON(_ line: [UInt8], into values: inout [Int64]) -> Bool {
        reset(&values)
        var i = 0
        let n = line.count
        func skip() { while i < n, line[i] == 0x20 || line[i] == 0x09 { i += 1 } }
        func string() -> String? {
            guard i < n, line[i] == 0x22 else { return nil }
            let start = i + 1
            var j = start
            while j < n, line[j] != 0x22 {
                if line[j] == 0x5C { return nil }
                j += 1
            }
            guard j < n else { return nil }
            i = j + 1
            return String(decoding: line[start..<j], as: UTF8.self)
        }
        func word() -> ArraySlice<UInt8> {
            let start = i
            while i < n, line[i] != 0x2C, line[i] != 0x7D, line[i] != 0x20, line[i] != 0x5D { i += 1 }
            return line[start..<i]
        }
        skip()
        guard i < n, line[i] == 0x7B else { return false }
        i += 1
        skip()
        if i < n, line[i] == 0x7D { applyDefaults(&values); i += 1; skip(); return i == n }
        while true {
            skip()
            guard let name = string(), let slot = fields[name], values[slot.index] == CompiledProfile.unknown else { return false }
            skip()
            guard i < n, line[i] == 0x3A else { return false }
            i += 1
            skip()
            switch slot.kind {
            case .integer:
                guard let number = FieldCodec.integer(word()), slot.inRange(number) else { return false }
                values[slot.index] = number
            case .boolean:
                guard let flag = FieldCodec.boolean(word()) else { return false }
                values[slot.index] = flag ? 1 : 0
            case .enumeration(let map):
                guard let id = string(), let index = map[id] else { return false }
                values[slot.index] = index
            case .set(let map):
                guard i < n, line[i] == 0x5B else { return false }
                i += 1
                skip()
                var mask: UInt64 = 0
                if i < n, line[i] == 0x5D { i += 1 } else {
                    while true {
                        skip()
                        guard let id = string(), let bit = map[id], mask & (1 << UInt64(bit)) == 0 else { return false }
                        mask |= 1 << UInt64(bit)
                        skip()
                        guard i < n else { return false }
                        if line[i] == 0x2C { i += 1; continue }
                        if line[i] == 0x5D { i += 1; break }
                        return false
                    }
                }
                values[slot.index] = Int64(bitPattern: mask)
            }
            skip()
            guard i < n else { return false }
            if line[i] == 0x2C { i += 1; continue }
            if line[i] == 0x7D { i += 1; break }
            return false
        }
        skip()
        guard i == n else { return false }
        applyDefaults(&values)
        return true
    }

    // MARK: CSV

    /// Decodes one CSV row after `readHeader`; false when the row needs the precise reader.
    package func decodeCSV(_ line: [UInt8], into values: inout [Int64]) -> Bool {
        reset(&values)
        guard !line.contains(0x22) else { return false }
        var column = 0
        var start = 0
        var index = 0
        while index <= line.count {
            if index == line.count || line[index] == separator {
                guard column < columns.count, let slot = columns[column] else { return false }
                if !decodeCell(line[start..<index], slot, &values) { return false }
                column += 1
                start = index + 1
            }
            index += 1
        }
        guard column == columns.count else { return false }
        applyDefaults(&values)
        return true
    }

    private func decodeCell(_ cell: ArraySlice<UInt8>, _ slot: FieldCodec, _ values: inout [Int64]) -> Bool {
        if cell.isEmpty { return true }
        guard cell.first != 0x20, cell.last != 0x20 else { return false }
        switch slot.kind {
        case .integer:
            guard let number = FieldCodec.integer(cell), slot.inRange(number) else { return false }
            values[slot.index] = number
        case .boolean:
            guard let flag = FieldCodec.boolean(cell) else { return false }
            values[slot.index] = flag ? 1 : 0
        case .enumeration(let map):
            guard let index = map[String(decoding: cell, as: UTF8.self)] else { return false }
            values[slot.index] = index
        case .set(let map):
            var mask: UInt64 = 0
            if cell.elementsEqual(CorpusFormat.emptySet.utf8) {
                values[slot.index] = 0
                return true
            }
            for part in cell.split(separator: 0x7C, omittingEmptySubsequences: false) {
                guard let bit = map[String(decoding: part, as: UTF8.self)], mask & (1 << UInt64(bit)) == 0 else { return false }
                mask |= 1 << UInt64(bit)
            }
            values[slot.index] = Int64(bitPattern: mask)
        }
        return true
    }
}
