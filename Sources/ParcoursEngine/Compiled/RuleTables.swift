import Bytes

/// Rules matched a field at a time, like a compiled decision table: for each field, a table
/// maps the profile's value to the bit set of rules whose condition on that field holds; a
/// profile's matching rules are the AND of its fields' bit sets. A rule whose condition is not a
/// conjunction of single-field parts (an `any` across fields) is tabled as its disjunctive form
/// when that is short (`folds`), else its other parts are left to `MatchProgram` (`residuals`).
struct RuleTables: Sendable {
    /// The tables of one field, as offsets into the shared arrays (plain data: no reference
    /// counting when read). Rows are given as offsets into `masks` (row times `words`).
    struct Header: Sendable {
        var slot: Int32
        /// Values from `low` to `low + span` are read through `direct` (from `directOffset`:
        /// the value's row, for a scalar by its segment, for a set by its combination); any
        /// other value, unknown included, is read through `unknownRow`.
        var low: Int64
        var span: UInt64
        /// The row for an unknown value: the rules that do not read this field.
        var unknownRow: Int32
        var directOffset: Int32
        /// A domain too wide for `direct` (over 4,096 values) is `searched`: its segments'
        /// starts, from `startsOffset` (`startsCount` of them), are searched; their rows
        /// follow one another from `firstRow`.
        var startsOffset: Int32
        var startsCount: Int32
        var firstRow: Int32
        var searched: Bool
    }

    /// Words per bit set (and per row of `masks`).
    let words: Int
    private(set) var headers: [Header] = []
    /// Rule bit sets, `words` per row.
    private(set) var masks: [UInt64] = []
    /// Per field with a direct table, the row offset of each value of its domain.
    private(set) var direct: [Int32] = []
    private(set) var starts: [Int64] = []
    /// How many bits a profile's bit set has: one per rule, then the extra disjuncts'.
    let bitCount: Int
    /// Every bit: a rule's bit survives the tables when its single-field parts hold.
    let handled: [UInt64]
    /// A rule whose condition is an `any` across fields (in negation normal form) is tabled as
    /// a few conjunctions (its disjunctive form, when short): the first on the rule's own bit,
    /// each other on an extra bit past the rules', folded into the rule's after the tables (the
    /// rule holds when one of them does; exact, as "holds" distributes over `all` and `any`).
    /// The extra bits follow one another from `extrasStart`: `folds[k].bit` is `extrasStart + k`.
    let folds: [(rule: Int32, bit: Int32)]
    let extrasStart: Int
    /// Rules with parts the tables cannot hold (a long disjunctive form), with those parts, in
    /// negation normal form: such a rule holds when its bit survives the tables and the rest
    /// holds too (`MatchProgram` asks, only then).
    let residuals: [(rule: Int, condition: CoreCondition)]

    /// At most this many conjunctions per rule in its disjunctive form (else a residual).
    static let disjunctLimit = 8

    init(rules: [CoreCondition], vocabulary: Vocabulary) {
        var parts: [Int: [(rule: Int, condition: CoreCondition)]] = [:]
        var residuals: [(rule: Int, condition: CoreCondition)] = []
        var folds: [(rule: Int32, bit: Int32)] = []
        var bitCount = rules.count
        func table(_ bit: Int, _ byField: [Int: CoreCondition]) {
            for (field, part) in byField { parts[field, default: []].append((bit, part)) }
        }
        for (rule, condition) in rules.enumerated() {
            let normal = condition.normalForm(vocabulary)
            let (byField, rest) = Self.partition(normal, vocabulary)
            guard let rest else {
                table(rule, byField)
                continue
            }
            let conjunctions = Self.disjuncts(normal, vocabulary).map { $0.map { Self.partition(.all($0), vocabulary) } }
            guard let conjunctions, !conjunctions.isEmpty, conjunctions.allSatisfy({ $0.rest == nil }),
                  bitCount + conjunctions.count - 1 <= 2 * rules.count else {
                table(rule, byField)
                residuals.append((rule, rest))
                continue
            }
            table(rule, conjunctions[0].byField)
            for conjunction in conjunctions.dropFirst() {
                table(bitCount, conjunction.byField)
                folds.append((Int32(rule), Int32(bitCount)))
                bitCount += 1
            }
        }
        let words = max(1, (bitCount + 63) / 64)
        self.words = words
        self.bitCount = bitCount
        var handled = [UInt64](repeating: 0, count: words)
        for bit in 0..<bitCount { handled[bit / 64] |= 1 << UInt64(bit % 64) }
        self.handled = handled
        self.folds = folds
        extrasStart = rules.count
        self.residuals = residuals
        for field in parts.keys.sorted() { addTable(field: field, parts: parts[field] ?? [], vocabulary: vocabulary) }
    }

