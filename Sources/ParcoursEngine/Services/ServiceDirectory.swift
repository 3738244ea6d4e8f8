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
    /// Per key (`t:` thématique or `r:` réseau, then `@` and a département or `fr`): entry indexes, in file order.
    let index: [String: [Int32]]

    public var count: Int { entries.count }

    init(entries: [Entry]) {
        self.entries = entries
        var index: [String: [Int32]] = [:]
        for (position, entry) in entries.enumerated() {
            var places = Set(entry.eligible.map { "@\($0)" })
            if let department = entry.department { places.insert("@\(department)") }
            if entry.national { places.insert("@fr") }
            for place in places.sorted() {
                for thematique in Set(entry.thematiques).sorted() { index["t:" + thematique + place, default: []].append(Int32(position)) }
                for reseau in Set(entry.reseaux).sorted() { index["r:" + reseau + place, default: []].append(Int32(position)) }
            }
        }
        self.index = index
    }

    /// The services for a catalogue entry's codes near a person of `department` (nil: only
    /// services open to all of France). Ranked: réseau and thématique both met, then réseau,
    /// then thématique; located in the département before eligible from elsewhere; then by
    /// name, id and file order.
    public func services(thematiques: [String], reseaux: [String], department: Int?) -> [LocalService] {
        let places = (department.map { ["@\($0)"] } ?? []) + ["@fr"]
        var candidates: [Int32] = []
        for place in places {
            for thematique in thematiques { candidates += index["t:" + thematique + place] ?? [] }
            for reseau in reseaux { candidates += index["r:" + reseau + place] ?? [] }
        }
        guard !candidates.isEmpty else { return [] }
        candidates.sort()
        var best: [(rank: Int, entry: Int)] = []
        var previous: Int32 = -1
        for candidate in candidates where candidate != previous {
            previous = candidate
            let entry = entries[Int(candidate)]
            let byReseau = entry.reseaux.contains { reseaux.contains($0) }
            let byThematique = entry.thematiques.contains { thematiques.contains($0) }
            let located = department != nil && entry.department == department
            let rank = (byReseau && byThematique ? 0 : byReseau ? 2 : 4) + (located ? 0 : 1)
            best.append((rank, Int(candidate)))
        }
        best.sort { a, b in
            let x = entries[a.entry].service, y = entries[b.entry].service
            return (a.rank, x.name, x.id, a.entry) < (b.rank, y.name, y.id, b.entry)
        }
        return best.prefix(Self.perStep).map { entry in
            let found = entries[entry.entry]
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

    /// The INSEE département of a commune or postal code (`35238` → 35, `2A004` → 20, `97411` → 974).
    static func department(ofCode code: String) -> Int? {
        let characters = Array(code.utf8)
        guard characters.count >= 2 else { return nil }
        if characters[0] == 0x32, characters[1] == 0x41 || characters[1] == 0x42 || characters[1] == 0x61 || characters[1] == 0x62 { return 20 }
        guard characters.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if characters[0] == 0x39, characters[1] == 0x37, characters.count >= 3 { return Int(String(decoding: characters[0..<3], as: UTF8.self)) }
        return Int(String(decoding: characters[0..<2], as: UTF8.self))
    }

    /// A zone code as a département: a département (`35`, `2A`, `974`) or a commune (`35238`).
    static func department(ofZone code: String) -> Int? {
        if code.utf8.count <= 3, let number = Int(code), (1...976).contains(number) { return number }
        if code == "2A" || code == "2B" { return 20 }
        return code.utf8.count == 5 ? department(ofCode: code) : nil
    }
}
