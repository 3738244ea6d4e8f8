import ParcoursEngine

/// `parcours sample --count N --seed S`: invented profiles as JSON lines.
enum SampleCommand {
    static func run(count: Int, seed: UInt64, rules: String?, terminal: Terminal) -> Int32 {
        let (loaded, code) = ParcoursCLI.ruleSet(CommonOptions(rules: rules), terminal: terminal)
        guard let ruleSet = loaded else { return code }
        var sampler = ProfileSampler(vocabulary: ruleSet.vocabulary, seed: seed)
        var chunk = ""
        for index in 0..<count {
            chunk += sampler.next().jsonLine(ruleSet.vocabulary) + "\n"
            if index % 1000 == 999 {
                terminal.write(chunk)
                chunk = ""
            }
        }
        terminal.write(chunk)
        return ExitCode.success
    }
}
