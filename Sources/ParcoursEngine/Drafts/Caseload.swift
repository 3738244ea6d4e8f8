import Bytes

/// The reference profiles a draft's impact is measured on: invented profiles sampled with a
/// fixed seed (`parcours sample`), or a file the server was started with (JSON lines or CSV,
/// for example an anonymised export). Held in memory as compiled slots, typed by the vocabulary
/// in force when it was made; nothing of it is ever written or logged.
public final class Caseload: Sendable {
    /// Where the profiles come from.
    public enum Origin: Sendable, Equatable {
        /// `count` invented profiles from `seed`.
        case sample(count: Int, seed: UInt64)
        /// The profiles of a file (its name only is said).
        case file(String)
    }

    public let origin: Origin
    /// The vocabulary the slots are typed by.
    let vocabulary: Vocabulary
    /// `count` profiles of `stride` slots each, defaults applied.
    let slots: [Int64]
    let stride: Int
    public let count: Int

    /// The most profiles a caseload holds (a larger file is cut, and says so).
    public static let maxProfiles = 200_000
    /// The sample's size and seed when the server is given no file.
    public static let defaultSample = 20_000
    public static let defaultSeed: UInt64 = 1

    private init(origin: Origin, vocabulary: Vocabulary, slots: [Int64], count: Int) {
        self.origin = origin
        self.vocabulary = vocabulary
        self.slots = slots
        self.stride = max(vocabulary.fields.count, 1)
        self.count = count
    }

    /// `count` invented profiles from `seed`, the same ones `parcours sample` writes.
    public static func sample(vocabulary: Vocabulary, count: Int = defaultSample, seed: UInt64 = defaultSeed) -> Caseload {
        let count = min(max(count, 0), maxProfiles)
        var sampler = ProfileSampler(vocabulary: vocabulary, seed: seed)
        var slots: [Int64] = []
        slots.reserveCapacity(count * max(vocabulary.fields.count, 1))
        for _ in 0..<count { slots += CompiledProfile(sampler.next(), vocabulary: vocabulary).values.padded(to: max(vocabulary.fields.count, 1)) }
        return Caseload(origin: .sample(count: count, seed: seed), vocabulary: vocabulary, slots: slots, count: count)
    }

    /// The profiles of a corpus file (JSON lines, or CSV with a header, as `batch` reads).
    /// - Throws: `invalid-profile` with the first refused lines' diagnostics: a reference
    ///   caseload is read whole or not at all.
    public static func read(_ file: SourceFile, vocabulary: Vocabulary) throws(ParcoursError) -> Caseload {
        var parser = CorpusLineParser(path: file.path, format: CorpusFormat(path: file.path), vocabulary: vocabulary)
        var slots: [Int64] = []
        var count = 0
        var diagnostics: [Diagnostic] = []
        for (index, line) in file.bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where count < maxProfiles {
            var bytes = Array(line)
            if bytes.last == 0x0D { bytes.removeLast() }
            guard let record = parser.parse(bytes, line: index + 1) else { continue }
            guard let profile = record.profile else {
                diagnostics += record.diagnostics
                if diagnostics.count >= Limits.diagnostics || parser.headerRefused { break }
                continue
            }
            slots += CompiledProfile(profile, vocabulary: vocabulary).values.padded(to: max(vocabulary.fields.count, 1))
            count += 1
        }
        guard diagnostics.isEmpty else { throw .profile(diagnostics) }
        let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
        return Caseload(origin: .file(name), vocabulary: vocabulary, slots: slots, count: count)
    }

    /// The slots of every profile typed by `other` (`stride` = its field count), and which
    /// profiles `other` cannot read (a value it no longer has): nil when it reads them alike.
    func slots(for other: Vocabulary) -> (slots: [Int64], refused: [Bool])? {
        guard !Self.sameShape(vocabulary, other) else { return nil }
        let encoder = ProfileEncoder(vocabulary: vocabulary, format: .jsonl)
        var parser = CorpusLineParser(path: "caseload", format: .jsonLines, vocabulary: other)
        let width = max(other.fields.count, 1)
        var result: [Int64] = []
        var refused: [Bool] = []
        result.reserveCapacity(count * width)
        let buffer = ByteBuffer(capacity: 1 << 12)
        for index in 0..<count {
            buffer.removeAll()
            slots.withView { all in encoder.write(all.rebased(index * stride..<(index + 1) * stride), into: buffer) }
            var line = buffer.array
            while line.last == 0x0A { line.removeLast() }
            let profile = parser.parse(line, line: index + 1)?.profile
            result += profile.map { CompiledProfile($0, vocabulary: other).values.padded(to: width) } ?? Array(repeating: CompiledProfile.unknown, count: width)
            refused.append(profile == nil)
        }
        return (result, refused)
    }

    /// Whether two vocabularies read a profile into the same slots.
    static func sameShape(_ a: Vocabulary, _ b: Vocabulary) -> Bool {
        let shape = { (vocabulary: Vocabulary) in vocabulary.fields.map { "\($0.name):\($0.type.keyword):\($0.values.map(\.id))" } }
        return shape(a) == shape(b)
    }

    /// Profile `index` (from 0), field by field in vocabulary order: its label and value in words.
    public func fields(of index: Int, language: Language = .fr) -> [(field: String, label: String, value: String)] {
        guard index >= 0, index < count else { return [] }
        return vocabulary.fields.compactMap { field in
            let slot = slots[index * stride + field.index]
            guard slot != CompiledProfile.unknown, let text = field.kind.text(field.kind.value(slot: slot), language: language, empty: "aucun") else { return nil }
            return (field.name, field.label, text)
        }
    }

    /// Profile `index` as the vocabulary it was typed by reads it.
    func profile(_ index: Int) -> Profile { Profile(slots: slots, at: index * stride, vocabulary: vocabulary) }
}

extension Profile {
    /// The profile whose slots start at `offset`, one per field of `vocabulary`.
    init(slots: [Int64], at offset: Int, vocabulary: Vocabulary) {
        self.init()
        for field in vocabulary.fields where offset + field.index < slots.count {
            let slot = slots[offset + field.index]
            if slot != CompiledProfile.unknown { self[field.index] = field.kind.value(slot: slot) }
        }
    }
}

extension Array where Element == Int64 {
    /// At least `count` slots, the missing ones unknown.
    func padded(to count: Int) -> [Int64] {
        self.count >= count ? self : self + Array(repeating: CompiledProfile.unknown, count: count - self.count)
    }
}
