import Bytes
import Dispatch
import Foundation
import ParcoursCommands
import ParcoursEngine
import ParcoursTestSupport

// The Parcours benchmark: throughput on in-memory profiles (1 job and all jobs), latency
// percentiles of single evaluations, peak memory; writes the generated decisions, profiles and
// Parcours' matches for the peer engines (bench/peers.py). Prints figures; asserts nothing.
// Usage: parcours-bench RULES_DIR SCENARIOS_DIR WORK_DIR [PROFILES]

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(Data("usage: parcours-bench RULES_DIR SCENARIOS_DIR WORK_DIR [PROFILES]\n".utf8))
    exit(2)
}
let work = arguments[3]
let count = arguments.count > 4 ? Int(arguments[4]) ?? 1_000_000 : 1_000_000
let jobs = ProcessInfo.processInfo.activeProcessorCount
let date = "2026-11-22"

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func rate(_ profiles: Int, _ nanoseconds: UInt64) -> String {
    let perSecond = Double(profiles) / (Double(nanoseconds) / 1e9)
    return String(format: "%.2f M profiles/s", perSecond / 1e6)
}
func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}
func percentile(_ sorted: [UInt64], _ p: Double) -> String {
    guard !sorted.isEmpty else { return "-" }
    let index = min(sorted.count - 1, Int(Double(sorted.count) * p))
    return String(format: "%.2f µs", Double(sorted[index]) / 1000)
}

let engine = Engine(rules: arguments[1], scenarios: arguments[2])
guard let rulesInForce = try? engine.rules(on: date) else {
    FileHandle.standardError.write(Data("the shipped rule set does not load: run parcours check\n".utf8))
    exit(1)
}
let shipped = rulesInForce.ruleSet
let vocabulary = shipped.vocabulary

// Profiles, in memory, as slots (the form the peers also receive: parsed values).
var sampler = ProfileSampler(vocabulary: vocabulary, seed: 1)
let started = now()
var slots = [Int64]()
slots.reserveCapacity(count * vocabulary.fields.count)
for _ in 0..<count { slots += CompiledProfile(sampler.next(), vocabulary: vocabulary).values }
let width = vocabulary.fields.count
print("Parcours benchmark — \(count) generated profiles (\(String(format: "%.1f", Double(now() - started) / 1e9)) s to generate), \(jobs) cores")

/// Runs `body(range)` over the profiles split in `parts`, in parallel; returns elapsed ns.
func timed(parts: Int, _ body: @escaping @Sendable (Range<Int>) -> Void) -> UInt64 {
    let start = now()
    if parts == 1 { body(0..<count) } else {
        DispatchQueue.concurrentPerform(iterations: parts) { part in body((count * part / parts)..<(count * (part + 1) / parts)) }
    }
    return now() - start
}

let allSlots = slots
func matchRun(_ compiled: CompiledRuleSet, parts: Int) -> (UInt64, Int) {
    let total = Counter()
    let elapsed = timed(parts: parts) { range in
        var matches = 0
        allSlots.withView { all in
            compiled.matches(all.rebased(range.lowerBound * width..<range.upperBound * width), profiles: range.count, stride: width) { _, fired in matches += fired.count }
        }
        total.add(matches)
    }
    return (elapsed, total.value)
}

func fullRun(_ compiled: CompiledRuleSet, parts: Int) -> UInt64 {
    timed(parts: parts) { range in
        var outcome = CompiledOutcome()
        allSlots.withView { all in
            compiled.withKernel { kernel in
                for index in range { kernel.evaluate(all.rebased(index * width..<(index + 1) * width), into: &outcome) }
            }
        }
    }
}

/// A total shared by the benchmark's workers, behind a lock.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    func add(_ n: Int) { lock.withLock { total += n } }
    var value: Int { lock.withLock { total } }
}

// 1. The generated 150-rule set: collect every matching rule, like the peers.
var generator = RuleGenerator(vocabulary: vocabulary, random: RandomSource(seed: 150))
let specs = generator.rules(150)
let generatedRules = specs.map { spec in
    Rule(id: spec.id, title: spec.id, source: "generated", priority: 0, condition: spec.condition, route: nil, referent: nil, why: nil,
         suggestions: [], location: SourceLocation(file: "generated", line: 1, column: 1))
}
let generated = CompiledRuleSet(RuleSet(vocabulary: vocabulary, catalogue: shipped.catalogue, facts: [], rules: generatedRules, date: date))
let conditionCount = specs.reduce(0) { $0 + $1.conditions.count }
print("")
print("Generated rule set: 150 rules, \(String(format: "%.2f", Double(conditionCount) / 150)) conditions per rule on average")
_ = matchRun(generated, parts: 1)  // warm up
let (oneJob, matches) = matchRun(generated, parts: 1)
print("  matching, 1 job:     \(rate(count, oneJob))   (\(String(format: "%.1f", Double(matches) / Double(count))) matches per profile)")
let (allJobs, _) = matchRun(generated, parts: jobs)
print("  matching, \(jobs) jobs:    \(rate(count, allJobs))")

