import YAML

/// One record of a corpus: its line number, and the typed profile or why it was refused.
package struct CorpusRecord: Sendable {
    package let line: Int
    /// The line as read, for examples in reports.
    package let text: String
    package let profile: Profile?
    package let diagnostics: [Diagnostic]

    package init(line: Int, text: String, profile: Profile?, diagnostics: [Diagnostic]) {
        self.line = line
        self.text = text
        self.profile = profile
        self.diagnostics = diagnostics
    }
}

/// The formats of a corpus file.
package enum CorpusFormat: String, Sendable {
    /// One JSON object per line (as `parcours sample` writes).
    case jsonLines = "jsonl"
    /// A header of field names, then one profile per row; set values separated by `|`, an
    /// empty set written `[]`, an empty cell for an unknown value. Cells are separated by `,`,
    /// or by `;` when the header uses it (French spreadsheets); a UTF-8 byte order mark and
    /// `\r\n` line ends are accepted.
    case csv

    /// How a CSV cell writes the empty set (an empty cell is an unknown value): `SetKind`'s.
    package static let emptySet = SetKind.emptyCell
    /// What separates the values of a set in a CSV cell: `SetKind`'s.
    package static let setSeparator = SetKind.cellSeparator

    /// The cell separator of a CSV file, read from its header: `;` when the header has a `;`
    /// and no `,` outside quotes (a French spreadsheet's export), `,` otherwise. Both readers
    /// take it from here.
    package static func separator(ofHeader line: [UInt8]) -> UInt8 {
        var quoted = false, commas = 0, semicolons = 0
        for byte in line {
            if byte == 0x22 { quoted.toggle() } else if !quoted && byte == 0x2C { commas += 1 } else if !quoted && byte == 0x3B { semicolons += 1 }
        }
        return semicolons > 0 && commas == 0 ? 0x3B : 0x2C
    }

    /// By the file's extension: `.csv` is CSV, anything else JSON lines.
    package init(path: String) {
        self = path.lowercased().hasSuffix(".csv") ? .csv : .jsonLines
    }
}

