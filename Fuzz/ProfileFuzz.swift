// libFuzzer harness: any bytes as a profile (YAML or JSON), as a JSON corpus line (fast and
// precise readers, which must agree) and as a CSV row; then evaluated when accepted.
import ParcoursBatch
import ParcoursEngine

let shipped = RuleSetLoader.load(directory: FuzzRules.directory, date: "2026-11-23").ruleSet

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProfile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let ruleSet = shipped else { fatalError("the shipped rule set does not load from \(FuzzRules.directory)") }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = ProfileLoader.load(SourceFile(path: "fuzz.yaml", bytes: bytes), vocabulary: ruleSet.vocabulary)
    if let profile = result.profile { _ = Evaluator(ruleSet: ruleSet).recommend(profile) }
    var decoder = CorpusDecoder(path: "fuzz.jsonl", vocabulary: ruleSet.vocabulary)
    var values: [Int64] = []
    let fast = FastProfileDecoder(vocabulary: ruleSet.vocabulary)
    var precise = CorpusLineParser(path: "fuzz.jsonl", format: .jsonLines, vocabulary: ruleSet.vocabulary)
    if fast.decodeJSON(bytes, into: &values) {
        // The fast reader must never accept what the precise one refuses, nor read other values.
        guard let profile = precise.parse(bytes, line: 1)?.profile,
              CompiledProfile(profile, vocabulary: ruleSet.vocabulary).values == values else {
            fatalError("fast and precise readers disagree on: \(String(decoding: bytes, as: UTF8.self))")
        }
    }
    _ = decoder.decode(bytes, line: 1, into: &values)
    var csv = CorpusDecoder(path: "fuzz.csv", vocabulary: ruleSet.vocabulary)
    _ = csv.decode(Array(ruleSet.vocabulary.names.joined(separator: ",").utf8), line: 1, into: &values)
    _ = csv.decode(bytes, line: 2, into: &values)
    return 0
}