// 2. The shipped rule set: full outcome (route, référent, steps, schemes).
let compiledShipped = CompiledRuleSet(shipped)
print("")
print("Shipped rule set: \(shipped.rules.count) rules, \(shipped.schemes.count) schemes, full outcome per profile")
_ = fullRun(compiledShipped, parts: 1)
print("  evaluation, 1 job:   \(rate(count, fullRun(compiledShipped, parts: 1)))")
print("  evaluation, \(jobs) jobs:  \(rate(count, fullRun(compiledShipped, parts: jobs)))")

// 2b. Reading corpus lines in memory (the fast decoder alone, no file, no rules): what batch
// pays per line before evaluating.
do {
    // Written as `parcours sample` writes them: one encoder per format, lines straight into bytes.
    var lineSampler = ProfileSampler(vocabulary: vocabulary, seed: 1)
    let lineCount = 200_000
    let jsonBytes = ByteBuffer(), csvBytes = ByteBuffer()
    let jsonEncoder = ProfileEncoder(vocabulary: vocabulary, format: .jsonl), csvEncoder = ProfileEncoder(vocabulary: vocabulary, format: .csv)
    /// Where each line ends, after its newline.
    var jsonEnds: [Int] = [], csvEnds: [Int] = []
    var profile = Array(repeating: CompiledProfile.unknown, count: vocabulary.fields.count)
    profile.withMutableView { profile in
        for _ in 0..<lineCount {
            for i in profile.indices { profile[i] = CompiledProfile.unknown }
            lineSampler.next(into: profile)
            jsonEncoder.write(profile.view, into: jsonBytes)
            jsonEnds.append(jsonBytes.count)
            csvEncoder.write(profile.view, into: csvBytes)
            csvEnds.append(csvBytes.count)
        }
    }
    let decoder = FastProfileDecoder(vocabulary: vocabulary)
    var csvDecoder = decoder
    _ = csvDecoder.readHeader(Array(vocabulary.csvHeader.utf8))
    func decodeAll(_ bytes: ByteBuffer, _ ends: [Int], csv: Bool) -> (UInt64, Int) {
        var values = Array(repeating: CompiledProfile.unknown, count: decoder.slotCount)
        var accepted = 0
        var best = UInt64.max
        for _ in 0..<3 {
            accepted = 0
            let start = now()
            bytes.withBytes { bytes in
                values.withMutableView { values in
                    let bytes = BufferView(bytes)
                    var from = 0
                    for end in ends {
                        let line = bytes.rebased(from..<end - 1)
                        if csv ? csvDecoder.decodeCSV(line, into: values) : decoder.decodeJSON(line, into: values) { accepted += 1 }
                        from = end
                    }
                }
            }
            best = min(best, now() - start)
        }
        return (best, accepted)
    }
    print("")
    print("Reading corpus lines in memory (fast decoder, \(lineCount) lines, best of 3)")
    for (name, bytes, ends, csv) in [("JSON lines", jsonBytes, jsonEnds, false), ("CSV", csvBytes, csvEnds, true)] {
        let (elapsed, accepted) = decodeAll(bytes, ends, csv: csv)
        let megabytes = String(format: "%.0f", Double(bytes.count) / (Double(elapsed) / 1e9) / 1e6)
        print("  \(name): \(rate(lineCount, elapsed)), \(megabytes) MB/s (\(accepted) of \(lineCount) lines read fast)")
    }
}

// 3. Latency of single evaluations, in process.
var latencies: [UInt64] = []
let samples = min(count, 200_000)
latencies.reserveCapacity(samples)
var outcome = CompiledOutcome()
allSlots.withView { all in
    for index in 0..<samples {
        let start = now()
        compiledShipped.evaluate(all.rebased(index * width..<(index + 1) * width), into: &outcome)
        latencies.append(now() - start)
    }
}
latencies.sort()
print("")
print("Latency of one evaluation (shipped rules, compiled, \(samples) samples): p50 \(percentile(latencies, 0.5)), p99 \(percentile(latencies, 0.99)), max \(percentile(latencies, 1.0))")
var interpreted: [UInt64] = []
var explainSampler = ProfileSampler(vocabulary: vocabulary, seed: 5)
/// The use-case layer's recommendation of one profile in memory (what the CLI and server call).
func recommend(_ profile: Profile) -> Recommendation { rulesInForce.recommend(profile) }
for _ in 0..<20_000 {
    let profile = explainSampler.next()
    let start = now()
    _ = recommend(profile)
    interpreted.append(now() - start)
}
interpreted.sort()
print("Latency of one explained recommendation (as `recommend` computes it, with questions): p50 \(percentile(interpreted, 0.5)), p99 \(percentile(interpreted, 0.99))")
print("")
print(String(format: "Peak memory (resident): %.0f MB, of which profiles in memory: %.0f MB", peakMemoryMB(), Double(allSlots.count * 8) / 1e6))

