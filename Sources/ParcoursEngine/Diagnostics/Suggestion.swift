import Foundation
import Synchronization

/// Finds the likely intended word among known ones ("did you mean `childcare`?").
package enum Spelling {
    /// The closest candidate within a small edit distance, or nil. Ties go to the earlier candidate.
    package static func closest(to word: String, in candidates: [String]) -> String? {
        // Identifiers are short: a long word is not a typo of one (and would cost too much to compare).
        guard word.utf8.count <= 64 else { return nil }
        let limit = max(2, word.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// A hint sentence for `word`, or nil when nothing is close.
    package static func hint(for word: String, in candidates: [String]) -> Phrase? {
        closest(to: word, in: candidates).map { Phrase("vouliez-vous dire « \($0) » ?", en: "did you mean \"\($0)\"?") }
    }

    /// Like `hint(for:in:)`, also looking among French labels, each standing for an id: the
    /// French `permis_de_conduire` finds `driving_licence`, labelled « Permis de conduire ».
    package static func hint(for word: String, in candidates: [String], labels: [(label: String, id: String)]) -> Phrase? {
        hint(for: word, in: candidates, labels: labels, folded: labels.map { fold($0.label) })
    }

    /// Like `hint(for:in:labels:)`, the labels already folded (`folded[i]` is `fold(labels[i].label)`).
    package static func hint(for word: String, in candidates: [String], labels: [(label: String, id: String)], folded: [String]) -> Phrase? {
        if let direct = hint(for: word, in: candidates) { return direct }
        guard let match = closest(to: fold(word), in: folded), let index = folded.firstIndex(of: match) else { return nil }
        let id = labels[index].id
        return Phrase("vouliez-vous dire « \(id) » (\(labels[index].label)) ?", en: "did you mean \"\(id)\" (\(labels[index].label))?")
    }

    /// A label or word as an id would spell it: lowercase, no accents, `_` between words.
    static func fold(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if scalar.isASCII || !scalar.properties.isDiacritic { result.unicodeScalars.append(scalar) }
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else if !result.isEmpty && !result.hasSuffix("_") {
                result += "_"
            }
        }
        while result.hasSuffix("_") { result.removeLast() }
        return result
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// Spelling suggestions already computed, by word: each distinct word costs one search. Holds
/// at most `capacity` words (a hostile input cannot grow it); past that, suggestions are computed
/// again (each input reports at most `Limits.diagnostics` problems, so that stays bounded too).
package final class SpellingMemo: Sendable {
    package static let capacity = 4096
    private let known = Mutex<[String: Phrase?]>([:])

    package init() {}

    package func hint(for word: String, _ compute: () -> Phrase?) -> Phrase? {
        // Long words are not typos of an identifier (`Spelling.closest`): not worth keeping.
        guard word.utf8.count <= 64 else { return compute() }
        if let hit = known.withLock({ $0[word] }) { return hit }
        let hint = compute()
        known.withLock { known in
            if known.count < Self.capacity { known[word] = hint }
        }
        return hint
    }
}
