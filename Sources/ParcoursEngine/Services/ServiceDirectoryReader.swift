import Bytes

/// Reads a data·inclusion export (schema v1): a JSON array of records, JSON lines, or an object
/// `{"structures": [...], "services": [...]}`. A record with `structure_id` is a service, one
/// without is a structure. Only the keys a step shows or matching reads are decoded; the others
/// are passed over without building anything. A malformed record is reported with its line and
/// column and skipped, never silently (a key given twice, a text that is not valid UTF-8 or
/// holds a lone surrogate escape); a syntax error in a JSON array stops the reading there
/// (and says so), one in a JSON line skips that line.
public enum ServiceDirectoryReader {
    /// The largest export read (512 MiB: about 500,000 services).
    public static let byteLimit = 512 << 20
    /// Problems reported one by one before the rest are counted.
    public static let reportLimit = 100

    public static func load(path: String) -> (directory: ServiceDirectory?, diagnostics: [Diagnostic]) {
        do {
            let file = try SourceFile.load(path, limit: byteLimit)
            return read(file.bytes, path: path)
        } catch {
            return (nil, [Diagnostic(.error, .unreadableFile, at: SourceLocation(file: path, line: 1, column: 1), error.phrase)])
        }
    }

    public static func read(_ bytes: [UInt8], path: String) -> (directory: ServiceDirectory?, diagnostics: [Diagnostic]) {
        var parser = Parser(path: path)
        bytes.withView { parser.run($0) }
        return (parser.directory(), parser.finish())
    }

    /// The keys read from a record.
    enum Key: Int, CaseIterable {
        case id, source, structureID, nom, thematiques, reseaux, commune, codePostal, codeInsee, adresse, complement, telephone, courriel, horaires, zone

        static let names: [String: Key] = [
            "id": .id, "source": .source, "structure_id": .structureID, "nom": .nom, "thematiques": .thematiques, "reseaux_porteurs": .reseaux,
            "commune": .commune, "code_postal": .codePostal, "code_insee": .codeInsee, "adresse": .adresse, "complement_adresse": .complement,
            "telephone": .telephone, "courriel": .courriel, "horaires_accueil": .horaires, "zone_eligibilite": .zone,
        ]
        var isList: Bool { self == .thematiques || self == .reseaux || self == .zone }
    }

    /// One record's decoded keys and where it starts.
    struct Record {
        var texts = [String?](repeating: nil, count: Key.allCases.count)
        var lists = [[String]?](repeating: nil, count: Key.allCases.count)
        var offset = 0
        /// Why the record is refused though it reads as JSON (a key twice, invalid UTF-8).
        var problem: (offset: Int, message: Phrase, code: DiagnosticCode)?
        subscript(key: Key) -> String? { texts[key.rawValue] }
        func list(_ key: Key) -> [String] { lists[key.rawValue] ?? [] }
    }

    struct Failure: Error {
        let offset: Int
        let message: Phrase
    }

    struct Parser {
        let path: String
        var structures: [Record] = []
        var services: [Record] = []
        var diagnostics: [Diagnostic] = []
        var unreported = 0
        /// Line counting for positions: errors come in file order, so counting goes forward.
        var lineStart = 0, line = 1, counted = 0
        var bytes = BufferView<UInt8>()
        var i = 0
        /// The first text not in valid UTF-8 since the record being read began.
        var invalidUTF8: Int?

        init(path: String) { self.path = path }

        mutating func location(_ offset: Int) -> SourceLocation {
            if offset < counted { (lineStart, line, counted) = (0, 1, 0) }
            while counted < offset && counted < bytes.count {
                if bytes[counted] == 0x0A { line += 1; lineStart = counted + 1 }
                counted += 1
            }
            return SourceLocation(file: path, line: line, column: offset - lineStart + 1)
        }

        mutating func report(_ offset: Int, _ message: Phrase, _ code: DiagnosticCode = .typeMismatch) {
            guard diagnostics.count < ServiceDirectoryReader.reportLimit else { unreported += 1; return }
            diagnostics.append(Diagnostic(.error, code, at: location(offset), message))
        }

