#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// A lookup from byte strings (field names, value ids) to small integers, without building a
/// `String`: the fast corpus reader finds a key straight from the bytes of a line. It is
/// derived from the same names as the `FieldCodec` dictionaries, never written by hand. Keys
/// live in groups (one per field for value ids), so one table serves every field.
package struct ByteKeyTable: Sendable {
    /// Every key's bytes, one after the other.
    private let bytes: [UInt8]
    /// Per slot: offset and length of the key in `bytes`, its group and value; length -1: empty.
    private let slots: [(offset: Int32, length: Int32, group: Int32, value: Int32)]
    private let mask: Int

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
        var slots = Array(repeating: (offset: Int32(0), length: Int32(-1), group: Int32(0), value: Int32(0)), count: size)
        for (group, key, value) in keys {
            let utf8 = Array(key.utf8)
            var slot = utf8.withUnsafeBufferPointer { Self.hash($0, group: group) } & (size - 1)
            var duplicate = false
            while slots[slot].length >= 0 {
                let existing = slots[slot]
                if Int(existing.group) == group && Int(existing.length) == utf8.count && bytes[Int(existing.offset)..<Int(existing.offset + existing.length)].elementsEqual(utf8) {
                    duplicate = true
                    break
                }
                slot = (slot + 1) & (size - 1)
            }
            if duplicate { continue }
            slots[slot] = (Int32(bytes.count), Int32(utf8.count), Int32(group), Int32(value))
            bytes += utf8
        }
        self.bytes = bytes
        self.slots = slots
        self.mask = size - 1
    }

    /// FNV-1a over the group and the key's bytes.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>, group: Int) -> Int {
        var hash: UInt64 = (0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: group)) &* 0x100_0000_01b3
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    /// The value of `key` in `group`, or nil.
    @inline(__always)
    package func value(_ key: UnsafeBufferPointer<UInt8>, group: Int = 0) -> Int? {
        var slot = Self.hash(key, group: group) & mask
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { stored in
                while true {
                    let entry = slots[slot]
                    if entry.length < 0 { return nil }
                    if Int(entry.length) == key.count && Int(entry.group) == group,
                       Self.equal(stored, Int(entry.offset), key, 0, count: key.count) {
                        return Int(entry.value)
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// Whether `count` bytes of `a` from `i` and of `b` from `j` are the same (both ranges
    /// in bounds: the callers check).
    @inline(__always)
    package static func equal(_ a: UnsafeBufferPointer<UInt8>, _ i: Int, _ b: UnsafeBufferPointer<UInt8>, _ j: Int, count: Int) -> Bool {
        guard count > 0 else { return true }
        guard let a = a.baseAddress, let b = b.baseAddress else { return false }
        return memcmp(a + i, b + j, count) == 0
    }
}
