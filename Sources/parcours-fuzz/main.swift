import Foundation
import ParcoursFuzz
import Platform

// Replays files through a fuzz harness, without libFuzzer: a finding kept by `.ci/fuzz`
// (`.build-fuzz/artifacts/`) or a whole corpus, to reproduce a crash under the debugger or to
// check that a fix holds. A broken invariant stops the process as it stops the fuzzer.
// Usage: parcours-fuzz HARNESS PATH...   (a PATH that is a folder: its regular files, in name order)

let usage = "usage: parcours-fuzz \(FuzzHarness.allCases.map(\.rawValue).joined(separator: "|")) PATH...\n"
let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let harness = FuzzHarness(rawValue: name), arguments.count > 1 else {
    FileHandle.standardError.write(Data(usage.utf8))
    exit(2)
}
let run: @Sendable ([UInt8]) -> Void
switch harness.prepare() {
case .success(let prepared): run = prepared
case .failure(let error):
    FileHandle.standardError.write(Data("parcours-fuzz: \(error)\n".utf8))
    exit(1)
}
/// libFuzzer's inputs are small (`-max_len=8192` in `.ci/fuzz`); a bigger file is not a finding.
let limit = 1 << 20
var paths: [String] = []
for path in arguments.dropFirst() {
    guard FileKind.of(path) == .folder else { paths.append(path); continue }
    do {
        paths += try SystemFolder.entries(of: path).filter { $0.kind == .regular }.map { path + "/" + $0.name }.sorted()
    } catch {
        FileHandle.standardError.write(Data("parcours-fuzz: \(error)\n".utf8))
        exit(1)
    }
}
var status: Int32 = 0
for path in paths {
    do {
        run(try SystemFile.read(path, limit: limit, regularOnly: true))
    } catch {
        FileHandle.standardError.write(Data("parcours-fuzz: \(error)\n".utf8))
        status = 1
    }
}
print("parcours-fuzz: \(harness.rawValue): \(paths.count) input\(paths.count == 1 ? "" : "s") replayed")
exit(status)