/// Types one corpus line precisely (JSON object, or CSV row after the header), with positioned
/// diagnostics for anything wrong.
package struct CorpusLineParser: Sendable {
    let path: String
    package let format: CorpusFormat
    let vocabulary: Vocabulary
    private var header: [(name: String, field: Field?)]?
    /// The CSV cell separator, read from the header.
    private var separator: Unicode.Scalar = ","

    package init(path: String, format: CorpusFormat, vocabulary: Vocabulary) {
        self.path = path
        self.format = format
        self.vocabulary = vocabulary
    }

    /// The CSV header named a column that is not a field: no row can be read.
    package private(set) var headerRefused = false

    /// True once a CSV header has been read (always true for JSON lines).
    package var ready: Bool { format == .jsonLines || header != nil }

    /// The record of one line; nil for a blank line or the CSV header (which it reads).
    package mutating func parse(_ given: [UInt8], line number: Int) -> CorpusRecord? {
        // A byte order mark before the first line (spreadsheets write one) is not content.
        let bytes = number == 1 ? YAMLParser.droppingByteOrderMark(given) : given
        let text = String(decoding: bytes, as: UTF8.self)
        if text.allSatisfy(\.isWhitespace) { return nil }
        if let mark = YAMLParser.firstInvalidUTF8(in: bytes) {
            return CorpusRecord(line: number, text: text, profile: nil,
                                diagnostics: [Diagnostic(.error, .yamlUTF8, at: SourceLocation(file: path, line: number, column: mark.column), Phrase("la ligne n'est pas en UTF-8 valide", en: "the line is not valid UTF-8"))])
        }
        switch format {
        case .jsonLines:
            return record(text, number, JSONParser.parse(Array(text.unicodeScalars), line: number))
        case .csv:
            guard let header else {
                separator = Unicode.Scalar(CorpusFormat.separator(ofHeader: bytes))
                let cells = CSVSplitter.cells(text, separator: separator)
                self.header = cells.map { cell in (cell.text, vocabulary.field(named: cell.text)) }
                // A column that is not a field would refuse every row: say it once, here.
                let unknown = cells.filter { vocabulary.field(named: $0.text) == nil }
                guard unknown.isEmpty else {
                    headerRefused = true
                    // The first ones described (with a suggestion each), the rest counted.
                    var diagnostics = unknown.prefix(Limits.diagnostics).map { cell in
                        Diagnostic(.error, .unknownField, at: SourceLocation(file: path, line: number, column: cell.column),
                                   Phrase("la colonne « \(Limits.quoted(cell.text)) » de l'en-tête CSV n'est pas un champ du profil ; aucune ligne n'a été lue", en: "column \"\(Limits.quoted(cell.text))\" of the CSV header is not a profile field; no row was read"),
                                   hint: vocabulary.suggestion(for: cell.text) ?? Phrase("nommez chaque colonne d'après un champ de profile.yaml", en: "name each column after a field of profile.yaml"))
                    }
                    if unknown.count > Limits.diagnostics {
                        diagnostics.append(.omitted(errors: unknown.count - Limits.diagnostics, warnings: 0,
                                                    at: SourceLocation(file: path, line: number, column: unknown[Limits.diagnostics].column)))
                    }
                    return CorpusRecord(line: number, text: text, profile: nil, diagnostics: diagnostics)
                }
                return nil
            }
            return record(text, number, csvRow(text, number, header: header))
        }
    }

    /// Types a record given as a mapping node (or refuses a parse error).
    private func record(_ text: String, _ number: Int, _ parsed: Result<Node, YAMLError>) -> CorpusRecord {
        var reader = NodeReader(file: path)
        func refuse() -> CorpusRecord { CorpusRecord(line: number, text: text, profile: nil, diagnostics: reader.diagnostics) }
        switch parsed {
        case .failure(let error):
            reader.report(error)
            return refuse()
        case .success(let node):
            guard let pairs = node.mapping else {
                reader.report(.typeMismatch, node, Phrase("objet de champs du profil attendu, trouvé : \(node.kind.fr)", en: "expected an object of profile fields, found \(node.kind.en)"))
                return refuse()
            }
            var profile = Profile()
            for pair in pairs {
                let name = pair.key.scalar?.text ?? ""
                guard let field = vocabulary.field(named: name) else {
                    reader.report(.unknownField, pair.key, .unknownProfileField(Limits.quoted(name)), hint: vocabulary.suggestion(for: name))
                    continue
                }
                if pair.value.isNull { continue }
                let before = reader.diagnostics.count
                if let value = ProfileLoader.value(pair.value, of: field, codec: vocabulary.codecs[field.index], reader: &reader) { profile[field.index] = value }
                for index in before..<reader.diagnostics.count { reader.diagnostics[index].field = field.name }
            }
            return reader.diagnostics.hasErrors ? refuse() : CorpusRecord(line: number, text: text, profile: profile, diagnostics: reader.diagnostics)
        }
    }

    private func csvRow(_ text: String, _ number: Int, header: [(name: String, field: Field?)]) -> Result<Node, YAMLError> {
        let cells = CSVSplitter.cells(text, separator: separator)
        if cells.count < header.count {
            let end = Mark(line: number, column: text.unicodeScalars.count + 1)
            let separators = separator == ";" ? "semicolons" : "commas"
            return .failure(.syntax(problem: "the row has \(cells.count) cells, the header \(header.count) (an empty cell means unknown: keep the \(separators))",
                                    mark: end, context: "CSV"))
        }
        var pairs: [Pair] = []
        for (index, cell) in cells.enumerated() {
            let mark = Mark(line: number, column: cell.column)
            guard index < header.count else {
                return .failure(.syntax(problem: "the row has \(cells.count) cells, the header only \(header.count) (a cell holding the separator goes between double quotes)",
                                        mark: mark, context: "CSV"))
            }
            let column = header[index]
            let key = Node(.scalar(Scalar(text: column.name, style: .plain)), mark: mark)
            let value: Node
            if cell.text.isEmpty {
                value = Node(.scalar(Scalar(text: "", style: .plain)), mark: mark)
            } else if let field = column.field {
                value = field.kind.cell(cell.text, at: mark)
            } else {
                value = Node(.scalar(Scalar(text: cell.text, style: .plain)), mark: mark)
            }
            pairs.append(Pair(key: key, value: value))
        }
        return .success(Node(.mapping(pairs), mark: Mark(line: number, column: 1)))
    }
}

/// Splits one CSV line into cells (RFC 4180 quoting, on one line), with their columns.
enum CSVSplitter {
    static func cells(_ line: String, separator: Unicode.Scalar) -> [(text: String, column: Int)] {
        var cells: [(text: String, column: Int)] = []
        var current = ""
        var start = 1
        var column = 1
        var quoted = false
        var scalars = Array(line.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    if let following = scalars.next() {
                        if following == "\"" { current.unicodeScalars.append("\""); column += 1 } else { quoted = false; pending = following }
                    } else {
                        quoted = false
                    }
                } else {
                    current.unicodeScalars.append(scalar)
                }
            } else if scalar == separator {
                cells.append((current, start))
                current = ""
                start = column + 1
            } else if scalar == "\"" && current.isEmpty {
                quoted = true
            } else {
                current.unicodeScalars.append(scalar)
            }
            column += 1
        }
        cells.append((current, start))
        return cells.map { ($0.text.trimmingSpaces, $0.column) }
    }
}
