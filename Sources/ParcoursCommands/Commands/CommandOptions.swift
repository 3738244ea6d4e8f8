import Foundation
import ParcoursBatch
import ParcoursEngine
import ParcoursRendering

/// The options every rule-set command takes.
public struct CommonOptions: Equatable, Sendable {
    public var rules: String?
    public var scenarios: String?
    public var date: String?

    public init(rules: String? = nil, scenarios: String? = nil, date: String? = nil) {
        self.rules = rules
        self.scenarios = scenarios
        self.date = date
    }
}

/// Options of `parcours diff`.
public struct DiffOptions: Equatable, Sendable {
    public var base: String
    public var baseScenarios: String?
    public var corpus: String
    public var common = CommonOptions()
    public var format: OutputFormat = .text
    public var examples = 3
    public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
}

/// Options of `parcours replay`.
public struct ReplayOptions: Equatable, Sendable {
    public var paths: [String] = []
    public var rules: String?
    public var scenarios: String?
    public var filter: String?
    public var junit: String?
    public var coverage = false
    public var date: String?
}

/// The output formats of `recommend`.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json
}

/// A command line that cannot be understood; printed with the usage, exit code 2.
public struct UsageError: Error, Equatable {
    public let message: Phrase

    public init(message: Phrase) { self.message = message }

    init(_ fr: String, en: String) { message = Phrase(fr, en: en) }
}

/// Spelling suggestions for command names, shared with the engine's.
enum Suggest {
    static func word(_ word: String, in candidates: [String]) -> String? {
        Spelling.closest(to: word, in: candidates)
    }
}
