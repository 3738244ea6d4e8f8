// libFuzzer harness: any bytes as a France Travail and as a Carnet de bord diagnosis (JSON or
// YAML, as the bytes say), read and, when accepted, mapped to a profile with the shipped
// rules' imports/ and evaluated. Must never crash; a diagnosis read with errors is never mapped.
import ParcoursEngine

let shipped = RuleSetLoader.load(directory: FuzzRules.directory, date: "2026-11-23").ruleSet

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImport(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let ruleSet = shipped else { fatalError("the shipped rule set does not load from \(FuzzRules.directory)") }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for format in [DiagnosisFormat.franceTravail, .carnetDeBord] {
        guard let mapping = ruleSet.importMapping(format) else { fatalError("no shipped mapping for \(format)") }
        for path in ["-", "diagnostic.json", "diagnostic.yaml"] {
            let read = DiagnosisReader.read(SourceFile(path: path, bytes: bytes), format: format)
            guard let diagnosis = read.diagnosis else { continue }
            if read.diagnostics.contains(where: { $0.severity == .error }) { fatalError("a diagnosis with errors was read: \(read.diagnostics)") }
            let result = DiagnosisImport.apply(diagnosis, mapping: mapping, vocabulary: ruleSet.vocabulary)
            _ = Evaluator(ruleSet: ruleSet).recommend(result.profile)
        }
    }
    return 0
}
