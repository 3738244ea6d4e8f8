import Bytes
import Testing
@testable import ParcoursEngine

@Suite("Value sets")
struct ValueSetTests {
    @Test func normalisesAndComplements() {
        let set = ValueSet([5...7, 1...2, 3...3])
        #expect(set.ranges == [1...3, 5...7])
        #expect(set.complement(in: 0...9).ranges == [0...0, 4...4, 8...9])
        #expect(set.intersection(ValueSet([2...6])).ranges == [2...3, 5...6])
        #expect(set.contains(6) && !set.contains(4))
        #expect(ValueSet([0...9]).complement(in: 0...9).isEmpty)
    }
}

@Suite("SHA-256")
struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    /// Digests from Python's hashlib around the padding boundaries: the
    /// whole blocks are read in place and only the tail is copied, so 55, 56, 63, 64 and 65 bytes matter.
    @Test func paddingBoundariesAndLongInput() {
        let expected: [(Int, String)] = [
            (55, "576a1bf8d4478657e6dc4af9398544765c2a92cde28478b019235cfed315fc09"),
            (56, "9b20501dfd1d99161c257950f3444f3e49230c351c5c8e0943ef369f85f5205d"),
            (63, "30b345906b493f06f69444b6521113511c242f30e29840462950035043682f1e"),
            (64, "d8bc63b4fc1156e5e7d95a418b9bf54cd3174bedbc2db40f74895349b229b3c0"),
            (65, "1ee23b0fbcaecc1aff4a9e8f1645f35ab2c8e13609cd73b68df8b5e3f63ce073"),
            (119, "7a6589821178918ca8d9edaba5abfc1e9b2669564f4469b66885379c1530b2c8"),
            (120, "655250427d56b1b0eeb8497d21428704273458a01772d6881b65c0abac0f8a98"),
            (128, "54c9eb041badfd7064645067b107661fed6113197ce2dd066ba69618abd3732f"),
        ]
        for (count, hex) in expected {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 * 7) }
            #expect(SHA256.hex(of: bytes) == hex, "\(count) bytes")
        }
        #expect(SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
