import ParcoursEngine

/// Replay results as text: one line per case, the details of each failure, a closing count.
public enum ReplayText {
    /// With `quiet`, only the failures and the closing count.
    public static func render(_ results: [CaseResult], in language: Language = .en, quiet: Bool = false) -> String {
        let fr = language == .fr
        var lines: [String] = []
        for result in results where !(quiet && result.passed) {
            let verdict = result.passed ? (fr ? "OK   " : "PASS ") : (fr ? "ÉCHEC" : "FAIL ")
            lines.append("\(verdict) \(result.scenarioCase.file)  \(result.scenarioCase.name)")
            for failure in result.failures {
                lines.append("      " + step(failure, language) + (fr ? " :" : ":"))
                lines += failure.mismatches.map { "        " + $0.text(language) }
            }
        }
        let failed = results.filter { !$0.passed }.count
        let passed = results.count - failed
        lines.append(fr ? "\(passed) réussi\(passed > 1 ? "s" : ""), \(failed) en échec" : "\(passed) passed, \(failed) failed")
        return TerminalText.escaped(lines.joined(separator: "\n") + "\n", lineBreaks: true)
    }

    /// `step 2 "name" (file:line:col)`, in `language`.
    package static func step(_ failure: StepFailure, _ language: Language) -> String {
        language == .fr ? "étape \(failure.index) « \(failure.name) » (\(failure.location))" : "step \(failure.index) \"\(failure.name)\" (\(failure.location))"
    }

    public static func render(_ coverage: Coverage, in language: Language = .en) -> String {
        let fr = language == .fr
        var lines = ["", fr ? "Couverture :" : "Coverage:"]
        func section(_ title: String, _ items: [String]) {
            lines.append("  \(title)\(fr ? " :" : ":") \(items.count)")
            lines += items.map { "    - \($0)" }
        }
        section(fr ? "règles qu'aucun cas ne déclenche" : "rules no case fires", coverage.rulesNeverFired)
        section(fr ? "critères qu'aucun cas ne remplit" : "criteria no case passes", coverage.criteriaNeverPassed)
        section(fr ? "critères qu'aucun cas ne manque" : "criteria no case fails", coverage.criteriaNeverFailed)
        return TerminalText.escaped(lines.joined(separator: "\n") + "\n", lineBreaks: true)
    }
}

/// Replay results as JUnit XML, one test suite per scheme, for CI servers.
public enum JUnitXML {
    public static func render(_ results: [CaseResult], in language: Language = .en) -> String {
        var groups: [(String, [CaseResult])] = []
        for result in results {
            let name = result.scenarioCase.scheme ?? "cases"
            if let index = groups.firstIndex(where: { $0.0 == name }) { groups[index].1.append(result) } else { groups.append((name, [result])) }
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let failures = results.filter { !$0.passed }.count
        xml += "<testsuites name=\"parcours replay\" tests=\"\(results.count)\" failures=\"\(failures)\">\n"
        for (name, group) in groups {
            xml += "  <testsuite name=\"\(escape(name))\" tests=\"\(group.count)\" failures=\"\(group.filter { !$0.passed }.count)\">\n"
            for result in group {
                xml += "    <testcase classname=\"\(escape(name))\" name=\"\(escape(result.scenarioCase.name))\" file=\"\(escape(result.scenarioCase.file))\""
                if result.passed {
                    xml += "/>\n"
                    continue
                }
                xml += ">\n"
                let details = result.failures.flatMap { failure in
                    [ReplayText.step(failure, language) + (language == .fr ? " :" : ":")] + failure.mismatches.map { "  " + $0.text(language) }
                }.joined(separator: "\n")
                let first = result.failures.first?.mismatches.first.map { $0.text(language) } ?? (language == .fr ? "échec" : "failed")
                xml += "      <failure message=\"\(escape(first))\">\(escape(details))</failure>\n"
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    package static func escape(_ text: String) -> String { HTML.escape(text) }
}
