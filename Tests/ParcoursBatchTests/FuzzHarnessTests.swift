import Foundation
import ParcoursFuzz
import Testing

/// The fuzz harnesses run in `swift test` on a few inputs, so that a harness that no longer
/// starts (the shipped rules moved, an invariant it checks changed meaning) fails here and not
/// only in the CI's fuzzing step. A broken invariant stops the process: that fails the run.
@Suite("Fuzz harnesses")
struct FuzzHarnessTests {
    static let inputs: [[UInt8]] = {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/examples")
        let files = ["profil-exemple.yaml", "diagnostic-france-travail.json", "carnet-de-bord.json"].compactMap {
            try? Array(Data(contentsOf: examples.appendingPathComponent($0)))
        }
        let hostile = [#"{"age": 22, "age": 23}"#, #"{"age": 07}"#, "age: [", "barriers includes", "\u{0}\u{FF}", ""]
        return files + hostile.map { Array($0.utf8) }
    }()

    @Test(arguments: FuzzHarness.allCases)
    func harnessStartsAndReplays(_ harness: FuzzHarness) throws {
        #expect(Self.inputs.count == 9, "the three examples are read")
        let run = try harness.prepare().get()
        for input in Self.inputs { run(input) }
    }
}
