/// Invents profiles over the vocabulary with plausible proportions, reproducibly from a seed.
/// The proportions are orders of magnitude for people supported towards work (documented in the
/// README); they are not statistics of any real caseload. Fields the sampler does not know are
/// left unknown.
package struct ProfileSampler: Sendable {
    let vocabulary: Vocabulary
    private var random: RandomSource

    package init(vocabulary: Vocabulary, seed: UInt64) {
        self.vocabulary = vocabulary
        self.random = RandomSource(seed: seed)
    }

    /// The next invented profile, as field name to value (ids for enumerations and sets).
    package mutating func next() -> Profile {
        var values: [String: SampledValue] = [:]
        let age = random.pick([(16...25, 0.30), (26...49, 0.50), (50...64, 0.20)]).map { random.int(in: $0) } ?? 30
        values["age"] = .int(age)
        values["gender"] = .id(random.pick([("female", 0.50), ("male", 0.48), ("unspecified", 0.02)]) ?? "female")
        values["territory"] = .id(random.chance(0.04) ? "outre_mer" : "metropole")
        values["qpv_resident"] = .bool(random.chance(0.15))
        values["registered_job_seeker"] = .bool(random.chance(0.85))
        let employment = random.pick([("unemployed", 0.80), ("part_time", 0.15), ("full_time", 0.05)]) ?? "unemployed"
        values["employment"] = .id(employment)
        let months = random.pick([(0...5, 0.40), (6...11, 0.20), (12...23, 0.20), (24...60, 0.20)]).map { random.int(in: $0) } ?? 0
        values["months_unemployed"] = .int(employment == "unemployed" ? months : 0)
        values["rsa_recipient"] = .bool(random.chance(age < 25 ? 0.05 : 0.22))
        values["qualification"] = .id(random.pick([("none", 0.20), ("cap_bep", 0.30), ("bac", 0.25), ("bac_plus_2", 0.15), ("higher", 0.10)]) ?? "none")
        values["autonomy"] = .int(random.pick([(1, 0.10), (2, 0.20), (3, 0.35), (4, 0.25), (5, 0.10)]) ?? 3)
        let barrierOdds: [(String, Double)] = [("mobility", 0.30), ("childcare", 0.12), ("justice", 0.04), ("language", 0.08), ("housing", 0.15),
                                               ("health", 0.15), ("digital", 0.20), ("literacy", 0.07), ("finances", 0.25)]
        values["barriers"] = .ids(barrierOdds.filter { random.chance($0.1) }.map(\.0))
        let licence = random.chance(age < 26 ? 0.40 : 0.60)
        values["driving_licence"] = .bool(licence)
        values["vehicle"] = .bool(random.chance(licence ? 0.70 : 0.05))
        let children = age >= 45 ? (random.chance(0.03) ? 1 : 0) : random.pick([(0, 0.70), (1, 0.20), (2, 0.08), (3, 0.02)]) ?? 0
        values["children_under_6"] = .int(children)
        values["single_parent"] = .bool(random.chance(children > 0 ? 0.30 : 0.08))
        let justice = random.pick([("none", 0.95), ("incarcerated", 0.01), ("sentence_adjustment", 0.01), ("probation", 0.02), ("released", 0.01)]) ?? "none"
        values["justice_status"] = .id(justice)
        if justice == "incarcerated" { values["months_to_release"] = .int(random.int(in: 1...24)) }
        let french = random.pick([("none", 0.02), ("A1", 0.03), ("A2", 0.05), ("B1", 0.08), ("B2", 0.12), ("C1", 0.20), ("C2", 0.50)]) ?? "C2"
        values["french_level"] = .id(french)
        values["refugee"] = .bool(random.chance(["none", "A1", "A2"].contains(french) ? 0.40 : 0.01))
        values["disability_recognised"] = .bool(random.chance(0.09))
        let clca = children > 0 && random.chance(0.15)
        values["parental_leave"] = .id(clca ? "clca" : "none")
        values["parental_leave_final_year"] = .bool(clca && random.chance(0.35))
        values["family_quotient"] = .int(random.int(in: 300...2000))
        let sectors = ["agriculture", "construction", "retail", "care", "industry", "hospitality", "logistics", "office", "other"]
        let background = random.chance(0.10) ? [] : [sectors[random.int(in: 0...8)], sectors[random.int(in: 0...8)]]
        values["sector_background"] = .ids(sectors.filter { background.contains($0) })
        values["project"] = .id(random.pick([("none", 0.35), ("emerging", 0.40), ("defined", 0.25)]) ?? "none")
        values["business_idea"] = .bool(random.chance(0.07))
        values["housing_emergency"] = .bool(random.chance((values["barriers"]?.contains("housing") ?? false) ? 0.20 : 0.01))
        values["target_sector"] = .id(random.chance(0.30) ? "undecided" : sectors[random.int(in: 0...8)])
        values["enrolled_schemes"] = .ids([])
        return profile(values)
    }

    private enum SampledValue {
        case int(Int), bool(Bool), id(String), ids([String])

        func contains(_ id: String) -> Bool {
            if case .ids(let ids) = self { return ids.contains(id) }
            return false
        }
    }

    /// Types the sampled values against the vocabulary; values it does not allow are left out.
    private func profile(_ values: [String: SampledValue]) -> Profile {
        var profile = Profile()
        for field in vocabulary.fields {
            guard let value = values[field.name] else { continue }
            switch (field.type, value) {
            case (.integer(let min, let max), .int(let number)) where (min...max).contains(number):
                profile[field.index] = .scalar(number)
            case (.boolean, .bool(let flag)):
                profile[field.index] = .scalar(flag ? 1 : 0)
            case (.enumeration, .id(let id)):
                if let index = field.valueIndex(of: id) { profile[field.index] = .scalar(index) }
            case (.set, .ids(let ids)):
                let indexes = ids.compactMap(field.valueIndex(of:))
                if indexes.count == ids.count { profile[field.index] = .set(indexes.reduce(UInt64(0)) { $0 | (1 << UInt64($1)) }) }
            default:
                break
            }
        }
        return profile
    }
}
