/// A lookup from byte strings (field names, value ids) to small integers, without building a
/// `String`: the fast corpus reader finds a key straight from the bytes of a line. It is
/// derived from the same names as the `FieldCodec` dictionaries, never written by hand. Keys
/// live in groups (one per field for value ids), so one table serves every field.
package struct ByteKeyTable: Sendable {
    /// One slot of the open-addressing table: the key's first eight bytes (zero-padded) and
    /// last eight (zero for a key under eight bytes), which are the whole key up to sixteen
    /// bytes; its length and group in one word; where its bytes are in `bytes`, and its value.
    /// `offset` -1: empty. Plain data.
    @usableFromInline struct Slot: Sendable {
        @usableFromInline var head: UInt64
        @usableFromInline var tail: UInt64
        @usableFromInline var shape: UInt64
        @usableFromInline var offset: Int32
        @usableFromInline var value: Int32
    }

    /// A key's length and group as one word, compared at once.
    @inlinable @inline(__always)
    @usableFromInline static func shape(_ count: Int, _ group: Int) -> UInt64 {
        UInt64(truncatingIfNeeded: count) | UInt64(truncatingIfNeeded: group) &<< 32
    }

    /// Every key's bytes, one after the other, then eight zero bytes (so that the words of
    /// any key can be loaded whole).
    @usableFromInline let bytes: FrozenArray<UInt8>
    /// The open-addressing table.
    @usableFromInline let slots: FrozenArray<Slot>
    /// Holds `bytes` and `slots`.
    private let arena = FrozenArena()
    @usableFromInline let mask: Int
    /// The slot of a hash is its top bits: 64 - log2(slots) is the shift.
    @usableFromInline let shift: UInt64

    /// `keys` with their values, in group 0; a repeated key keeps its first value (as the
    /// dictionaries do).
    package init(_ keys: [(String, Int)]) {
        self.init(grouped: keys.map { (0, $0.0, $0.1) })
    }

    /// `keys` with their groups and values; a key repeated in a group keeps its first value.
    package init(grouped keys: [(group: Int, key: String, value: Int)]) {
        var size = 8
        while size < keys.count * 3 { size <<= 1 }
        var bytes: [UInt8] = []
        var slots = Array(repeating: Slot(head: 0, tail: 0, shape: 0, offset: -1, value: 0), count: size)
        for (group, key, value) in keys {
            let utf8 = Array(key.utf8)
            let (head, tail, hash) = utf8.withUnsafeBufferPointer { Self.hash($0, from: 0, count: $0.count, group: group) }
            var slot = Int(truncatingIfNeeded: hash >> UInt64(64 - size.trailingZeroBitCount))
            var duplicate = false
            while slots[slot].offset >= 0 {
                let existing = slots[slot], offset = Int(existing.offset)
                if existing.shape == Self.shape(utf8.count, group) && bytes[offset..<(offset + utf8.count)].elementsEqual(utf8) {
                    duplicate = true
                    break
                }
                slot = (slot + 1) & (size - 1)
            }
            if duplicate { continue }
            slots[slot] = Slot(head: head, tail: tail, shape: Self.shape(utf8.count, group), offset: Int32(bytes.count), value: Int32(value))
            bytes += utf8
        }
        self.bytes = arena.freeze(bytes + Array(repeating: 0, count: 8))
        self.slots = arena.freeze(slots)
        self.mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// The first eight bytes of `text[from..<from + count]` (zero-padded), and a hash of them,
    /// of the last eight, the length and the group (its top bits are the slot): constant time
    /// whatever the key's length (`value` compares the whole key anyway). Loads whole words
    /// when `text` has the room.
    @inlinable @inline(__always)
    package static func hash(_ text: UnsafeBufferPointer<UInt8>, from: Int, count: Int, group: Int) -> (head: UInt64, tail: UInt64, hash: UInt64) {
        guard let base = text.baseAddress else { return (0, 0, 0) }
        let key = base + from
        var head: UInt64 = 0
        var tail: UInt64 = 0
        if count >= 8 {
            head = word(key)
            tail = word(key + count - 8)
        } else if count > 0 && from + 8 <= text.count {
            head = word(key) & firstBytes(count)
        } else {
            for index in 0..<count { head |= UInt64(key[index]) << UInt64(8 * index) }
        }
        return (head, tail, mix(head, tail, count: count, group: group))
    }

    /// The hash of a key from its first and last words, length and group. Multiplicative
    /// hashing: one product, whose high bits (the slot) every input bit reaches.
    @inlinable @inline(__always)
    static func mix(_ head: UInt64, _ tail: UInt64, count: Int, group: Int) -> UInt64 {
        (head ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(truncatingIfNeeded: count &<< 16 &+ group)) &* 0x9E37_79B9_7F4A_7C15
    }

    /// The mask of a word's first `count` bytes (the first as the lowest; none for zero, every
    /// byte from eight on).
    @inlinable @inline(__always)
    package static func firstBytes(_ count: Int) -> UInt64 {
        count >= 8 ? .max : (1 &<< UInt64(truncatingIfNeeded: 8 &* count)) &- 1
    }

    /// Eight bytes from `pointer`, the first as the lowest (on any byte order).
    @inlinable @inline(__always)
    package static func word(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The value of `key` in `group`, or nil.
    @inlinable @inline(__always)
    package func value(_ key: BufferView<UInt8>, group: Int = 0) -> Int? {
        value(key.buffer, group: group)
    }

    /// The value of `key` in `group`, nil when absent.
    package func value(_ key: UnsafeBufferPointer<UInt8>, group: Int = 0) -> Int? {
        value(in: key, from: 0, count: key.count, group: group)
    }

    /// The value of the key `text[from..<from + count]` in `group`, or nil. A key of at most
    /// sixteen bytes is told by its first and last words; the common case (found in its own
    /// slot) is answered inline, anything else by `probe`.
    @inlinable @inline(__always)
    package func value(in text: UnsafeBufferPointer<UInt8>, from: Int, count: Int, group: Int) -> Int? {
        let (head, tail, _) = Self.hash(text, from: from, count: count, group: group)
        return value(in: text, from: from, count: count, group: group, head: head, tail: tail)
    }

    /// `value(in:from:count:group:)` for a key whose first and last words (`hash`'s) the
    /// caller already holds.
    @inlinable @inline(__always)
    package func value(in text: UnsafeBufferPointer<UInt8>, from: Int, count: Int, group: Int, head: UInt64, tail: UInt64) -> Int? {
        let hash = Self.mix(head, tail, count: count, group: group)
        let slot = Int(truncatingIfNeeded: hash &>> shift)
        let entry = slots.base[slot]
        if entry.head == head && entry.tail == tail && entry.shape == Self.shape(count, group) && count <= 16 && entry.offset >= 0 {
            return Int(entry.value)
        }
        return probe(text, from: from, count: count, group: group, head: head, tail: tail, slot: slot)
    }

    /// `value` from `slot` on, past other keys, and for keys over sixteen bytes.
    @usableFromInline @inline(never)
    func probe(_ text: UnsafeBufferPointer<UInt8>, from: Int, count: Int, group: Int, head: UInt64, tail: UInt64, slot: Int) -> Int? {
        let slots = self.slots.base, stored = bytes.base
        let shape = Self.shape(count, group)
        // Only read past the first word (count > 16), so never from an empty buffer.
        let text = text.baseAddress ?? UnsafePointer(stored)
        var slot = slot
        while true {
            let entry = slots[slot]
            if entry.offset < 0 { return nil }
            if entry.head == head && entry.tail == tail && entry.shape == shape,
               count <= 16 || Self.equal(stored + Int(entry.offset) + 8, text + from + 8, count: count - 16) {
                return Int(entry.value)
            }
            slot = (slot &+ 1) & mask
        }
    }

    /// Whether `count` bytes of `a` from `i` and of `b` from `j` are the same (both ranges
    /// in bounds: the callers check). Inline, eight bytes at a time: keys are short, and a
    /// call to `memcmp` cost more than the comparison.
    @inlinable @inline(__always)
    package static func equal(_ a: UnsafeBufferPointer<UInt8>, _ i: Int, _ b: UnsafeBufferPointer<UInt8>, _ j: Int, count: Int) -> Bool {
        guard count > 0 else { return true }
        guard let a = a.baseAddress, let b = b.baseAddress else { return false }
        return equal(a + i, b + j, count: count)
    }

    /// Whether `count` bytes from `x` and from `y` are the same.
    @inlinable @inline(__always)
    package static func equal(_ x: UnsafePointer<UInt8>, _ y: UnsafePointer<UInt8>, count: Int) -> Bool {
        guard count > 0 else { return true }
        var k = 0
        while k + 8 <= count {
            if word(x + k) != word(y + k) { return false }
            k += 8
        }
        if k < count, count >= 8 { return word(x + count - 8) == word(y + count - 8) }
        while k < count {
            if x[k] != y[k] { return false }
            k += 1
        }
        return true
    }

    /// The position of the first quote or backslash in `bytes[from...]`, or `bytes.count`:
    /// where a JSON string without escapes ends.
    @inlinable @inline(__always)
    package static func quoteOrEscape(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        first(of: 0x22, or: 0x5C, in: bytes, from: from)
    }

    /// The position of the first `a` or `b` in `bytes[from...]`, or `bytes.count`. Eight bytes
    /// at a time (`firstIndex(of:or:in:)`).
    @inlinable @inline(__always)
    package static func first(of a: UInt8, or b: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        let n = bytes.count
        var j = from
        while j + 8 <= n {
            let found = firstIndex(of: a, or: b, in: word(base + j))
            if found < 8 { return j + found }
            j += 8
        }
        while j < n, base[j] != a, base[j] != b { j += 1 }
        return j
    }

    /// The high bit of every byte of `word` equal to `a` or `b`, and nothing else: exact for
    /// every byte (no borrow runs from one byte into the next), so all of a word's matches can
    /// be taken from one load.
    @inlinable @inline(__always)
    package static func bytes(equalTo a: UInt8, or b: UInt8, in word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        /// The high bit of each zero byte of `x`.
        @inline(__always) func zeros(_ x: UInt64) -> UInt64 { ~(((x & lows) &+ lows) | x | lows) }
        return zeros(word ^ (UInt64(a) &* ones)) | zeros(word ^ (UInt64(b) &* ones))
    }

    /// The position (0 to 7) of the first byte `a` or `b` in a word (the first byte as the
    /// lowest), or 8 when there is none: a zero byte is found in the word XOR each byte
    /// searched, and the lowest one found is always a true one.
    @inlinable @inline(__always)
    package static func firstIndex(of a: UInt8, or b: UInt8, in word: UInt64) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let x = word ^ (UInt64(a) &* ones), y = word ^ (UInt64(b) &* ones)
        return (((x &- ones) & ~x | (y &- ones) & ~y) & highs).trailingZeroBitCount &>> 3
    }
}