    /// A condition in negation normal form as a disjunction of conjunctions whose items the
    /// tables hold (each a condition on one field), or nil when it is longer than
    /// `disjunctLimit` or has a part the tables cannot hold. `all` distributes over `any`.
    static func disjuncts(_ condition: CoreCondition, _ vocabulary: Vocabulary) -> [[CoreCondition]]? {
        if let byField = split(condition), byField.keys.allSatisfy({ tableable($0, vocabulary) }) { return [[condition]] }
        switch condition {
        case .all(let items):
            var result: [[CoreCondition]] = [[]]
            for item in items {
                guard let alternatives = disjuncts(item, vocabulary), result.count * alternatives.count <= disjunctLimit else { return nil }
                result = result.flatMap { prefix in alternatives.map { prefix + $0 } }
            }
            return result
        case .any(let items):
            var result: [[CoreCondition]] = []
            for item in items {
                guard let alternatives = disjuncts(item, vocabulary), result.count + alternatives.count <= disjunctLimit else { return nil }
                result += alternatives
            }
            return result
        default:
            return nil
        }
    }

    /// A condition in negation normal form as its single-field parts the tables hold and the
    /// rest (nil: none): it holds exactly when both do (an `all` holds when each item does).
    static func partition(_ condition: CoreCondition, _ vocabulary: Vocabulary) -> (byField: [Int: CoreCondition], rest: CoreCondition?) {
        func tabled(_ item: CoreCondition) -> [Int: CoreCondition]? {
            guard let byField = split(item), byField.keys.allSatisfy({ tableable($0, vocabulary) }) else { return nil }
            return byField
        }
        let items: [CoreCondition]
        if case .all(let all) = condition { items = all } else { items = [condition] }
        var byField: [Int: CoreCondition] = [:]
        var rest: [CoreCondition] = []
        for item in items {
            guard let parts = tabled(item) else {
                rest.append(item)
                continue
            }
            for (field, part) in parts { byField[field] = byField[field].map { .all([$0, part]) } ?? part }
        }
        return (byField, rest.isEmpty ? nil : rest.count == 1 ? rest[0] : .all(rest))
    }

    /// The condition as one part per field, or nil when a part spans several fields.
    static func split(_ condition: CoreCondition) -> [Int: CoreCondition]? {
        switch condition {
        case .always:
            return [:]
        case .test(let test):
            return [test.key.field: condition]
        case .all(let items):
            var result: [Int: CoreCondition] = [:]
            for item in items {
                guard let part = split(item) else { return nil }
                for (field, condition) in part {
                    result[field] = result[field].map { .all([$0, condition]) } ?? condition
                }
            }
            return result
        case .any:
            // In negation normal form an `any` holds only tests, `all` and `any` (`not` is
            // folded into the tests, `always` and `never` into their parent): one field read
            // makes it one field's part.
            let fields = condition.fields
            guard fields.count == 1, let field = fields.first else { return nil }
            return [field: condition]
        default:
            return nil
        }
    }

    /// Scalar fields always; set fields up to 12 values (a table over every combination).
    private static func tableable(_ field: Int, _ vocabulary: Vocabulary) -> Bool {
        guard field < vocabulary.fields.count else { return false }
        if case .members(let ids) = vocabulary.fields[field].kind.storage { return ids.count <= 12 }
        return true
    }

    /// Whether a single-field condition holds for a known value (a set as its bit mask).
    private static func holds(_ condition: CoreCondition, _ value: Int64) -> Bool {
        switch condition {
        case .test(let test):
            if let element = test.key.element {
                return test.allowed.contains(Int((UInt64(bitPattern: value) >> UInt64(element)) & 1))
            }
            return test.allowed.contains(Int(value))
        case .all(let items): return items.allSatisfy { holds($0, value) }
        case .any(let items): return items.contains { holds($0, value) }
        case .never: return false
        case .always, .not: return true
        }
    }

    private static func boundaries(_ condition: CoreCondition, into starts: inout Set<Int64>) {
        switch condition {
        case .test(let test):
            for range in test.allowed.ranges {
                starts.insert(Int64(range.lowerBound))
                starts.insert(Int64(range.upperBound) + 1)
            }
        case .all(let items), .any(let items): items.forEach { boundaries($0, into: &starts) }
        default: break
        }
    }

