/// A data·inclusion export of structures and services, indexed for the steps of a
/// recommendation: a step's services are those whose thématiques or whose structure's réseaux
/// porteurs meet its catalogue entry's, in the person's département (or open to all of France),
/// at most `perStep`, in a stable order.
public struct ServiceDirectory: Sendable {
    /// One service with what matching reads.
    struct Entry: Sendable {
        let service: LocalService
        let thematiques: [String]
        let reseaux: [String]
        /// The département it is located in (INSEE: 35, 20 for Corsica, 974), if known.
        let department: Int?
        /// The départements its eligibility zone names, and whether it is open to all of France.
        let eligible: [Int]
        let national: Bool
    }

    /// At most this many services per step.
    public static let perStep = 3

    let entries: [Entry]
    /// Thématiques (`t:`) and réseaux (`r:`) as small integers.
    private let codes: [String: Int32]
    /// Per entry: its codes, and its place in the order of (name, id, file order).
    private let themeCodes: [[Int32]]
    private let reseauCodes: [[Int32]]
    private let order: [Int32]
    /// Per (code, place): entry indexes, in file order. Place: the département, 0 for all of France.
    private let index: [Int64: [Int32]]

    public var count: Int { entries.count }

    init(entries: [Entry]) {
        self.entries = entries
        var interner = Interner()
        themeCodes = entries.map { $0.thematiques.map { interner.code("t:" + $0) } }
        reseauCodes = entries.map { $0.reseaux.map { interner.code("r:" + $0) } }
        codes = interner.codes
        var order = [Int32](repeating: 0, count: entries.count)
        let sorted = entries.indices.sorted { (entries[$0].service.name, entries[$0].service.id, $0) < (entries[$1].service.name, entries[$1].service.id, $1) }
        for (rank, entry) in sorted.enumerated() { order[entry] = Int32(rank) }
        self.order = order
        var index: [Int64: [Int32]] = [:]
        for (position, entry) in entries.enumerated() {
            var places = Set(entry.eligible)
            if let department = entry.department { places.insert(department) }
            if entry.national { places.insert(0) }
            for place in places {
                for code in Set(themeCodes[position] + reseauCodes[position]) { index[Self.key(code, place), default: []].append(Int32(position)) }
            }
        }
        self.index = index
    }

    private static func key(_ code: Int32, _ place: Int) -> Int64 { Int64(code) << 20 | Int64(place) }

    /// The services for a catalogue entry's codes near a person of `department` (nil: only
    /// services open to all of France). Ranked: réseau and thématique both met, then réseau,
    /// then thématique; located in the département before eligible from elsewhere; then by
    /// name, id and file order.
    public func services(thematiques: [String], reseaux: [String], department: Int?) -> [LocalService] {
        let themes = thematiques.compactMap { codes["t:" + $0] }, networks = reseaux.compactMap { codes["r:" + $0] }
        guard !themes.isEmpty || !networks.isEmpty else { return [] }
        // The best few, kept sorted by (rank, order): no full sort of the candidates.
        var best: [(rank: Int, order: Int32, entry: Int32)] = []
        for place in [department ?? -1, 0] where place >= 0 {
            for code in themes + networks {
                for candidate in index[Self.key(code, place)] ?? [] {
                    let entry = Int(candidate)
                    let byReseau = reseauCodes[entry].contains { networks.contains($0) }
                    let byThematique = themeCodes[entry].contains { themes.contains($0) }
                    let located = department != nil && entries[entry].department == department
                    let rank = (byReseau && byThematique ? 0 : byReseau ? 2 : 4) + (located ? 0 : 1)
                    let item = (rank: rank, order: order[entry], entry: candidate)
                    if best.count == Self.perStep, let last = best.last, (last.rank, last.order) <= (rank, item.order) { continue }
                    if best.contains(where: { $0.entry == candidate }) { continue }
                    let at = best.firstIndex { ($0.rank, $0.order) > (rank, item.order) } ?? best.count
                    best.insert(item, at: at)
                    if best.count > Self.perStep { best.removeLast() }
                }
            }
        }
        return best.map { item in
            let found = entries[Int(item.entry)]
            let service = found.service
            return LocalService(id: service.id, source: service.source, name: service.name, structure: service.structure, address: service.address,
                                postcode: service.postcode, commune: service.commune, phone: service.phone, email: service.email, hours: service.hours,
                                inDepartment: department != nil && found.department == department)
        }
    }

    /// The recommendation with each step's services.
    public func attach(to recommendation: Recommendation, department: Int?) -> Recommendation {
        var result = recommendation
        for index in result.steps.indices {
            let step = result.steps[index]
            result.steps[index].services = services(thematiques: step.thematiques, reseaux: step.reseauxPorteurs, department: department)
        }
        return result
    }
}