        mutating func run(_ input: BufferView<UInt8>) {
            bytes = input
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
            skipSpace()
            guard i < bytes.count else {
                report(0, Phrase("l'export de services est vide", en: "the services export is empty"), .missingKey)
                return
            }
            if bytes[i] == 0x5B {
                do throws(Failure) {
                    try records(kind: nil)
                    skipSpace()
                    if i < bytes.count { throw Failure(offset: i, message: Phrase("texte inattendu après le tableau JSON", en: "unexpected text after the JSON array")) }
                } catch {
                    report(error.offset, Phrase("JSON : \(error.message.fr) ; lecture arrêtée ici", en: "JSON: \(error.message.en); reading stopped here"), .yamlSyntax)
                }
                return
            }
            // JSON lines, or one object holding `structures` and `services`.
            while true {
                skipSpace()
                guard i < bytes.count else { return }
                let start = i
                do throws(Failure) {
                    try topObject()
                } catch {
                    report(error.offset, Phrase("JSON : \(error.message.fr) ; enregistrement ignoré", en: "JSON: \(error.message.en); record skipped"), .yamlSyntax)
                    i = max(i, start + 1)
                    while i < bytes.count, bytes[i] != 0x0A { i += 1 }
                }
            }
        }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
            skipSpace()
            guard i < bytes.count, bytes[i] == byte else { throw Failure(offset: i, message: Phrase("« \(what) » attendu", en: "expected \"\(what)\"")) }
            i += 1
        }

        /// `[` record, record... `]`; each record is a structure or service by `kind`, or by its keys.
        mutating func records(kind: Bool?) throws(Failure) {
            try expect(0x5B, "[")
            skipSpace()
            if i < bytes.count, bytes[i] == 0x5D { i += 1; return }
            while true {
                skipSpace()
                let start = i
                guard i < bytes.count, bytes[i] == 0x7B else { throw Failure(offset: i, message: Phrase("un objet (structure ou service) attendu", en: "expected an object (structure or service)")) }
                var record = Record()
                record.offset = start
                try object(into: &record, depth: 1, top: false)
                add(record, kind: kind)
                skipSpace()
                guard i < bytes.count else { throw Failure(offset: i, message: Phrase("« ] » attendu", en: "expected \"]\"")) }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x5D { i += 1; return }
                throw Failure(offset: i, message: Phrase("« , » ou « ] » attendu", en: "expected \",\" or \"]\""))
            }
        }

        /// A top-level object: a container (`structures`, `services`) or one record.
        mutating func topObject() throws(Failure) {
            var record = Record()
            record.offset = i
            guard i < bytes.count, bytes[i] == 0x7B else { throw Failure(offset: i, message: Phrase("un objet JSON attendu", en: "expected a JSON object")) }
            let container = try object(into: &record, depth: 1, top: true)
            if !container { add(record, kind: nil) }
        }

        /// Reads an object's keys into `record`; true when it held `structures` or `services` (top only).
        @discardableResult
        mutating func object(into record: inout Record, depth: Int, top: Bool) throws(Failure) -> Bool {
            try expect(0x7B, "{")
            var container = false
            // A record's keys, to refuse one given twice (which value would count?).
            var seen = Set<String>()
            let outer = invalidUTF8
            invalidUTF8 = nil
            defer {
                if record.problem == nil, let offset = invalidUTF8 {
                    record.problem = (offset, Phrase("texte qui n'est pas en UTF-8 valide : enregistrement ignoré", en: "text not in valid UTF-8: record skipped"), .yamlUTF8)
                }
                invalidUTF8 = outer ?? invalidUTF8
            }
            skipSpace()
            if i < bytes.count, bytes[i] == 0x7D { i += 1; return false }
            while true {
                skipSpace()
                let keyOffset = i
                let name = try string()
                if !seen.insert(name).inserted, record.problem == nil {
                    record.problem = (keyOffset, Phrase("clé « \(Limits.quoted(name)) » en double : enregistrement ignoré", en: "key \"\(Limits.quoted(name))\" given twice: record skipped"), .duplicateKey)
                }
                try expect(0x3A, ":")
                skipSpace()
                if top, name == "structures" || name == "services", i < bytes.count, bytes[i] == 0x5B {
                    container = true
                    try records(kind: name == "services")
                } else if let key = Key.names[name] {
                    let at = i
                    if key.isList {
                        if i < bytes.count, bytes[i] == 0x5B { record.lists[key.rawValue] = try strings() } else { try skip(depth: depth); wrongType(at, name, list: true) }
                    } else if i < bytes.count, bytes[i] == 0x22 {
                        record.texts[key.rawValue] = try string()
                    } else if i < bytes.count, bytes[i] == 0x6E {
                        try skip(depth: depth)  // null: not given
                    } else {
                        try skip(depth: depth)
                        wrongType(at, name, list: false)
                    }
                } else {
                    try skip(depth: depth)
                }
                skipSpace()
                guard i < bytes.count else { throw Failure(offset: i, message: Phrase("« } » attendu", en: "expected \"}\"")) }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x7D { i += 1; return container }
                throw Failure(offset: i, message: Phrase("« , » ou « } » attendu", en: "expected \",\" or \"}\""))
            }
        }

