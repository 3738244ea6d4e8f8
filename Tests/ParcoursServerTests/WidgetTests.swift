import Foundation
import Testing
import ParcoursEngine
@testable import ParcoursServer

/// The page draws each field with the widget the vocabulary document names, from one table.
@Suite("Widgets: the vocabulary names them, the page draws them")
struct WidgetTests {
    @Test("Each field of /api/v1/vocabulary names its kind's widget, and the page's table draws every widget")
    func everyFieldHasAWidgetThePageKnows() throws {
        let loaded = RuleSetLoader.load(directory: ServerTests.root + "/Rules")
        let ruleSet = try #require(loaded.ruleSet)
        let document = APIDocuments.vocabulary(ruleSet)
        guard case .object(let pairs) = document, case .array(let fields)? = pairs.first(where: { $0.0 == "fields" })?.1 else {
            Issue.record("the vocabulary document has no fields")
            return
        }
        #expect(fields.count == ruleSet.vocabulary.fields.count)
        var seen: Set<String> = []
        for (field, item) in zip(ruleSet.vocabulary.fields, fields) {
            guard case .object(let keys) = item, case .string(let widget)? = keys.first(where: { $0.0 == "widget" })?.1 else {
                Issue.record("\(field.name) has no widget")
                continue
            }
            let expected: String
            switch field.type {
            case .integer: expected = "number"
            case .boolean: expected = "yes-no"
            case .enumeration, .department: expected = "choice"
            case .set: expected = "multi-choice"
            }
            #expect(widget == expected, "\(field.name)")
            seen.insert(widget)
        }
        #expect(seen == ["number", "yes-no", "choice", "multi-choice"])
        for widget in FieldWidget.allCases {
            #expect(PageAssets.script.contains("\n  \"\(widget.rawValue)\": {\n"), "the page does not draw \(widget.rawValue)")
        }
        #expect(!PageAssets.script.contains("field.type"), "the page decides from the widget, not the type")
    }
}
