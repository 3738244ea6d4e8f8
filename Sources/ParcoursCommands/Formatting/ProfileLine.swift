import ParcoursEngine

/// A profile as one compact JSON line, keys in vocabulary order (the corpus format).
public enum ProfileLine {
    public static func render(_ profile: Profile, vocabulary: Vocabulary) -> String {
        var parts: [String] = []
        for field in vocabulary.fields {
            guard let value = profile[field.index] else { continue }
            let text: String
            switch (field.type, value) {
            case (.integer, .scalar(let number)): text = String(number)
            case (.boolean, .scalar(let flag)): text = flag == 1 ? "true" : "false"
            case (.enumeration(let values, _), .scalar(let index)) where index < values.count: text = JSONValue.quote(values[index].id)
            case (.set(let values), .set(let mask)):
                text = "[" + values.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { JSONValue.quote(values[$0].id) }.joined(separator: ",") + "]"
            default: continue
            }
            parts.append(JSONValue.quote(field.name) + ":" + text)
        }
        return "{" + parts.joined(separator: ",") + "}"
    }
}
