import Foundation
import Testing
import ParcoursEngine
import ParcoursRendering
@testable import ParcoursServer

/// The OpenAPI document is drawn from the endpoint table and the rule set's JSON Schemas, and
/// `docs/api/openapi.json` is the shipped rule set's copy.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static let regenerate = "swift run parcours schema --out docs/schemas --openapi docs/api/openapi.json"

    static func shipped() throws -> RuleSet {
        try Engine(rules: ServerTests.root + "/Rules", scenarios: ServerTests.root + "/Scenarios").rules().ruleSet
    }

    static func object(_ value: JSONValue) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(value.bytes())) as? [String: Any])
    }

    @Test func theShippedCopyIsTheGeneratedOne() throws {
        let committed = try String(contentsOfFile: ServerTests.root + "/" + OpenAPIDocument.shippedPath, encoding: .utf8)
        #expect(committed == OpenAPIDocument(ruleSet: try Self.shipped()).json.rendered() + "\n",
                "docs/api/openapi.json n'est plus à jour : lancez \(Self.regenerate)")
    }

    /// Each operation lists 200, the status of each use-case error it may answer, and a default
    /// for the transport's refusals; its path parameter enumerates the rule set's ids.
    @Test func everyOperationListsItsStatuses() throws {
        let ruleSet = try Self.shipped()
        let document = try Self.object(OpenAPIDocument(ruleSet: ruleSet).json)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        #expect(paths.count == ParcoursService.endpoints.count)
        for endpoint in ParcoursService.endpoints {
            let operation = try #require(paths[endpoint.path]?[endpoint.method.lowercased()] as? [String: Any], "\(endpoint.path)")
            let responses = try #require(operation["responses"] as? [String: Any])
            let expected = Set(["200", "default"] + endpoint.failures.map { String($0.httpStatus) })
            #expect(Set(responses.keys) == expected, "\(endpoint.path)")
            let parameters = operation["parameters"] as? [[String: Any]] ?? []
            #expect(parameters.contains { $0["$ref"] as? String == "#/components/parameters/date" } == endpoint.dated, "\(endpoint.path)")
            if let parameter = endpoint.parameter {
                let path = try #require(parameters.first { $0["in"] as? String == "path" })
                let values = (path["schema"] as? [String: Any])?["enum"] as? [String]
                #expect(values == parameter.values(ruleSet) && values?.isEmpty == false, "\(endpoint.path)")
            }
            #expect((operation["requestBody"] != nil) == (endpoint.body != .none), "\(endpoint.path)")
        }
        let rules = try #require((paths["/api/v1/explain/rule/{rule}"]?["post"] as? [String: Any])?["parameters"] as? [[String: Any]])
        let ruleIDs = try #require((rules.first?["schema"] as? [String: Any])?["enum"] as? [String])
        #expect(ruleIDs.contains("referent_jeune_mission_locale"))
        let transport = try #require(((document["components"] as? [String: Any])?["responses"] as? [String: Any])?["Transport"] as? [String: Any])
        for status in [401, 408, 411, 413, 421, 431, 503, 505] {
            #expect((transport["description"] as? String)?.contains("\(status)") == true, "\(status)")
        }
    }

    /// The bodies and answers are the schemas `parcours schema` writes, not restatements: the
    /// profile is closed (additionalProperties false) as the server is.
    @Test func theSchemasAreTheGeneratedOnes() throws {
        let ruleSet = try Self.shipped()
        let schemas = try #require(try Self.object(OpenAPIDocument(ruleSet: ruleSet).json)["components"] as? [String: Any])["schemas"] as? [String: Any]
        let generated = Schemas(ruleSet: ruleSet)
        for (name, key) in OpenAPIDocument.embedded {
            var expected = try Self.object(generated.document(name))
            expected["$schema"] = nil
            expected["$id"] = nil
            expected["$defs"] = nil
            let embedded = try #require(schemas?[key] as? [String: Any], "\(key)")
            // Same keys; references point into components instead of $defs.
            #expect(Set(embedded.keys) == Set(expected.keys), "\(key)")
            let text = String(decoding: try JSONSerialization.data(withJSONObject: embedded), as: UTF8.self)
            #expect(!text.contains("#/$defs/"), "\(key)")
        }
        let profile = try #require(schemas?["Profile"] as? [String: Any])
        #expect(profile["additionalProperties"] as? Bool == false)
        let properties = try #require(profile["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(ruleSet.vocabulary.fields.map(\.name)))
    }

    /// With a token, every operation requires it.
    @Test func aTokenIsRequiredWhenTheServerHasOne() throws {
        let ruleSet = try Self.shipped()
        #expect(try Self.object(OpenAPIDocument(ruleSet: ruleSet).json)["security"] == nil)
        let secured = try Self.object(OpenAPIDocument(ruleSet: ruleSet, bearer: true).json)
        #expect((secured["security"] as? [[String: [String]]])?.first?["bearer"] == [])
    }
}
