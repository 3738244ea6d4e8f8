import Bytes

/// Invents profiles over the vocabulary with plausible proportions, reproducibly from a seed.
/// The proportions are orders of magnitude for people supported towards work (documented in
/// docs/tour.md); they are not statistics of any real caseload. Fields the sampler does not know are
/// left unknown.
package struct ProfileSampler: Sendable {
    let vocabulary: Vocabulary
    private var random: RandomSource
    /// Every field the sampler writes, resolved against the vocabulary once.
    private let targets: Targets

    package init(vocabulary: Vocabulary, seed: UInt64) {
        self.vocabulary = vocabulary
        self.random = RandomSource(seed: seed)
        self.targets = Targets(vocabulary)
    }

    /// The next invented profile.
    package mutating func next() -> Profile {
        var slots = Array(repeating: CompiledProfile.unknown, count: vocabulary.fields.count)
        slots.withMutableView { next(into: $0) }
        var profile = Profile()
        for (field, value) in slots.enumerated() where value != CompiledProfile.unknown {
            profile[field] = vocabulary.fields[field].kind.value(slot: value)
        }
        return profile
    }

    /// The next invented profile, into slots as `CompiledProfile` keeps them (at least one per
    /// field, all unknown on entry). A value the vocabulary does not allow is left unknown.
    package mutating func next(into slots: MutableBufferView<Int64>) {
        let t = targets
        let age = random.pick(Self.ageBands).map { random.int(in: $0) } ?? 30
        t.age.set(integer: age, slots)
        t.gender.set(random.pickIndex(t.gender.weights), slots)
        t.territory.set(random.chance(0.04) ? 1 : 0, slots)
        t.qpvResident.set(flag: random.chance(0.15), slots)
        let registered = random.chance(0.85)
        t.registered.set(flag: registered, slots)
        let employment = random.pickIndex(t.employment.weights)
        t.employment.set(employment, slots)
        let months = random.pick(Self.monthBands).map { random.int(in: $0) } ?? 0
        t.monthsUnemployed.set(integer: employment == 0 ? months : 0, slots)
        // Registered people looking for work have been registered about as long as they have
        // been without work (no new draw: the other fields keep their sequence).
        if registered { t.monthsRegistered.set(integer: employment == 0 ? months : 0, slots) }
        t.rsa.set(flag: random.chance(age < 25 ? 0.05 : 0.22), slots)
        t.qualification.set(random.pickIndex(t.qualification.weights), slots)
        t.autonomy.set(integer: random.pick(Self.autonomyLevels) ?? 3, slots)
        var barriers: [Int] = []
        for (index, weight) in t.barriers.weights.enumerated() where random.chance(weight) { barriers.append(index) }
        t.barriers.set(members: barriers, slots)
        let licence = random.chance(age < 26 ? 0.40 : 0.60)
        t.licence.set(flag: licence, slots)
        t.vehicle.set(flag: random.chance(licence ? 0.70 : 0.05), slots)
        let children = age >= 45 ? (random.chance(0.03) ? 1 : 0) : random.pick(Self.childrenCounts) ?? 0
        t.children.set(integer: children, slots)
        t.singleParent.set(flag: random.chance(children > 0 ? 0.30 : 0.08), slots)
        let justice = random.pickIndex(t.justice.weights)
        t.justice.set(justice, slots)
        if justice == 1 { t.monthsToRelease.set(integer: random.int(in: 1...24), slots) }
        let french = random.pickIndex(t.french.weights)
        t.french.set(french, slots)
        t.refugee.set(flag: random.chance(french <= 2 ? 0.40 : 0.01), slots)
        t.disability.set(flag: random.chance(0.09), slots)
        let clca = children > 0 && random.chance(0.15)
        t.parentalLeave.set(clca ? 1 : 0, slots)
        t.parentalLeaveFinalYear.set(flag: clca && random.chance(0.35), slots)
        t.familyQuotient.set(integer: random.int(in: 300...2000), slots)
        var background: [Int] = []
        if !random.chance(0.10) {
            let first = random.int(in: 0...8), second = random.int(in: 0...8)
            background = first == second ? [first] : [min(first, second), max(first, second)]
        }
        t.sectorBackground.set(members: background, slots)
        t.project.set(random.pickIndex(t.project.weights), slots)
        t.businessIdea.set(flag: random.chance(0.07), slots)
        t.housingEmergency.set(flag: random.chance(barriers.contains(Self.housingBarrier) ? 0.20 : 0.01), slots)
        t.targetSector.set(random.chance(0.30) ? 9 : random.int(in: 0...8), slots)
        t.enrolledSchemes.set(members: [], slots)
    }

    private static let ageBands: [(ClosedRange<Int>, Double)] = [(16...25, 0.30), (26...49, 0.50), (50...64, 0.20)]
    private static let monthBands: [(ClosedRange<Int>, Double)] = [(0...5, 0.40), (6...11, 0.20), (12...23, 0.20), (24...60, 0.20)]
    private static let autonomyLevels: [(Int, Double)] = [(1, 0.10), (2, 0.20), (3, 0.35), (4, 0.25), (5, 0.10)]
    private static let childrenCounts: [(Int, Double)] = [(0, 0.70), (1, 0.20), (2, 0.08), (3, 0.02)]
    private static let sectors = ["agriculture", "construction", "retail", "care", "industry", "hospitality", "logistics", "office", "other"]
    /// The position of `housing` in the barriers' odds.
    private static let housingBarrier = 4

    /// One field the sampler writes: its slot and how its kind stores values (read once from
    /// the kind), and for ids the value each sampled id stands for (nil when the vocabulary
    /// does not have it).
    struct Target: Sendable {
        let slot: Int?
        let storage: ValueStorage?
        let weights: [Double]
        let resolved: [Int?]

        init(_ vocabulary: Vocabulary, _ name: String, _ choices: [(String, Double)] = []) {
            let field = vocabulary.fields.first { $0.name == name }
            slot = field?.index
            storage = field?.kind.storage
            weights = choices.map(\.1)
            resolved = choices.map { choice in field?.valueIndex(of: choice.0) }
        }

        func set(integer value: Int, _ slots: MutableBufferView<Int64>) {
            guard let slot, case .number(let min, let max)? = storage, Int64(value) >= min, Int64(value) <= max else { return }
            slots[slot] = Int64(value)
        }

        func set(flag: Bool, _ slots: MutableBufferView<Int64>) {
            guard let slot, case .flag? = storage else { return }
            slots[slot] = flag ? 1 : 0
        }

        /// The sampled id at `choice` (an enumeration).
        func set(_ choice: Int, _ slots: MutableBufferView<Int64>) {
            guard let slot, case .choice? = storage, let index = resolved[choice] else { return }
            slots[slot] = Int64(index)
        }

        /// The sampled ids at `choices` (a set); nothing when one is not in the vocabulary.
        func set(members choices: [Int], _ slots: MutableBufferView<Int64>) {
            guard let slot, case .members? = storage else { return }
            var mask: UInt64 = 0
            for choice in choices {
                guard let bit = resolved[choice] else { return }
                mask |= 1 << UInt64(bit)
            }
            slots[slot] = Int64(bitPattern: mask)
        }
    }

    /// Every field the sampler writes, with its odds (a class: shared, read in place).
    final class Targets: Sendable {
        let age, gender, territory, qpvResident, registered, employment, monthsUnemployed, monthsRegistered, rsa, qualification, autonomy: Target
        let barriers, licence, vehicle, children, singleParent, justice, monthsToRelease, french, refugee, disability: Target
        let parentalLeave, parentalLeaveFinalYear, familyQuotient, sectorBackground, project, businessIdea, housingEmergency: Target
        let targetSector, enrolledSchemes: Target

        init(_ v: Vocabulary) {
            age = Target(v, "age")
            gender = Target(v, "gender", [("female", 0.50), ("male", 0.48), ("unspecified", 0.02)])
            territory = Target(v, "territory", [("metropole", 0), ("outre_mer", 0)])
            qpvResident = Target(v, "qpv_resident")
            registered = Target(v, "registered_job_seeker")
            employment = Target(v, "employment", [("unemployed", 0.80), ("part_time", 0.15), ("full_time", 0.05)])
            monthsUnemployed = Target(v, "months_unemployed")
            monthsRegistered = Target(v, "months_registered")
            rsa = Target(v, "rsa_recipient")
            qualification = Target(v, "qualification", [("none", 0.20), ("cap_bep", 0.30), ("bac", 0.25), ("bac_plus_2", 0.15), ("higher", 0.10)])
            autonomy = Target(v, "autonomy")
            barriers = Target(v, "barriers", [("mobility", 0.30), ("childcare", 0.12), ("justice", 0.04), ("language", 0.08), ("housing", 0.15),
                                              ("health", 0.15), ("digital", 0.20), ("literacy", 0.07), ("finances", 0.25)])
            licence = Target(v, "driving_licence")
            vehicle = Target(v, "vehicle")
            children = Target(v, "children_under_6")
            singleParent = Target(v, "single_parent")
            justice = Target(v, "justice_status", [("none", 0.95), ("incarcerated", 0.01), ("sentence_adjustment", 0.01), ("probation", 0.02), ("released", 0.01)])
            monthsToRelease = Target(v, "months_to_release")
            french = Target(v, "french_level", [("none", 0.02), ("A1", 0.03), ("A2", 0.05), ("B1", 0.08), ("B2", 0.12), ("C1", 0.20), ("C2", 0.50)])
            refugee = Target(v, "refugee")
            disability = Target(v, "disability_recognised")
            parentalLeave = Target(v, "parental_leave", [("none", 0), ("clca", 0)])
            parentalLeaveFinalYear = Target(v, "parental_leave_final_year")
            familyQuotient = Target(v, "family_quotient")
            sectorBackground = Target(v, "sector_background", ProfileSampler.sectors.map { ($0, 0) })
            project = Target(v, "project", [("none", 0.35), ("emerging", 0.40), ("defined", 0.25)])
            businessIdea = Target(v, "business_idea")
            housingEmergency = Target(v, "housing_emergency")
            targetSector = Target(v, "target_sector", ProfileSampler.sectors.map { ($0, 0) } + [("undecided", 0)])
            enrolledSchemes = Target(v, "enrolled_schemes")
        }
    }
}
