// libFuzzer harness: any text as the `when:` of one rule added to the shipped rule set
// (the condition and comparison parsers, facts, lowering and the analyses of loading).
import Foundation
import ParcoursEngine

let files = RuleSetFiles.read(directory: FuzzRules.directory)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCondition(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let quoted = try? JSONEncoder().encode(text), let when = String(data: quoted, encoding: .utf8) else { return 0 }
    let rule = """
    rules:
      - id: fuzz
        title: Fuzz
        source: "fuzz"
        when: \(when)
        route: work_first
        why: "fuzz"
    """
    var copy = files
    copy.rules.append(SourceFile(path: "fuzz.yaml", text: rule))
    _ = RuleSetLoader.load(copy, date: "2026-11-23")
    return 0
}
