import ParcoursEngine

/// Small builders for JSON Schema 2020-12 documents, so that the schemas read like their shapes.
enum SchemaBuilder {
    static let dialect = "https://json-schema.org/draft/2020-12/schema"

    static func string(_ description: String? = nil, pattern: String? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("type", .string("string"))]
        if let pattern { pairs.append(("pattern", .string(pattern))) }
        return described(.object(pairs), description)
    }

    static func integer(_ description: String? = nil, minimum: Int? = nil, maximum: Int? = nil, nullable: Bool = false) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("type", nullable ? .array([.string("integer"), .string("null")]) : .string("integer"))]
        if let minimum { pairs.append(("minimum", .int(minimum))) }
        if let maximum { pairs.append(("maximum", .int(maximum))) }
        return described(.object(pairs), description)
    }

    static func boolean(_ description: String? = nil, nullable: Bool = false) -> JSONValue {
        described(.object([("type", nullable ? .array([.string("boolean"), .string("null")]) : .string("boolean"))]), description)
    }

    static func null() -> JSONValue { .object([("type", .string("null"))]) }

    /// One of `values` (and `null` when `nullable`).
    static func oneOf(_ values: [String], _ description: String? = nil, nullable: Bool = false) -> JSONValue {
        described(.object([("enum", .array(values.map(JSONValue.string) + (nullable ? [.null] : [])))]), description)
    }

    static func array(_ items: JSONValue, _ description: String? = nil, unique: Bool = false, minItems: Int? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("type", .string("array")), ("items", items)]
        if unique { pairs.append(("uniqueItems", .bool(true))) }
        if let minItems { pairs.append(("minItems", .int(minItems))) }
        return described(.object(pairs), description)
    }

    /// An object of exactly `shape`'s keys, each with its schema from `properties`.
    static func object(_ shape: KeyShape, _ properties: [String: JSONValue], _ description: String? = nil) -> JSONValue {
        object(required: shape.required, shape.all.map { ($0, properties[$0] ?? .object([])) }, description)
    }

    static func object(required: [String] = [], _ properties: [(String, JSONValue)], _ description: String? = nil, closed: Bool = true) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("type", .string("object"))]
        if !required.isEmpty { pairs.append(("required", .array(required.map(JSONValue.string)))) }
        pairs.append(("properties", .object(properties)))
        if closed { pairs.append(("additionalProperties", .bool(false))) }
        return described(.object(pairs), description)
    }

    /// An object whose keys are free (ids) and whose values all follow `values`.
    static func map(_ values: JSONValue, keys: JSONValue? = nil, _ description: String? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("type", .string("object"))]
        if let keys { pairs.append(("propertyNames", keys)) }
        pairs.append(("additionalProperties", values))
        return described(.object(pairs), description)
    }

    static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/$defs/\(name)"))]) }

    static func anyOf(_ schemas: [JSONValue], _ description: String? = nil) -> JSONValue {
        described(.object([("anyOf", .array(schemas))]), description)
    }

    static func described(_ schema: JSONValue, _ description: String?) -> JSONValue {
        guard let description, case .object(let pairs) = schema else { return schema }
        return .object(pairs + [("description", .string(description))])
    }

    /// A whole document: dialect, id, title, the root schema's keys and the definitions.
    static func document(id: String, title: String, _ root: JSONValue, defs: [(String, JSONValue)] = []) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("$schema", .string(dialect)), ("$id", .string(id)), ("title", .string(title))]
        if case .object(let rootPairs) = root { pairs += rootPairs }
        if !defs.isEmpty { pairs.append(("$defs", .object(defs))) }
        return .object(pairs)
    }
}
