/// Where a JSON document is written, piece by piece: straight to pretty-printed bytes
/// (`JSONBytes`, what the command line prints and the server sends) or to a `JSONValue` tree
/// (`JSONTree`, for `Encodable` and tests). A contract is written once, against this protocol,
/// so both forms come from one place and cannot differ.
package protocol JSONSink {
    mutating func beginObject()
    mutating func endObject()
    mutating func beginArray()
    mutating func endArray()
    /// The key of the next value, inside an object.
    mutating func key(_ name: String)
    mutating func string(_ value: String)
    mutating func int(_ value: Int)
    mutating func bool(_ value: Bool)
    mutating func null()
}

extension JSONSink {
    /// `"name": "value"` (or `null` for nil).
    package mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    package mutating func field(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    package mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// `"name": ["a", "b"]`.
    package mutating func field(_ name: String, strings: [String]) {
        key(name)
        beginArray()
        for value in strings { string(value) }
        endArray()
    }

    /// A JSON value already built.
    package mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .int(let number): int(number)
        case .string(let text): string(text)
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .object(let pairs):
            beginObject()
            for (name, item) in pairs {
                key(name)
                self.value(item)
            }
            endObject()
        }
    }
}

/// Pretty-printed JSON bytes, two-space indentation, exactly as `JSONValue.rendered()` prints.
package struct JSONBytes: JSONSink {
    package private(set) var bytes: [UInt8] = []
    /// Items written so far in each open container.
    private var counts: [Int] = []
    private var afterKey = false

    package init(capacity: Int = 8192) {
        bytes.reserveCapacity(capacity)
    }

    private mutating func separate() {
        if afterKey { afterKey = false; return }
        guard let count = counts.last else { return }
        if count > 0 { bytes.append(0x2C) }
        bytes.append(0x0A)
        pad(counts.count)
        counts[counts.count - 1] += 1
    }

    private mutating func pad(_ level: Int) {
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * level))
    }

    private mutating func close(_ byte: UInt8) {
        let count = counts.removeLast()
        if count == 0 {
            bytes.append(byte)  // `{}`, `[]`
            return
        }
        bytes.append(0x0A)
        pad(counts.count)
        bytes.append(byte)
    }

    package mutating func beginObject() { separate(); bytes.append(0x7B); counts.append(0) }
    package mutating func endObject() { close(0x7D) }
    package mutating func beginArray() { separate(); bytes.append(0x5B); counts.append(0) }
    package mutating func endArray() { close(0x5D) }

    package mutating func key(_ name: String) {
        separate()
        JSONValue.quote(name, into: &bytes)
        bytes += [0x3A, 0x20]
        afterKey = true
    }

    package mutating func string(_ value: String) { separate(); JSONValue.quote(value, into: &bytes) }
    package mutating func int(_ value: Int) { separate(); bytes += String(value).utf8 }
    package mutating func bool(_ value: Bool) { separate(); bytes += (value ? "true" : "false").utf8 }
    package mutating func null() { separate(); bytes += "null".utf8 }
}

/// Builds a `JSONValue` tree.
public struct JSONTree: JSONSink {
    private var stack: [(pairs: [(String, JSONValue)], items: [JSONValue], isObject: Bool, key: String?)] = []
    private var pendingKey: String?
    /// The document, once its outermost container is closed (or its only value written).
    public private(set) var result: JSONValue = .null

    public init() {}

    private mutating func emit(_ value: JSONValue) {
        guard !stack.isEmpty else { result = value; return }
        if stack[stack.count - 1].isObject {
            stack[stack.count - 1].pairs.append((pendingKey ?? "", value))
            pendingKey = nil
        } else {
            stack[stack.count - 1].items.append(value)
        }
    }

    public mutating func beginObject() { stack.append(([], [], true, pendingKey)); pendingKey = nil }
    public mutating func beginArray() { stack.append(([], [], false, pendingKey)); pendingKey = nil }

    public mutating func endObject() {
        let frame = stack.removeLast()
        pendingKey = frame.key
        emit(.object(frame.pairs))
    }

    public mutating func endArray() {
        let frame = stack.removeLast()
        pendingKey = frame.key
        emit(.array(frame.items))
    }

    public mutating func key(_ name: String) { pendingKey = name }
    public mutating func string(_ value: String) { emit(.string(value)) }
    public mutating func int(_ value: Int) { emit(.int(value)) }
    public mutating func bool(_ value: Bool) { emit(.bool(value)) }
    public mutating func null() { emit(.null) }
}
