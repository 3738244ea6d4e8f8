import Foundation
@testable import ParcoursCommands
import ParcoursEngine

/// The examples of a Markdown document: every fenced ```console block, each `$ command` line
/// followed by the output the document shows for it. `ConsoleTranscript.run` replays a command
/// in this process, through a small shell that knows only what the documents use.
struct ConsoleTranscript {
    /// One `$ command` of a console block and the output lines shown under it.
    struct Example {
        let command: String
        /// 1-based line of the `$` in the document.
        let line: Int
        /// The output as the document shows it: each line followed by a newline.
        let shown: String
    }

    /// A document cut into the text around the examples (kept as is) and the examples.
    enum Piece {
        case text(String)
        case example(Example)
    }

    let pieces: [Piece]

    var examples: [Example] {
        pieces.compactMap { if case .example(let example) = $0 { return example } else { return nil } }
    }

    init(document: String) {
        var pieces: [Piece] = []
        var lines = document.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        var index = 0
        var text: [String] = []
        func flushText() {
            if !text.isEmpty { pieces.append(.text(text.map { $0 + "\n" }.joined())) }
            text = []
        }
        while index < lines.count {
            let line = lines[index]
            text.append(line)
            index += 1
            guard line == "```console" else { continue }
            while index < lines.count, lines[index] != "```" {
                if lines[index].hasPrefix("$ ") {
                    flushText()
                    let start = index
                    index += 1
                    var output: [String] = []
                    while index < lines.count, lines[index] != "```", !lines[index].hasPrefix("$ ") {
                        output.append(lines[index])
                        index += 1
                    }
                    pieces.append(.example(Example(command: String(lines[start].dropFirst(2)), line: start + 1,
                                                   shown: output.map { $0 + "\n" }.joined())))
                } else {
                    text.append(lines[index])
                    index += 1
                }
            }
        }
        flushText()
        self.pieces = pieces
    }

    /// The document again, each example's output replaced by `outputs[i]`.
    func rendered(outputs: [String]) -> String {
        var result = ""
        var next = 0
        for piece in pieces {
            switch piece {
            case .text(let text): result += text
            case .example(let example):
                result += "$ " + example.command + "\n" + outputs[next]
                next += 1
            }
        }
        return result
    }

    /// Output as a document shows it: every line ends with a newline.
    static func shown(_ output: String) -> String {
        output.isEmpty || output.hasSuffix("\n") ? output : output + "\n"
    }

    // MARK: - The small shell

    /// What replaying a command gives, or why it could not be replayed.
    enum Outcome {
        case output(String, code: Int32)
        case unsupported(String)
    }

    /// Splits a command line into words: '…' literal, "…" with \" and \\, a bare | its own word.
    static func words(_ command: String) -> [String] {
        var words: [String] = []
        var current = ""
        var started = false
        var quote: Character?
        var iterator = command.makeIterator()
        while let character = iterator.next() {
            if let open = quote {
                if character == open { quote = nil; continue }
                if open == "\"", character == "\\", let escaped = iterator.next() {
                    if escaped != "\"" && escaped != "\\" { current.append("\\") }
                    current.append(escaped)
                    continue
                }
                current.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                started = true
            } else if character == " " {
                if started || !current.isEmpty { words.append(current) }
                current = ""
                started = false
            } else if character == "|" {
                if started || !current.isEmpty { words.append(current) }
                words.append("|")
                current = ""
                started = false
            } else {
                current.append(character)
            }
        }
        if started || !current.isEmpty { words.append(current) }
        return words
    }

    /// `printf`'s escapes: \n, \t, \\ and %%.
    static func printf(_ format: String) -> String {
        format.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\t", with: "\t")
            .replacingOccurrences(of: "\\\\", with: "\\").replacingOccurrences(of: "%%", with: "%")
    }

    /// The lines of `text`, without their newlines (a last line without one included).
    static func lines(_ text: String) -> [Substring] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") || text.isEmpty { lines.removeLast() }
        return lines
    }

    /// Collects standard output apart, and everything (output and errors) in the order written.
    final class Capture: @unchecked Sendable {
        private let lock = NSLock()
        private var out = ""
        private var err = ""
        private var all = ""
        func write(_ text: String) { lock.withLock { out += text; all += text } }
        func writeError(_ text: String) { lock.withLock { err += text; all += text } }
        var output: String { lock.withLock { out } }
        var error: String { lock.withLock { err } }
        var interleaved: String { lock.withLock { all } }
    }

    /// Replays `command` from the package root: a pipeline of `printf`, `cat`, `head -n N`,
    /// `sed -n 'A,Bp'` and `parcours …` (in this process, in French, `2>/dev/null` allowed), or
    /// `echo $?` for the previous command's exit code. What a terminal would show comes back:
    /// the last stage's output and errors in the order written, after the errors of the others.
    static func run(_ command: String, previousCode: Int32, root: String) -> Outcome {
        let words = words(command)
        if words == ["echo", "$?"] { return .output("\(previousCode)\n", code: 0) }
        var stages: [[String]] = [[]]
        for word in words { if word == "|" { stages.append([]) } else { stages[stages.count - 1].append(word) } }
        var input = ""
        var errors = ""
        var code: Int32 = 0
        for (index, stage) in stages.enumerated() {
            let last = index == stages.count - 1
            guard let name = stage.first else { return .unsupported("étape vide") }
            let arguments = Array(stage.dropFirst())
            switch name {
            case "printf" where arguments.count == 1:
                input = printf(arguments[0])
            case "cat" where !arguments.isEmpty:
                var text = ""
                for path in arguments {
                    if path == "-" { text += input; continue }
                    guard let file = try? String(contentsOfFile: root + "/" + path, encoding: .utf8) else { return .unsupported("fichier illisible : \(path)") }
                    text += file
                }
                input = text
            case "head" where arguments.count == 2 && arguments[0] == "-n":
                guard let count = Int(arguments[1]) else { return .unsupported("head -n N") }
                input = lines(input).prefix(count).map { $0 + "\n" }.joined()
            case "sed" where arguments.count == 2 && arguments[0] == "-n" && arguments[1].hasSuffix("p"):
                let bounds = arguments[1].dropLast().split(separator: ",").compactMap { Int($0) }
                guard bounds.count == 2 else { return .unsupported("sed -n 'A,Bp'") }
                input = lines(input).enumerated().filter { $0.offset + 1 >= bounds[0] && $0.offset + 1 <= bounds[1] }
                    .map { $0.element + "\n" }.joined()
            case "parcours":
                var arguments = arguments
                let silent = arguments.last == "2>/dev/null"
                if silent { arguments.removeLast() }
                if let odd = arguments.first(where: { $0.hasPrefix(">") || $0.hasPrefix("2>") || $0.hasPrefix("<") }) {
                    return .unsupported("redirection \(odd)")
                }
                let capture = Capture()
                let given = input
                let terminal = Terminal(readInput: { .success(Array(given.utf8)) }, write: capture.write,
                                        writeError: { if !silent { capture.writeError($0) } }, language: .fr)
                code = ParcoursCLI.run(arguments, terminal: terminal)
                if last {
                    return .output(errors + capture.interleaved, code: code)
                }
                errors += capture.error
                input = capture.output
            default:
                return .unsupported(stage.joined(separator: " "))
            }
            code = 0
            if last { return .output(errors + input, code: code) }
        }
        return .output(errors + input, code: code)
    }
}
