import Testing
import HTTPTestSupport
@testable import ParcoursServer

/// `parcours serve` serves the documentation site at `/docs/`, public like the page, even when
/// the API asks for a token.
@Suite("The documentation site at /docs/", .serialized)
struct DocsRouteTests {
    @Test func theSiteIsServedWithoutAToken() throws {
        let running = try ServerTests.Running(token: "secret")
        defer { running.stop() }
        let client = try running.client()
        defer { client.close() }
        client.send(RawClient.request("GET", "/docs"))
        let moved = try #require(client.response())
        #expect(moved.status == 308 && moved.headers["location"] == "/docs/")
        client.send(RawClient.request("GET", "/docs/"))
        let index = try #require(client.response())
        #expect(index.status == 200 && index.body.contains("<html lang=\"fr\">") && index.body.contains("href=\"rules/"))
        #expect(index.headers["content-security-policy"]?.contains("style-src 'self' 'unsafe-inline'") == true)
        client.send(RawClient.request("GET", "/docs/search.js"))
        let script = try #require(client.response())
        #expect(script.status == 200 && script.headers["content-type"]?.hasPrefix("text/javascript") == true)
        client.send(RawClient.request("GET", "/docs/rules/nope.html"))
        #expect(try #require(client.response()).status == 404)
        client.send(RawClient.request("GET", "/docs/../api/v1/ruleset"))
        #expect(try #require(client.response()).status == 404)
        client.send(RawClient.request("POST", "/docs/", body: "{}"))
        #expect(try #require(client.response()).status == 405)
        // The API keeps its token.
        client.send(RawClient.request("GET", "/api/v1/ruleset"))
        #expect(try #require(client.response()).status == 401)
    }
}
