/// Names numbered in the order they are first seen: equal numbers are equal names, and the
/// numbering depends only on that order (never on hashing).
struct Interner {
    private(set) var codes: [String: Int32] = [:]

    mutating func code(_ name: String) -> Int32 {
        if let known = codes[name] { return known }
        let next = Int32(codes.count)
        codes[name] = next
        return next
    }
}