    private mutating func addTable(field: Int, parts: [(rule: Int, condition: CoreCondition)], vocabulary: Vocabulary) {
        let words = self.words
        var unknown = [UInt64](repeating: ~0, count: words)
        for part in parts { unknown[part.rule / 64] &= ~(1 << UInt64(part.rule % 64)) }
        let definition = vocabulary.fields[field]
        /// The bit set of rules satisfied by `value`: all bits, minus the constraining rules it fails.
        func mask(_ value: Int64) -> [UInt64] {
            var result = [UInt64](repeating: ~0, count: words)
            for part in parts where !Self.holds(part.condition, value) { result[part.rule / 64] &= ~(1 << UInt64(part.rule % 64)) }
            return result
        }
        let unknownRow = Int32(masks.count)
        masks += unknown
        let firstRow = masks.count
        let directOffset = Int32(direct.count)
        if case .members(let ids) = definition.kind.storage {
            let combinations = 1 << ids.count
            for combination in 0..<combinations {
                direct.append(Int32(masks.count))
                masks += mask(Int64(combination))
            }
            headers.append(Header(slot: Int32(field), low: 0, span: UInt64(combinations - 1), unknownRow: unknownRow,
                                  directOffset: directOffset, startsOffset: 0, startsCount: 0, firstRow: Int32(firstRow), searched: false))
            return
        }
        let domain = definition.domain
        var points: Set<Int64> = [Int64(domain.lowerBound)]
        for part in parts { Self.boundaries(part.condition, into: &points) }
        let segments = points.filter { $0 >= Int64(domain.lowerBound) && $0 <= Int64(domain.upperBound) }.sorted()
        for start in segments { masks += mask(start) }
        let startsOffset = Int32(starts.count)
        starts += segments
        let searched = domain.count > 4096
        if !searched {
            var segment = 0
            for value in domain {
                while segment + 1 < segments.count && segments[segment + 1] <= Int64(value) { segment += 1 }
                direct.append(Int32(firstRow + segment * words))
            }
        }
        let span = UInt64(bitPattern: Int64(domain.upperBound) &- Int64(domain.lowerBound))
        headers.append(Header(slot: Int32(field), low: Int64(domain.lowerBound), span: span, unknownRow: unknownRow, directOffset: directOffset,
                              startsOffset: startsOffset, startsCount: Int32(segments.count), firstRow: Int32(firstRow), searched: searched))
    }

    /// The shared arrays, frozen in an arena (read-only memory, hence
    /// `@unchecked Sendable`).
    struct Pinned: @unchecked Sendable {
        let headers: FrozenArray<Header>
        let masks: FrozenArray<UInt64>
        let direct: FrozenArray<Int32>
        let starts: FrozenArray<Int64>
        let words: Int

        /// ANDs into `result` (`words` words, preset to all ones) the rules each field allows.
        /// Up to two words (128 rules), the AND is kept in registers.
        @inline(__always)
        func apply(_ values: BufferView<Int64>, into result: MutableBufferView<UInt64>) {
            switch words {
            case 1:
                var first = result[0]
                for header in headers { first &= masks[row(header, values)] }
                result[0] = first
            case 2:
                var first = result[0], second = result[1]
                for header in headers {
                    let offset = row(header, values)
                    first &= masks[offset]
                    second &= masks[offset &+ 1]
                }
                result[0] = first
                result[1] = second
            default:
                for header in headers {
                    let offset = row(header, values)
                    for w in 0..<words { result[w] &= masks[offset &+ w] }
                }
            }
        }

        /// Where in `masks` the row of `header`'s field for the profile's value starts. One
        /// unsigned comparison tells a value in the direct table's range (unknown, `Int64.min`,
        /// is below any domain the direct table serves: at most 4,096 values wide).
        @inline(__always)
        func row(_ header: Header, _ values: BufferView<Int64>) -> Int {
            let value = values[Int(header.slot)]
            let distance = UInt64(bitPattern: value &- header.low)
            guard distance <= header.span else { return Int(header.unknownRow) }
            if !header.searched { return Int(direct[Int(header.directOffset) &+ Int(distance)]) }
            if value == CompiledProfile.unknown { return Int(header.unknownRow) }
            var lowIndex = 0, highIndex = Int(header.startsCount) - 1
            let base = Int(header.startsOffset)
            while lowIndex < highIndex {
                let mid = (lowIndex + highIndex + 1) / 2
                if starts[base + mid] <= value { lowIndex = mid } else { highIndex = mid - 1 }
            }
            return Int(header.firstRow) + lowIndex * words
        }
    }

    /// The tables as frozen copies of the arrays, valid while `arena` lives.
    func pinned(in arena: FrozenArena) -> Pinned {
        Pinned(headers: arena.freeze(headers), masks: arena.freeze(masks), direct: arena.freeze(direct), starts: arena.freeze(starts), words: words)
    }
}