        mutating func wrongType(_ offset: Int, _ name: String, list: Bool) {
            report(offset, Phrase("\(name) attend \(list ? "une liste de textes" : "un texte") ; valeur ignorée", en: "\(name) expects \(list ? "a list of texts" : "a text"); value ignored"))
        }

        mutating func strings() throws(Failure) -> [String] {
            try expect(0x5B, "[")
            var result: [String] = []
            skipSpace()
            if i < bytes.count, bytes[i] == 0x5D { i += 1; return result }
            while true {
                skipSpace()
                result.append(try string())
                skipSpace()
                guard i < bytes.count else { throw Failure(offset: i, message: Phrase("« ] » attendu", en: "expected \"]\"")) }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x5D { i += 1; return result }
                throw Failure(offset: i, message: Phrase("« , » ou « ] » attendu", en: "expected \",\" or \"]\""))
            }
        }

        /// A JSON string, read by `JSONStringScanner` (RFC 8259). Invalid UTF-8 in it is noted
        /// in `invalidUTF8` (the record holding it is refused; the text read goes on).
        mutating func string() throws(Failure) -> String {
            guard i < bytes.count, bytes[i] == 0x22 else { throw Failure(offset: i, message: Phrase("un texte entre guillemets attendu", en: "expected a quoted text")) }
            do throws(JSONStringScanner.Failure) {
                let (text, next) = try JSONStringScanner.scan(bytes, quote: i)
                if invalidUTF8 == nil, let bad = Self.firstInvalidUTF8(bytes.rebased((i + 1)..<(next - 1))) { invalidUTF8 = i + 1 + bad }
                i = next
                return text
            } catch {
                throw Failure(offset: error.offset, message: error.problem.phrase)
            }
        }

        /// The offset of the first byte that is not valid UTF-8, nil when all are (ASCII checked
        /// first, the common case).
        static func firstInvalidUTF8(_ bytes: BufferView<UInt8>) -> Int? {
            guard let first = bytes.firstIndex(where: { $0 >= 0x80 }) else { return nil }
            var iterator = bytes[first...].makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            var offset = first
            while true {
                switch parser.parseScalar(from: &iterator) {
                case .valid(let scalar): offset += scalar.count
                case .emptyInput: return nil
                case .error: return offset
                }
            }
        }

