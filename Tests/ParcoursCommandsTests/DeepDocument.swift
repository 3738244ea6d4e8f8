import Testing

/// A document nested too deeply for the parser, written to a file by the test. The test's output
/// names it by its file name and a few words on its shape, never by its text (up to 250 000
/// characters on one line).
struct DeepDocument: Sendable, CustomTestStringConvertible {
    let name: String
    let shape: String
    let text: String

    init(_ name: String, _ shape: String, _ text: String) {
        self.name = name
        self.shape = shape
        self.text = text
    }

    var testDescription: String { "\(name) (\(shape))" }
}
