/// Reads one JSON string as RFC 8259 (section 7) defines it: the one reading of JSON strings,
/// shared by the JSON reader of corpus lines and diagnoses (`JSONParser`, over Unicode scalars) and the
/// services export reader (`ServiceDirectoryReader`, over UTF-8 bytes). Quotes, backslashes,
/// escapes and control characters are ASCII, so both kinds of unit read the same.
///
/// Accepted: any character from U+0020 except `"` and `\`; the escapes `\"`, `\\`, `\/`, `\b`,
/// `\f`, `\n`, `\r`, `\t`; `\uXXXX` (four hex digits, either case), a character outside the
/// basic plane written as a surrogate pair (`\ud83d\ude00`). Refused: a raw control character
/// (below U+0020), any other escape, `\u` without four hex digits, a lone surrogate (a high one
/// not followed by a low one, or a low one alone), and a string never closed.
enum JSONStringScanner {
    /// What makes a string invalid.
    enum Problem: CaseIterable, Sendable {
        case unclosed, controlCharacter, unknownEscape, malformedUnicodeEscape, loneSurrogate

        /// The problem in French and in English, as the readers report it.
        var phrase: Phrase {
            switch self {
            case .unclosed: return Phrase("texte non fermé", en: "unclosed text")
            case .controlCharacter: return Phrase("caractère de contrôle dans un texte", en: "control character in a text")
            case .unknownEscape: return Phrase("échappement inconnu", en: "unknown escape")
            case .malformedUnicodeEscape: return Phrase("échappement \\u mal formé", en: "malformed \\u escape")
            case .loneSurrogate:
                return Phrase("échappement \\u d'une moitié de paire UTF-16 sans l'autre", en: "\\u escape of a lone UTF-16 surrogate")
            }
        }
    }

    /// A refused string: the problem, and the index of the unit it is at (the opening quote
    /// for `unclosed`; the escape's letter for `unknownEscape`; its first hex digit for the
    /// `\u` problems).
    struct Failure: Error, Sendable, Equatable {
        let problem: Problem
        let offset: Int
    }

    /// The string whose opening quote is at `quote` in `units`: its text, and the index just
    /// past its closing quote. Raw runs between escapes are decoded as the unit type says
    /// (invalid UTF-8 replaced, as Swift does).
    static func scan<Units: RandomAccessCollection>(_ units: Units, quote: Int) throws(Failure) -> (text: String, next: Int)
    where Units.Index == Int, Units.Element: JSONCodeUnit {
        let end = units.endIndex
        var text = ""
        var run = quote + 1
        var k = run
        while k < end {
            let unit = units[k].jsonValue
            if unit == 0x22 {
                if run == quote + 1 { return (Units.Element.text(units[run..<k]), k + 1) }
                text += Units.Element.text(units[run..<k])
                return (text, k + 1)
            }
            if unit < 0x20 { throw Failure(problem: .controlCharacter, offset: k) }
            guard unit == 0x5C else { k += 1; continue }
            text += Units.Element.text(units[run..<k])
            guard k + 1 < end else { break }
            let escape = units[k + 1].jsonValue
            switch escape {
            case 0x22, 0x5C, 0x2F: text.unicodeScalars.append(Unicode.Scalar(UInt8(escape)))
            case 0x62: text.unicodeScalars.append("\u{8}")
            case 0x66: text.unicodeScalars.append("\u{C}")
            case 0x6E: text.unicodeScalars.append("\n")
            case 0x72: text.unicodeScalars.append("\r")
            case 0x74: text.unicodeScalars.append("\t")
            case 0x75:
                let (scalar, next) = try unicodeEscape(units, at: k)
                text.unicodeScalars.append(scalar)
                k = next
                run = k
                continue
            default:
                throw Failure(problem: escape < 0x20 ? .controlCharacter : .unknownEscape, offset: k + 1)
            }
            k += 2
            run = k
        }
        throw Failure(problem: .unclosed, offset: quote)
    }

    /// The character of the `\u` escape whose backslash is at `at` (two escapes for a
    /// surrogate pair), and the index past it.
    private static func unicodeEscape<Units: RandomAccessCollection>(_ units: Units, at: Int) throws(Failure) -> (Unicode.Scalar, next: Int)
    where Units.Index == Int, Units.Element: JSONCodeUnit {
        guard let high = hex4(units, at + 2) else { throw Failure(problem: .malformedUnicodeEscape, offset: at + 2) }
        if (0xDC00...0xDFFF).contains(high) { throw Failure(problem: .loneSurrogate, offset: at + 2) }
        guard (0xD800...0xDBFF).contains(high) else {
            guard let scalar = Unicode.Scalar(high) else { throw Failure(problem: .malformedUnicodeEscape, offset: at + 2) }
            return (scalar, at + 6)
        }
        let second = at + 6
        guard second + 1 < units.endIndex, units[second].jsonValue == 0x5C, units[second + 1].jsonValue == 0x75 else {
            throw Failure(problem: .loneSurrogate, offset: at + 2)
        }
        guard let low = hex4(units, second + 2) else { throw Failure(problem: .malformedUnicodeEscape, offset: second + 2) }
        guard (0xDC00...0xDFFF).contains(low),
              let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) else {
            throw Failure(problem: .loneSurrogate, offset: at + 2)
        }
        return (scalar, second + 6)
    }

    /// The value of the four hex digits at `at`; nil when there are not four.
    private static func hex4<Units: RandomAccessCollection>(_ units: Units, _ at: Int) -> UInt32?
    where Units.Index == Int, Units.Element: JSONCodeUnit {
        guard at >= units.startIndex, at + 4 <= units.endIndex else { return nil }
        var value: UInt32 = 0
        for index in at..<(at + 4) {
            let unit = units[index].jsonValue
            let digit: UInt32
            switch unit {
            case 0x30...0x39: digit = unit - 0x30
            case 0x41...0x46: digit = unit - 0x41 + 10
            case 0x61...0x66: digit = unit - 0x61 + 10
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}

/// A unit of text a JSON string is scanned in: a UTF-8 byte or a Unicode scalar.
protocol JSONCodeUnit {
    /// The unit's value: a byte's, or a scalar's code point (the same for ASCII).
    var jsonValue: UInt32 { get }
    /// A run of units without escapes as text.
    static func text<Run: Collection>(_ units: Run) -> String where Run.Element == Self
}

extension UInt8: JSONCodeUnit {
    var jsonValue: UInt32 { UInt32(self) }
    static func text<Run: Collection>(_ units: Run) -> String where Run.Element == UInt8 {
        String(decoding: units, as: UTF8.self)
    }
}

extension Unicode.Scalar: JSONCodeUnit {
    var jsonValue: UInt32 { value }
    static func text<Run: Collection>(_ units: Run) -> String where Run.Element == Unicode.Scalar {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: units)
        return String(view)
    }
}
