import Foundation
import ParcoursBatch
import ParcoursEngine
import ParcoursRendering

/// The progress line of `batch` on a terminal: profiles evaluated, the share of the file read
/// when its size is known, the rate; then a closing line. Nothing when standard error is not a
/// terminal or with `--quiet`.
struct Progress {
    let terminal: Terminal
    let total: Int?
    let shown: Bool
    private var bytesRead = 0
    private var evaluated = 0
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastShown: UInt64 = 0

    init(terminal: Terminal, total: Int?) {
        self.terminal = terminal
        self.total = total
        self.shown = !terminal.quiet && isatty(2) == 1
    }

    mutating func read(bytes: Int) { bytesRead += bytes }

    mutating func evaluated(_ count: Int) {
        evaluated += count
        guard shown else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastShown > 200_000_000 else { return }
        lastShown = now
        var text = "\r" + Self.number(evaluated, terminal.language) + (terminal.language == .fr ? " profils" : " profiles")
        if let total, total > 0 { text += " (\(min(100, bytesRead * 100 / total)) %)" }
        text += " — " + rate(now) + "   "
        terminal.writeError(text)
    }

    /// The closing line, on the progress line's place.
    func finish(profiles: Int) {
        guard shown else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let seconds = Double(now - start) / 1e9
        let time = terminal.language == .fr ? String(format: "%.1f", seconds).replacingOccurrences(of: ".", with: ",") : String(format: "%.1f", seconds)
        terminal.writeError("\r" + terminal.say("parcours : \(Self.number(profiles, .fr)) profils évalués en \(time) s (\(rate(now)))",
                                                en: "parcours: \(Self.number(profiles, .en)) profiles evaluated in \(time) s (\(rate(now)))") + "      \n")
    }

    private func rate(_ now: UInt64) -> String {
        let seconds = max(1e-9, Double(now - start) / 1e9)
        return Self.number(Int(Double(evaluated) / seconds), terminal.language) + (terminal.language == .fr ? " profils/s" : " profiles/s")
    }

    /// `1 234 567` (French, narrow no-break spaces) or `1,234,567`.
    static func number(_ value: Int, _ language: Language) -> String {
        let digits = Array(String(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += language == .fr ? "\u{202F}" : "," }
            result.append(digit)
        }
        return result
    }
}
