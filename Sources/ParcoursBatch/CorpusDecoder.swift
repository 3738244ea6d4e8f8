import Bytes
import ParcoursEngine
import Platform
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

    /// The CSV header was refused: the corpus cannot be read (callers stop).
    package var headerRefused: Bool { parser.headerRefused }

    private var parser: CorpusLineParser
    private var fast: FastProfileDecoder
    private var fastCSV = true
    private let vocabulary: Vocabulary
    private let path: String

    package init(path: String, vocabulary: Vocabulary) {
        self.path = path
        parser = CorpusLineParser(path: path, format: CorpusFormat(path: path), vocabulary: vocabulary)
        fast = FastProfileDecoder(vocabulary: vocabulary)
        self.vocabulary = vocabulary
    }

    /// The record of a line skipped for being longer than `Limits.corpusLineBytes`.
    package func tooLong(line number: Int) -> CorpusRecord {
        CorpusRecord(line: number, text: "", profile: nil, diagnostics: [
            Diagnostic(.error, .tooLong, at: SourceLocation(file: path, line: number, column: 1),
                       Phrase("la ligne dépasse la limite de \(Limits.describe(bytes: Limits.corpusLineBytes, in: .fr)) ; ignorée", en: "the line is longer than the limit of \(Limits.describe(bytes: Limits.corpusLineBytes)); skipped"),
                       hint: Phrase("un profil par ligne ; ce fichier est-il bien un corpus ?", en: "one profile per line; is this file a corpus?")),
        ])
    }

    /// The record of the line where a NUL byte shows the input is not text.
    package func binary(line number: Int) -> CorpusRecord {
        CorpusRecord(line: number, text: "", profile: nil, diagnostics: [
            Diagnostic(.error, .yamlUTF8, at: SourceLocation(file: path, line: number, column: 1),
                       Phrase("le fichier n'est pas du texte (un octet NUL est sur cette ligne ou après) ; lecture arrêtée ici", en: "the file is not text (a NUL byte is on or after this line); reading stopped here"),
                       hint: Phrase("donnez un fichier JSON lines ou CSV", en: "give a JSON lines or CSV file")),
        ])
    }

    /// The record of the line where reading failed: the corpus was not read whole.
    package func readFailed(line number: Int, reason: String) -> CorpusRecord {
        CorpusRecord(line: number, text: "", profile: nil, diagnostics: [
            Diagnostic(.error, .unreadableFile, at: SourceLocation(file: path, line: number, column: 1),
                       Phrase("lecture interrompue (\(InputError.reason(reason).fr)) : le corpus n'est pas lu en entier, rien n'est lu à partir de cette ligne",
                              en: "reading failed (\(reason)): the corpus is not read whole, nothing is read from this line on"),
                       hint: Phrase("vérifiez le fichier ou le disque, puis relancez", en: "check the file or the disk, then run again")),
        ])
    }

    /// The record of a refused line (too long, not text, or unreadable).
    package func refusal(_ line: LineReader.Block.Item, number: Int) -> CorpusRecord {
        switch line {
        case .binary: return binary(line: number)
        case .readFailed(let reason): return readFailed(line: number, reason: reason)
        case .text, .tooLong: return tooLong(line: number)
        }
    }

    /// The number of slots `decode` fills.
    package var slotCount: Int { fast.slotCount }

    /// Decodes line `number`, read in place, into `values` (at least `slotCount` slots): the
    /// fast decoder first, the precise reader (which copies the line) when it gives up.
    package mutating func decode(_ line: UnsafeBufferPointer<UInt8>, line number: Int, into values: UnsafeMutableBufferPointer<Int64>) -> Line {
        if parser.format == .csv && !parser.ready || parser.headerRefused {
            var copy = Array(repeating: CompiledProfile.unknown, count: slotCount)
            let result = decode(Array(line), line: number, into: &copy)
            for i in 0..<slotCount { values[i] = copy[i] }
            return result
        }
        let decoded = parser.format == .jsonLines ? fast.decodeJSON(BufferView(line), into: MutableBufferView(values)) : (fastCSV && fast.decodeCSV(BufferView(line), into: MutableBufferView(values)))
        if decoded { return .profile }
        guard let record = parser.parse(Array(line), line: number) else { return .skipped }
        guard let profile = record.profile else { return .refused(record) }
        let slots = CompiledProfile(profile, vocabulary: vocabulary).values
        for i in 0..<slotCount { values[i] = slots[i] }
        return .profile
    }

    /// Decodes line `number` into `values` (one slot per field).
    package mutating func decode(_ bytes: [UInt8], line number: Int, into values: inout [Int64]) -> Line {
        if parser.format == .csv && !parser.ready {
            let refused = parser.parse(bytes, line: number)
            fastCSV = fast.readHeader(bytes)
            if let refused { return .refused(refused) }
            return .skipped
        }
        if parser.headerRefused { return .skipped }
        let decoded = parser.format == .jsonLines ? fast.decodeJSON(bytes, into: &values) : (fastCSV && fast.decodeCSV(bytes, into: &values))
        if decoded { return .profile }
        guard let record = parser.parse(bytes, line: number) else { return .skipped }
        guard let profile = record.profile else { return .refused(record) }
        values = CompiledProfile(profile, vocabulary: vocabulary).values
        return .profile
    }
}
