import Foundation
import ParcoursBatch
import ParcoursEngine
import YAML

/// The fuzz harnesses: each takes any bytes and must never crash, hang or break an invariant
/// (a broken invariant is a `fatalError`, which libFuzzer keeps as a finding). `.ci/fuzz` links
/// them into libFuzzer binaries; `parcours-fuzz` replays files through them (a finding, a corpus).
public enum FuzzHarness: String, CaseIterable, Sendable {
    /// Any bytes through the YAML layer (libyaml, tree building, limits).
    case yaml
    /// Any bytes as a profile (YAML or JSON) answered by the shipped rules, as a JSON corpus line
    /// (the fast and precise readers must agree) and as a CSV row.
    case profile
    /// Any text as the `when:` of one rule added to the shipped rule set (condition and
    /// comparison parsers, facts, lowering and the analyses of loading).
    case condition
    /// Any bytes as one more rule file of the shipped rule set, loaded and, when it loads, compiled.
    case rulefile
    /// Any bytes as a France Travail and as a Carnet de bord diagnosis, read and, when accepted,
    /// answered with the shipped rules' imports. A diagnosis read with errors is never mapped.
    case `import`

    /// A harness ready to run: the shipped rules loaded once.
    public func prepare() -> Result<@Sendable ([UInt8]) -> Void, FuzzSetupError> {
        if self == .yaml { return .success(Self.yaml) }
        return FuzzRules.load().map { rules in
            switch self {
            case .yaml: return Self.yaml
            case .profile: return { Self.profile($0, rules) }
            case .condition: return { Self.condition($0, rules) }
            case .rulefile: return { Self.ruleFile($0, rules) }
            case .import: return { Self.diagnosis($0, rules) }
            }
        }
    }

    static func yaml(_ bytes: [UInt8]) {
        _ = try? YAMLParser.parseDocument(bytes: bytes)
    }

    static func profile(_ bytes: [UInt8], _ shipped: FuzzRules) {
        let rules = shipped.rules, vocabulary = rules.ruleSet.vocabulary
        for path in ["fuzz.yaml", "fuzz.json", "-"] {
            _ = try? rules.recommend(.file(SourceFile(path: path, bytes: bytes)))
        }
        var values: [Int64] = []
        let fast = FastProfileDecoder(vocabulary: vocabulary)
        var precise = CorpusLineParser(path: "fuzz.jsonl", format: .jsonLines, vocabulary: vocabulary)
        if fast.decodeJSON(bytes, into: &values) {
            // The fast reader must never accept what the precise one refuses, nor read other values.
            guard let profile = precise.parse(bytes, line: 1)?.profile,
                  CompiledProfile(profile, vocabulary: vocabulary).values == values else {
                fatalError("fast and precise readers disagree on: \(String(decoding: bytes, as: UTF8.self))")
            }
        }
        var decoder = CorpusDecoder(path: "fuzz.jsonl", vocabulary: vocabulary)
        _ = decoder.decode(bytes, line: 1, into: &values)
        var csv = CorpusDecoder(path: "fuzz.csv", vocabulary: vocabulary)
        _ = csv.decode(Array(vocabulary.names.joined(separator: ",").utf8), line: 1, into: &values)
        _ = csv.decode(bytes, line: 2, into: &values)
    }

    static func condition(_ bytes: [UInt8], _ shipped: FuzzRules) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let quoted = try? JSONEncoder().encode(text), let when = String(data: quoted, encoding: .utf8) else { return }
        let rule = """
        rules:
          - id: fuzz
            title: Fuzz
            source: "fuzz"
            when: \(when)
            route: work_first
            why: "fuzz"
        """
        var files = shipped.files
        files.rules.append(SourceFile(path: "fuzz.yaml", text: rule))
        _ = RuleSetLoader.load(files, date: FuzzRules.date)
    }

    static func ruleFile(_ bytes: [UInt8], _ shipped: FuzzRules) {
        var files = shipped.files
        files.rules.append(SourceFile(path: "fuzz.yaml", bytes: bytes))
        if let ruleSet = RuleSetLoader.load(files, date: FuzzRules.date).ruleSet { _ = CompiledRuleSet(ruleSet) }
    }

    static func diagnosis(_ bytes: [UInt8], _ shipped: FuzzRules) {
        for format in [DiagnosisFormat.franceTravail, .carnetDeBord] {
            for path in ["-", "diagnostic.json", "diagnostic.yaml"] {
                let file = SourceFile(path: path, bytes: bytes)
                let read = DiagnosisReader.read(file, format: format)
                guard read.diagnosis != nil else { continue }
                if read.diagnostics.contains(where: { $0.severity == .error }) { fatalError("a diagnosis with errors was read: \(read.diagnostics)") }
                do {
                    _ = try shipped.rules.recommend(.diagnosis(file, format))
                } catch {
                    fatalError("a diagnosis read without errors was not answered: \(error)")
                }
            }
        }
    }
}