        /// Passes over one value (nesting bounded by the YAML reader's depth limit).
        mutating func skip(depth: Int) throws(Failure) {
            skipSpace()
            guard i < bytes.count else { throw Failure(offset: i, message: Phrase("valeur attendue", en: "expected a value")) }
            switch bytes[i] {
            case 0x22: _ = try string()
            case 0x7B, 0x5B:
                guard depth < 64 else { throw Failure(offset: i, message: Phrase("imbrication au-delà de 64 niveaux", en: "nesting deeper than 64 levels")) }
                let close: UInt8 = bytes[i] == 0x7B ? 0x7D : 0x5D
                let isObject = bytes[i] == 0x7B
                i += 1
                skipSpace()
                if i < bytes.count, bytes[i] == close { i += 1; return }
                while true {
                    skipSpace()
                    if isObject {
                        _ = try string()
                        try expect(0x3A, ":")
                    }
                    try skip(depth: depth + 1)
                    skipSpace()
                    guard i < bytes.count else { throw Failure(offset: i, message: Phrase("fin de fichier dans une valeur", en: "end of file inside a value")) }
                    if bytes[i] == 0x2C { i += 1; continue }
                    if bytes[i] == close { i += 1; return }
                    throw Failure(offset: i, message: Phrase("« , » attendu", en: "expected \",\""))
                }
            default:
                // Numbers, true, false, null.
                let start = i
                while i < bytes.count, !(bytes[i] == 0x2C || bytes[i] == 0x7D || bytes[i] == 0x5D || bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09) { i += 1 }
                let word = bytes.rebased(start..<i)
                guard !word.isEmpty else { throw Failure(offset: start, message: Phrase("valeur attendue", en: "expected a value")) }
                let literal = word.elementsEqual("true".utf8) || word.elementsEqual("false".utf8) || word.elementsEqual("null".utf8)
                let number = !word.isEmpty && word.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2B || $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }
                guard literal || number else { throw Failure(offset: start, message: Phrase("valeur JSON inconnue", en: "unknown JSON value")) }
            }
        }

        mutating func add(_ record: Record, kind: Bool?) {
            if let problem = record.problem {
                report(problem.offset, problem.message, problem.code)
                return
            }
            let isService = kind ?? (record[.structureID] != nil)
            guard let id = record[.id], !id.isEmpty else {
                report(record.offset, Phrase("\(isService ? "service" : "structure") sans id : ignoré", en: "\(isService ? "service" : "structure") without an id: skipped"), .missingKey)
                return
            }
            guard record[.nom].map({ !$0.isEmpty }) == true else {
                report(record.offset, Phrase("« \(Limits.quoted(id)) » n'a pas de nom : ignoré", en: "\"\(Limits.quoted(id))\" has no nom: skipped"), .missingKey)
                return
            }
            if isService { services.append(record) } else { structures.append(record) }
        }

        func directory() -> ServiceDirectory {
            var byID: [String: Int] = [:]
            for (index, structure) in structures.enumerated() {
                let key = (structure[.source] ?? "") + "\u{1F}" + (structure[.id] ?? "")
                if byID[key] == nil { byID[key] = index }
            }
            let entries = services.map { service -> ServiceDirectory.Entry in
                let structure = service[.structureID].flatMap { id in byID[(service[.source] ?? "") + "\u{1F}" + id] }.map { structures[$0] }
                func either(_ key: Key) -> String? { service[key] ?? structure?[key] }
                let address = [either(.adresse), either(.complement)].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
                let zone = service.list(.zone)
                let department = (either(.codeInsee)).flatMap(DepartmentKind.department(ofCode:)) ?? either(.codePostal).flatMap(DepartmentKind.department(ofCode:))
                let local = LocalService(id: service[.id] ?? "", source: service[.source], name: service[.nom] ?? "", structure: structure?[.nom],
                                         address: address.isEmpty ? nil : address, postcode: either(.codePostal), commune: either(.commune),
                                         phone: either(.telephone), email: either(.courriel), hours: either(.horaires), inDepartment: false)
                return ServiceDirectory.Entry(service: local, thematiques: service.list(.thematiques), reseaux: structure?.list(.reseaux) ?? service.list(.reseaux),
                                              department: department, eligible: zone.compactMap(DepartmentKind.department(ofZone:)),
                                              national: zone.contains("france") || zone.contains("99100"))
            }
            return ServiceDirectory(entries: entries)
        }

        func finish() -> [Diagnostic] {
            guard unreported > 0, let last = diagnostics.last else { return diagnostics }
            return diagnostics + [Diagnostic(.error, last.code, at: last.location, Phrase(unreported == 1 ? "… et 1 autre problème" : "… et \(unreported) autres problèmes",
                                                                                         en: unreported == 1 ? "… and 1 more problem" : "… and \(unreported) more problems"))]
        }
    }
}
