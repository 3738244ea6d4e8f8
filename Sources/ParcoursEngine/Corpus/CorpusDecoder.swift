/// Turns corpus lines into profile slots: the fast decoder for well-formed lines, the precise
/// reader for everything else (so that a bad record is explained). Reads the CSV header itself.
package struct CorpusDecoder: Sendable {
    /// What one line gave.
    package enum Line {
        /// A profile, in `values`.
        case profile
        /// A record refused, with its diagnostics.
        case refused(CorpusRecord)
        /// A blank line, or the CSV header.
        case skipped
    }

    private var parser: CorpusLineParser
    private var fast: FastProfileDecoder
    private var fastCSV = true
    private let vocabulary: Vocabulary

    package init(path: String, vocabulary: Vocabulary) {
        parser = CorpusLineParser(path: path, format: CorpusFormat(path: path), vocabulary: vocabulary)
        fast = FastProfileDecoder(vocabulary: vocabulary)
        self.vocabulary = vocabulary
    }

    /// Decodes line `number` into `values` (one slot per field).
    package mutating func decode(_ bytes: [UInt8], line number: Int, into values: inout [Int64]) -> Line {
        if parser.format == .csv && !parser.ready {
            _ = parser.parse(bytes, line: number)
            fastCSV = fast.readHeader(bytes)
            return .skipped
        }
        let decoded = parser.format == .jsonLines ? fast.decodeJSON(bytes, into: &values) : (fastCSV && fast.decodeCSV(bytes, into: &values))
        if decoded { return .profile }
        guard let record = parser.parse(bytes, line: number) else { return .skipped }
        guard let profile = record.profile else { return .refused(record) }
        values = CompiledProfile(profile, vocabulary: vocabulary).values
        return .profile
    }
}
