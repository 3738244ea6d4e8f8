/// A diagnosis turned into a profile through the rule set's mapping, with what could not be
/// used: codes the mapping does not know (reported, never guessed), themes not discussed,
/// fields two codes disagree on (left unknown, so the question is asked), repeated items.
public struct ImportResult: Sendable {
    /// An item that gave profile values.
    public struct Applied: Sendable {
        public let item: Diagnosis.Item
        /// The fields it set, by name.
        public let fields: [String]
    }

    /// A field two present codes give different values: left unknown.
    public struct Conflict: Sendable {
        public let field: String
        public let codes: [String]
    }

    public let format: DiagnosisFormat
    public let mappingLabel: String
    public let mappingFile: String
    public let profile: Profile
    public let applied: [Applied]
    /// Present items without a line in the mapping (or unknown to the reference lists).
    public let unmapped: [Diagnosis.Item]
    /// Themes of the mapping the diagnosis did not discuss (not discussed, or not listed): a
    /// barrier they stand for is counted absent, and should be checked with the person.
    public let unaddressed: [Diagnosis.Item]
    public let conflicts: [Conflict]
    /// Items given more than once (the first is kept; present wins).
    public let duplicates: [Diagnosis.Item]
}

/// Maps a diagnosis to a profile: the one home of what an imported code means.
package enum DiagnosisImport {
    /// A set field becomes known (possibly empty) once a theme standing for it was discussed,
    /// or a present item gives it members; a scalar field is given by the present items that
    /// agree on it. Items are read in the diagnosis's order.
    package static func apply(_ diagnosis: Diagnosis, mapping: ImportMapping, vocabulary: Vocabulary) -> ImportResult {
        // One item per (kind, theme, code): present wins over any other status.
        var items: [Diagnosis.Item] = []
        var duplicates: [Diagnosis.Item] = []
        for item in diagnosis.items {
            if let index = items.firstIndex(where: { $0.kind == item.kind && $0.code == item.code && $0.theme == item.theme }) {
                duplicates.append(item)
                if item.status == .present { items[index].status = .present }
            } else {
                items.append(item)
            }
        }
        var applied: [ImportResult.Applied] = []
        var unmapped: [Diagnosis.Item] = []
        var known: Set<Int> = []
        var members: [Int: UInt64] = [:]
        var scalars: [Int: [(value: Int, code: String)]] = [:]
        for item in items {
            let entry = mapping.entry(item.kind, code: item.code, theme: item.theme)
            if item.kind == .theme, item.status != .unaddressed, let entry {
                for (field, _) in entry.values where vocabulary.fields[field].kind.holdsMembers { known.insert(field) }
            }
            guard item.status == .present else { continue }
            guard let entry else {
                unmapped.append(item)
                continue
            }
            for (field, value) in entry.values {
                switch value {
                case .set(let mask):
                    known.insert(field)
                    members[field, default: 0] |= mask
                case .scalar(let number):
                    scalars[field, default: []].append((number, item.code))
                }
            }
            applied.append(ImportResult.Applied(item: item, fields: entry.values.map { vocabulary.fields[$0.field].name }))
        }
        var profile = Profile()
        for field in known.sorted() { profile[field] = .set(members[field] ?? 0) }
        var conflicts: [ImportResult.Conflict] = []
        for (field, given) in scalars.sorted(by: { $0.key < $1.key }) {
            if given.allSatisfy({ $0.value == given[0].value }) {
                profile[field] = .scalar(given[0].value)
            } else {
                conflicts.append(ImportResult.Conflict(field: vocabulary.fields[field].name, codes: given.map(\.code)))
            }
        }
        // Themes the mapping reads that the diagnosis left open.
        var unaddressed = items.filter { $0.kind == .theme && $0.status == .unaddressed && mapping.entry(.theme, code: $0.code, theme: nil) != nil }
        for entry in mapping.entries where entry.kind == .theme && !items.contains(where: { $0.kind == .theme && $0.code == entry.code }) {
            unaddressed.append(Diagnosis.Item(kind: .theme, code: entry.code, theme: nil, label: entry.label, status: .unaddressed, location: nil))
        }
        return ImportResult(format: diagnosis.format, mappingLabel: mapping.label, mappingFile: mapping.file, profile: profile, applied: applied,
                            unmapped: unmapped, unaddressed: unaddressed, conflicts: conflicts, duplicates: duplicates)
    }
}