// 5. A data·inclusion export of 100,000 invented services (1,000 structures over 100
// départements, thématiques and réseaux from the catalogue): loading it, then matching the
// steps of sampled recommendations with nearby services.
do {
    let entries = shipped.catalogue.entries
    let thematiques = Array(Set(entries.flatMap(\.thematiques))).sorted()
    let reseaux = Array(Set(entries.flatMap(\.reseauxPorteurs))).sorted()
    var export: [UInt8] = []
    func quoted(_ text: String) -> String { JSONValue.quote(text) }
    for structure in 0..<1_000 {
        let department = structure % 100 + 1
        let insee = String(format: "%02d%03d", department, structure % 900 + 1)
        export += Array(("{\"source\":\"bench\",\"id\":\"s\(structure)\",\"nom\":\"Structure \(structure)\",\"description\":\"Structure inventée pour le banc d'essai de Parcours.\",\"date_maj\":\"2026-11-01\","
            + "\"commune\":\"Commune \(structure)\",\"code_postal\":\(quoted(String(format: "%02d000", department))),\"code_insee\":\(quoted(insee)),\"adresse\":\"\(structure) rue d'Essai\","
            + "\"telephone\":\"+33200000000\",\"reseaux_porteurs\":[\(quoted(reseaux[structure % reseaux.count]))]}\n").utf8)
    }
    for service in 0..<100_000 {
        let structure = service % 1_000
        let themes = [thematiques[service % thematiques.count], thematiques[(service / 7) % thematiques.count]]
        export += Array(("{\"source\":\"bench\",\"id\":\"v\(service)\",\"structure_id\":\"s\(structure)\",\"nom\":\"Service \(service)\",\"description\":\"Service inventé pour le banc d'essai de Parcours, sans donnée réelle.\","
            + "\"date_maj\":\"2026-11-01\",\"thematiques\":[\(themes.map(quoted).joined(separator: ","))],\"frais\":\"gratuit\",\"modes_accueil\":[\"en-presentiel\"],"
            + "\"zone_eligibilite\":[\(quoted(String(format: "%02d", structure % 100 + 1)))]}\n").utf8)
    }
    var loads: [UInt64] = []
    var directory: ServiceDirectory?
    for _ in 0..<3 {
        let start = now()
        directory = ServiceDirectoryReader.read(export, path: "bench.jsonl").directory
        loads.append(now() - start)
    }
    loads.sort()
    if let directory {
        var sampler = ProfileSampler(vocabulary: vocabulary, seed: 9)
        let departmentField = vocabulary.field(named: "department")
        var recommendations: [(Recommendation, Int)] = []
        for index in 0..<2_000 {
            var profile = sampler.next()
            if let field = departmentField { profile[field.index] = .scalar(index % 100 + 1) }
            recommendations.append((recommend(profile), index % 100 + 1))
        }
        var matched = 0
        let start = now()
        for _ in 0..<10 {
            for (recommendation, department) in recommendations {
                matched += directory.attach(to: recommendation, department: department).steps.reduce(0) { $0 + ($1.services?.count ?? 0) }
            }
        }
        let perRecommendation = Double(now() - start) / 20_000 / 1e3
        print("")
        print(String(format: "Services export: %d services (%.0f MB of JSON lines), loaded in %.0f ms (median of 3); matching a recommendation's steps: %.1f µs (%.1f services per recommendation)",
                     directory.count, Double(export.count) / 1e6, Double(loads[1]) / 1e6, perRecommendation, Double(matched) / 20_000))
    }
}

// 4. Files for the peer engines: decisions, profiles (first 100,000) and Parcours' matches.
let peerCount = min(count, 100_000)
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
try RuleGenerator.json(specs).write(toFile: work + "/decisions.json", atomically: true, encoding: .utf8)
var profileLines = ""
var matchLines = ""
var fired: [Int32] = []
var replay = ProfileSampler(vocabulary: vocabulary, seed: 1)
for index in 0..<peerCount {
    let profile = replay.next()
    profileLines += profile.jsonLine(vocabulary) + "\n"
    allSlots.withView { generated.matches($0.rebased(index * width..<(index + 1) * width), into: &fired) }
    matchLines += fired.map { specs[Int($0)].id }.joined(separator: ",") + "\n"
}
try profileLines.write(toFile: work + "/profiles.jsonl", atomically: true, encoding: .utf8)
try matchLines.write(toFile: work + "/parcours-matches.txt", atomically: true, encoding: .utf8)
print("")
print("PARCOURS_1JOB_PER_SECOND=\(Int(Double(count) / (Double(oneJob) / 1e9)))")
