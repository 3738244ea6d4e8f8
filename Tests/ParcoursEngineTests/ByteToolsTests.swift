import Bytes
import Testing
@testable import ParcoursEngine

/// The word-at-a-time byte tools of the fast corpus reader and writer, at every length and
/// position around their eight- and sixteen-byte edges, against plain byte-by-byte answers.
@Suite("Byte tools at their word edges")
struct ByteToolsTests {
    /// Keys of every length from 0 to 24 bytes, two by two differing in their last byte only.
    static let keys: [String] = (0...24).flatMap { length -> [String] in
        let stem = String((0..<max(length - 1, 0)).map { Character(Unicode.Scalar(UInt8(97 + $0 % 26))) })
        return length == 0 ? [""] : [stem + "x", stem + "y"]
    }

    @Test func everyKeyIsFoundWhereverItSitsAndNoNearMiss() {
        let table = ByteKeyTable(grouped: Self.keys.enumerated().map { (group: 3, key: $0.element, value: $0.offset) })
        for (value, key) in Self.keys.enumerated() {
            // At the very end of a buffer (no room for a whole word after it), and with room.
            for padding in [0, 1, 7, 8, 9] {
                let text = Array("\"".utf8) + Array(key.utf8) + Array(repeating: UInt8(ascii: "\""), count: padding)
                text.withUnsafeBufferPointer { buffer in
                    #expect(table.value(in: buffer, from: 1, count: key.utf8.count, group: 3) == value, "\(key) padding \(padding)")
                    #expect(table.value(in: buffer, from: 1, count: key.utf8.count, group: 4) == nil, "\(key) in another group")
                }
            }
            // The same key with its last byte changed (z is in no key) is not found.
            if !key.isEmpty {
                let miss = Array(key.utf8.dropLast()) + [UInt8(ascii: "z")]
                miss.withUnsafeBufferPointer { #expect(table.value($0, group: 3) == nil, "\(key) changed") }
            }
        }
    }

    @Test func equalAgreesWithByteComparison() {
        let a = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        for count in 0...30 {
            for change in 0..<count {
                var b = a
                b[2 + change] ^= 1
                let same = a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in ByteKeyTable.equal(a, 2, b, 2, count: count) } }
                #expect(!same, "count \(count), changed at \(change)")
            }
            let copy = a
            let same = a.withUnsafeBufferPointer { a in copy.withUnsafeBufferPointer { b in ByteKeyTable.equal(a, 2, b, 2, count: count) } }
            #expect(same, "count \(count)")
        }
    }

    @Test func quoteOrEscapeFindsTheFirstOneAtEveryOffset() {
        for length in 0...40 {
            for position in 0...length {
                for stop in [UInt8(ascii: "\""), UInt8(ascii: "\\")] {
                    // Bytes above 0x80 (accented letters) and near misses (0x21, 0x5D) around it.
                    var bytes = (0..<length).map { [UInt8(0xC3), 0xA9, 0x21, 0x5D, 0x61][$0 % 5] }
                    if position < length { bytes[position] = stop }
                    if position + 3 < length { bytes[position + 3] = UInt8(ascii: "\"") }
                    let found = bytes.withUnsafeBufferPointer { ByteKeyTable.quoteOrEscape($0, from: 0) }
                    #expect(found == (position < length ? position : length), "length \(length), at \(position)")
                    // The CSV cell search: the separator or a quote, whichever comes first.
                    let cell = bytes.withUnsafeBufferPointer { ByteKeyTable.first(of: 0x5D, or: stop, in: $0, from: 0) }
                    #expect(cell == (bytes.firstIndex { $0 == 0x5D || $0 == stop } ?? length), "length \(length), at \(position)")
                }
            }
        }
    }

    /// Every byte of a word equal to one of two bytes is marked, and no other: each pair of
    /// neighbours is tried, so that a byte one above or below a match (`-` after `,`) or with
    /// the high bit set cannot be taken for one.
    @Test func wordMatchesAreExactForEveryByte() {
        let interesting: [UInt8] = [0x00, 0x01, 0x21, 0x22, 0x23, 0x2B, 0x2C, 0x2D, 0x3A, 0x3B, 0x3C, 0x7F, 0x80, 0xA2, 0xAC, 0xFF]
        for separator in [UInt8(ascii: ","), UInt8(ascii: ";")] {
            for first in interesting {
                for second in interesting {
                    let bytes: [UInt8] = [first, second, separator, first, 0x22, second, first &+ 1, second &- 1]
                    let word = bytes.withUnsafeBufferPointer { $0.baseAddress.map(ByteKeyTable.word) } ?? 0
                    var expected: UInt64 = 0
                    for (index, byte) in bytes.enumerated() where byte == separator || byte == 0x22 { expected |= 0x80 << UInt64(8 * index) }
                    #expect(ByteKeyTable.bytes(equalTo: separator, or: 0x22, in: word) == expected, "\(bytes)")
                }
            }
        }
    }

    @Test func cursorCopiesFragmentsOfEveryLengthIntoABufferThatGrows() {
        let fragments = (0...40).map { length in (0..<length).map { UInt8(48 + ($0 + length) % 43) } }
        let table = ByteFragments(fragments)
        let buffer = ByteBuffer(capacity: 16)
        var expected: [UInt8] = []
        for index in fragments.indices {
            buffer.append(bound: 64) { base in
                table.withBytes { bytes, starts in
                    var cursor = ByteCursor(base, fragments: bytes, starts: starts)
                    cursor.fragment(index)
                    cursor.byte(0x7C)
                    cursor.integer(Int64(index) - 20)
                    return cursor.count
                }
            }
            expected += fragments[index] + [0x7C] + Array(String(index - 20).utf8)
        }
        #expect(buffer.array == expected)
        #expect(buffer.count == expected.count)
    }

    @Test func aBufferGivenBackIsTakenAgainEmptyAndThePoolStaysBounded() {
        let pool = ByteBufferPool(limit: 1)
        let first = pool.take(capacity: 8)
        [UInt8]("abc".utf8).withUnsafeBufferPointer { first.append($0) }
        pool.give(first)
        pool.give(ByteBuffer())  // beyond the limit: let go
        let again = pool.take(capacity: 8)
        #expect(again === first && again.isEmpty)
        #expect(pool.take(capacity: 8) !== first)
    }
}
