extension Array {
    /// Empties a scratch array reused from one profile to the next, keeping its room. Already
    /// empty (the common case for some lists), it does nothing: `removeAll(keepingCapacity:)`
    /// on an empty array still goes through `replaceSubrange` and a fresh empty buffer.
    @inline(__always)
    mutating func empty() {
        if !isEmpty { removeAll(keepingCapacity: true) }
    }
}
