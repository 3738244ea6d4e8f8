// libFuzzer harness: any bytes as one more rule file of the shipped rule set (conditions,
// comparisons, facts, references), loaded and, when it loads, compiled.
import ParcoursEngine

let base = RuleSetFiles.read(directory: FuzzRules.directory)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRuleFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var files = base
    files.rules.append(SourceFile(path: "fuzz.yaml", bytes: Array(UnsafeBufferPointer(start: data, count: size))))
    let result = RuleSetLoader.load(files, date: "2026-11-23")
    if let ruleSet = result.ruleSet { _ = CompiledRuleSet(ruleSet) }
    return 0
}
