import ParcoursEngine

/// Replay results as text: one line per case, the details of each failure, a closing count.
public enum ReplayText {
    public static func render(_ results: [CaseResult]) -> String {
        var lines: [String] = []
        for result in results {
            lines.append("\(result.passed ? "PASS" : "FAIL")  \(result.scenarioCase.file)  \(result.scenarioCase.name)")
            for failure in result.failures {
                lines.append("      step \(failure.index) \"\(failure.name)\" (\(failure.location)):")
                for mismatch in failure.mismatches {
                    lines.append("        \(mismatch.what): expected \(mismatch.expected), got \(mismatch.actual)")
                }
            }
        }
        let failed = results.filter { !$0.passed }.count
        lines.append("\(results.count - failed) passed, \(failed) failed")
        return lines.joined(separator: "\n") + "\n"
    }

    public static func render(_ coverage: Coverage) -> String {
        var lines = ["", "Coverage:"]
        func section(_ title: String, _ items: [String]) {
            lines.append("  \(title): \(items.count)")
            lines += items.map { "    - \($0)" }
        }
        section("rules no case fires", coverage.rulesNeverFired)
        section("criteria no case passes", coverage.criteriaNeverPassed)
        section("criteria no case fails", coverage.criteriaNeverFailed)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Replay results as JUnit XML, one test suite per scheme, for CI servers.
public enum JUnitXML {
    public static func render(_ results: [CaseResult]) -> String {
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
                    ["step \(failure.index) \"\(failure.name)\" (\(failure.location)):"] +
                        failure.mismatches.map { "  \($0.what): expected \($0.expected), got \($0.actual)" }
                }.joined(separator: "\n")
                let first = result.failures.first?.mismatches.first.map { "\($0.what): expected \($0.expected), got \($0.actual)" } ?? "failed"
                xml += "      <failure message=\"\(escape(first))\">\(escape(details))</failure>\n"
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    static func escape(_ text: String) -> String { HTML.escape(text) }
}
