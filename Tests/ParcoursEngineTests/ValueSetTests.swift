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
}
