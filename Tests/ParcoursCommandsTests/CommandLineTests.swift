import Foundation
import Testing
import ParcoursRendering
@testable import ParcoursCommands
import ParcoursEngine

@Suite("Command line")
struct CommandLineTests {
    @Test func parsesCommandsFromTheirDeclarations() throws {
        let recommend = try RecommendCommand(ParsedArguments(["p.yaml", "--format", "json"], spec: RecommendCommand.spec))
        #expect(recommend.profile == "p.yaml" && recommend.format == .json && recommend.common == CommonOptions())
        let fromStdin = try RecommendCommand(ParsedArguments(["--rules=R", "-"], spec: RecommendCommand.spec))
        #expect(fromStdin.profile == "-" && fromStdin.common.rules == "R" && fromStdin.format == .text)
        let check = try CheckCommand(ParsedArguments(["--rules", "R", "--strict"], spec: CheckCommand.spec))
        #expect(check.common.rules == "R" && check.strict)
        let replay = try ReplayCommand(ParsedArguments(["Scenarios/sma", "--filter", "18", "--coverage", "--junit", "out.xml"], spec: ReplayCommand.spec))
        #expect(replay.options == ReplayOptions(paths: ["Scenarios/sma"], filter: "18", junit: "out.xml", coverage: true))
        // `--` ends the options: what follows is an argument even when it starts with a dash.
        let dashed = try ParsedArguments(["--", "--odd-name.yaml"], spec: RecommendCommand.spec)
        #expect(dashed.positionals == ["--odd-name.yaml"])
        #expect(throws: UsageError(message: Phrase("--jobs attend un nombre entier de 1 à \(BatchOptions.maxJobs), reçu « 0 »", en: "--jobs expects a whole number from 1 to \(BatchOptions.maxJobs), got \"0\""))) {
            try BatchCommand(ParsedArguments(["--corpus", "c.jsonl", "--jobs", "0"], spec: BatchCommand.spec))
        }
    }

    /// The help is generated from the declarations; this snapshot shows any change to it.
    @Test func helpIsGeneratedFromTheDeclarations() throws {
        let expected = try String(contentsOfFile: Support.golden + "/help-recommend.txt", encoding: .utf8)
        #expect(Support.run(["help", "recommend"]).output == expected)
        #expect(Support.run(["recommend", "--help"]).output == expected)
        let general = try String(contentsOfFile: Support.golden + "/help.txt", encoding: .utf8)
        #expect(Support.run(["help"]).output == general)
        let french = try String(contentsOfFile: Support.golden + "/help-fr.txt", encoding: .utf8)
        #expect(Support.run(["help"], language: .fr).output == french)
        #expect(Support.run(["--lang", "fr", "help"]).output == french)
        #expect(Support.run(["help", "--lang=en"], language: .fr).output == general)
        let frenchRecommend = try String(contentsOfFile: Support.golden + "/help-recommend-fr.txt", encoding: .utf8)
        #expect(Support.run(["recommend", "--help"], language: .fr).output == frenchRecommend)
        // Every line of every command's help is French by default: no English option help left.
        for command in ParcoursCLI.commands {
            let help = Support.run(["help", command.spec.name], language: .fr).output
            #expect(help.hasPrefix("Utilisation : parcours \(command.spec.name)"))
            for option in command.spec.options { #expect(help.contains(option.help.fr) && option.help.fr != option.help.en, "\(command.spec.name) \(option.name)") }
        }
        // Every option the parser accepts is in the help, and the other way round.
        for command in ParcoursCLI.commands {
            let help = Support.run(["help", command.spec.name]).output
            for option in command.spec.options { #expect(help.contains(option.synopsis), "\(command.spec.name) help lacks \(option.name)") }
        }
    }

    @Test(arguments: [
        (["recomend", "p.yaml"], "unknown command \"recomend\" (did you mean \"recommend\"?)"),
        (["recommend"], "recommend needs a profile file (or - for standard input)"),
        (["recommend", "p.yaml", "--format", "xml"], "unknown format \"xml\" (expected text, fiche, json)"),
        (["recommend", "p.yaml", "--rules"], "--rules needs a value"),
        (["check", "--verbose"], "unknown option --verbose for check"),
        (["help", "recomend"], "unknown command \"recomend\" (did you mean \"recommend\"?)"),
        (["check", "--strict=yes"], "--strict takes no value"),
    ])
    func usageErrorsExitWith2(arguments: [String], message: String) {
        let run = Support.run(arguments)
        #expect(run.code == 2)
        #expect(run.error.hasPrefix("parcours: \(message)\n"))
        #expect(run.output == "")
    }

    @Test func checkReportsEveryErrorOfABrokenRuleSet() throws {
        let directory = NSTemporaryDirectory() + "parcours-check-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Support.rules, toPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let broken = """
        rules:
          - id: essai
            title: Essai
            source: "parcours (essai)"
            when: barriers includes chilcare
            referent: mision_locale
            why: "essai"
        """
        try broken.write(toFile: directory + "/zz-broken.yaml", atomically: true, encoding: .utf8)
        let run = Support.run(["check", "--rules", directory])
        #expect(run.code == 1)
        #expect(run.output.contains("\(directory)/zz-broken.yaml:5:29: error[unknown-value]"))
        #expect(run.output.contains("\(directory)/zz-broken.yaml:6:15: error[dangling-reference]: no partner \"mision_locale\" in the catalogue\n    hint: did you mean \"mission_locale\"?"))
        #expect(run.output.hasSuffix("2 errors, 0 warnings\n"))
        // The same findings for scripts (JSON) and for editors and code review (SARIF 2.1.0).
        let json = Support.run(["check", "--rules", directory, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(json.code == 1 && report["ok"] as? Bool == false && report["errors"] as? Int == 2 && report["rule_set"] is NSNull)
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["code"] as? String } == ["unknown-value", "dangling-reference"])
        #expect(diagnostics.last?["line"] as? Int == 6 && diagnostics.last?["column"] as? Int == 15)
        let sarifRun = Support.run(["check", "--rules", directory, "--format", "sarif"])
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(sarifRun.output.utf8)) as? [String: Any])
        #expect(sarifRun.code == 1 && sarif["version"] as? String == "2.1.0")
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        let rules = try #require(((runs.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["dangling-reference", "unknown-value"])
        #expect(results.map { $0["ruleId"] as? String } == ["unknown-value", "dangling-reference"])
        #expect(results.map { $0["ruleIndex"] as? Int } == [1, 0] && results.allSatisfy { $0["level"] as? String == "error" })
        let last = try #require(results.last)
        let message = try #require((last["message"] as? [String: Any])?["text"] as? String)
        #expect(message == "no partner \"mision_locale\" in the catalogue\nhint: did you mean \"mission_locale\"?")
        let physical = try #require(((last["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == CheckReport.uri(directory + "/zz-broken.yaml"))
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 6 && (physical["region"] as? [String: Any])?["startColumn"] as? Int == 15)
        #expect(CheckReport.uri("Règles/a b.yaml") == "R%C3%A8gles/a%20b.yaml")
        let clean = Support.run(["check", "--rules", Support.rules, "--format", "json"])
        #expect(clean.code == 0 && clean.output.contains("\"ok\": true") && clean.output.contains("\"fingerprint\": \"sha256:"))
        let recommend = Support.run(["recommend", Support.golden + "/profil-vide.yaml", "--rules", directory])
        #expect(recommend.code == 1)
        #expect(recommend.error.contains("the rule set in force on") && recommend.error.contains("run parcours check --date"))
        // A script asking for JSON gets the API's problem document on standard output, whatever the error.
        let problem = Support.run(["recommend", Support.golden + "/profil-vide.yaml", "--rules", directory, "--format", "json"])
        #expect(problem.code == 1)
        #expect(problem.output.contains("\"type\": \"urn:parcours:problem:rule-set\"") && problem.output.contains("\"errors\""))
        let imported = Support.run(["import", "--from", "france-travail", "-", "--format", "json", "--rules", Support.rules], input: #"{"contraintes": [1]}"#)
        #expect(imported.code == 1 && imported.output.contains("\"code\": \"invalid-diagnosis\""))
        let explained = Support.run(["explain", "-", "--rule", "nope", "--format", "json", "--rules", Support.rules], input: "age: 20\n")
        #expect(explained.code == 2 && explained.output.contains("\"code\": \"unknown-rule\""))
    }

    /// Every code `check` can give is explained in the authors' guide, and has a one-line summary (SARIF's rule text).
    @Test func everyCodeIsInTheAuthorsGuide() throws {
        let guide = try String(contentsOfFile: Support.packageRoot + "/docs/guide-auteurs.md", encoding: .utf8)
        for code in DiagnosticCode.allCases {
            #expect(guide.contains("`\(code.rawValue)`"), "\(code.rawValue) is not in docs/guide-auteurs.md")
            #expect(!code.summary.fr.isEmpty && code.summary.fr != code.summary.en)
        }
    }

    @Test func missingRuleSetIsReported() {
        let run = Support.run(["check", "--rules", "/nonexistent/rules"])
        #expect(run.code == 1)
        #expect(run.output.contains("/nonexistent/rules/profile.yaml:1:1: error[missing-file]"))
    }
}

@Suite("replay")
struct ReplayCommandTests {
    static let scenarios = Support.packageRoot + "/Scenarios"

    /// A temporary copy of the shipped SMA scheme, with one extra case file.
    func schemeCopy(addingCase text: String) throws -> String {
        let directory = NSTemporaryDirectory() + "parcours-replay-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.scenarios + "/sma", toPath: directory + "/sma")
        try text.write(toFile: directory + "/sma/cases/99-extra.yaml", atomically: true, encoding: .utf8)
        return directory
    }

    @Test func allShippedCasesPass() {
        let run = Support.run(["replay", "--rules", Support.rules, "--scenarios", Self.scenarios])
        #expect(run.code == 0, "\(run.output)\(run.error)")
        #expect(run.output.hasSuffix("104 passed, 0 failed\n"))
        // The counsellors' review suite of Rules/cases/ is replayed with the schemes' cases.
        #expect(run.output.contains("PASS  \(Support.rules)/cases/03-mere-seule-outre-mer-sma-a-discuter.yaml"))
        #expect(run.output.contains("PASS  \(Self.scenarios)/r2s/cases/09-detention-amenagement-emploi.yaml  De la détention à l'emploi"))
    }

    @Test func filterKeepsMatchingCases() {
        let run = Support.run(["replay", "--rules", Support.rules, "--scenarios", Self.scenarios, "--filter", "QUOTIENT"])
        #expect(run.code == 0)
        #expect(run.output.components(separatedBy: "\n").filter { $0.hasPrefix("PASS") }.count == 3)
    }

    @Test func aFailureShowsTheStepAndTheDifferenceAndWritesJUnit() throws {
        let directory = try schemeCopy(addingCase: """
        name: Attente fausse exprès
        profile: {age: 20, territory: outre_mer, qualification: none, employment: unemployed, autonomy: 2, project: none, housing_emergency: false}
        steps:
          - name: Passe le bac
            set: {qualification: bac}
            expect:
              scheme: eligible
              why: {fired: [orientation]}
        """)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let junit = directory + "/junit.xml"
        let run = Support.run(["replay", directory, "--rules", Support.rules, "--scenarios", directory, "--junit", junit, "--coverage"])
        #expect(run.code == 1)
        #expect(run.output.contains("""
        FAIL  \(directory)/sma/cases/99-extra.yaml  Attente fausse exprès
              step 1 "Passe le bac" (\(directory)/sma/cases/99-extra.yaml:4:5):
                scheme sma: expected eligible, got not_eligible
                fired rule: expected sma.orientation, got absent
        """))
        #expect(run.output.contains("9 passed, 1 failed\n"))
        #expect(run.output.contains("Coverage:\n  rules no case fires:"))
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("<testsuite name=\"sma\" tests=\"10\" failures=\"1\">"))
        #expect(xml.contains("<failure message=\"scheme sma: expected eligible, got not_eligible\">"))
    }

    @Test func aCaseFileThatDoesNotLoadExitsWith2() throws {
        let directory = try schemeCopy(addingCase: """
        name: Cas mal écrit
        profile: {age: 20, teritory: outre_mer}
        expect:
          route: scheme
          scheme: {status: eligble}
        """)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = Support.run(["replay", "--rules", Support.rules, "--scenarios", directory])
        #expect(run.code == 2)
        #expect(run.error.contains("\(directory)/sma/cases/99-extra.yaml:2:20: error[unknown-field]: unknown profile field \"teritory\"\n    hint: did you mean \"territory\"?"))
        #expect(run.error.contains("99-extra.yaml:5:20: error[unknown-value]: unknown scheme status \"eligble\""))
        let check = Support.run(["check", "--rules", Support.rules, "--scenarios", directory])
        #expect(check.code == 1)
        #expect(check.output.contains("error[unknown-field]: unknown profile field \"teritory\""))
    }

    @Test func recommendListsSchemesWithCriteria() {
        let run = Support.run(["recommend", "-", "--rules", Support.rules, "--scenarios", Self.scenarios, "--format", "json"],
                              input: "age: 20\nterritory: outre_mer\nqualification: none\nemployment: unemployed\n")
        #expect(run.code == 0)
        // Eligible but not chosen: proposed, never the route (schemes are options, 004 partie 2).
        #expect(!run.output.contains("\"scheme\": \"sma\""))
        #expect(run.output.contains("""
              "id": "sma",
              "name": "Service militaire adapté (SMA)",
              "status": "eligible",
        """))
        let text = Support.run(["recommend", "-", "--rules", Support.rules, "--scenarios", Self.scenarios],
                               input: "age: 20\nterritory: outre_mer\nqualification: none\nemployment: unemployed\n")
        #expect(text.output.contains("DISPOSITIFS À PROPOSER\n  Service militaire adapté (SMA)\n    Conditions remplies\u{00A0}: avoir de 18 à 25 ans,"))
        #expect(!text.output.contains("Dispositif spécifique"))
        let chosen = Support.run(["recommend", "-", "--rules", Support.rules, "--scenarios", Self.scenarios],
                                 input: "age: 20\nterritory: outre_mer\nqualification: none\nemployment: unemployed\nchosen_schemes: [sma]\n")
        #expect(chosen.output.contains("PARCOURS\u{00A0}: Dispositif spécifique\u{00A0}: Service militaire adapté (SMA)"))
        #expect(chosen.output.contains("DISPOSITIF\n  Service militaire adapté (SMA)\u{00A0}: choisi\n"))
    }
}

/// French is the default language of messages and diagnostics; English on request.
@Suite("Languages")
struct LanguageTests {
    @Test func frenchByDefaultEnglishOnRequest() {
        let french = Support.run(["recommend", "-", "--rules", Support.rules], input: "permis_b: true\nage: trente\n", language: .fr)
        #expect(french.code == 1)
        #expect(french.error.contains("erreur[unknown-field] : champ du profil inconnu « permis_b »"))
        #expect(french.error.contains("conseil : vouliez-vous dire « driving_licence » (Permis B) ?"))
        #expect(french.error.contains("nombre entier attendu pour age"))
        #expect(french.error.contains("parcours : le profil a 2 erreurs ; pas de recommandation"))
        let english = Support.run(["recommend", "-", "--rules", Support.rules, "--lang", "en"], input: "permis_b: true\n", language: .fr)
        #expect(english.error.contains("error[unknown-field]: unknown profile field \"permis_b\""))
        #expect(english.error.contains("hint: did you mean \"driving_licence\" (Permis B)?"))
        let wrong = Support.run(["check", "--lang", "de"], language: .fr)
        #expect(wrong.code == 2 && wrong.error.contains("langue inconnue « de » (possibles : fr, en)"))
        let option = Support.run(["recommend", "--hepl"], language: .fr)
        #expect(option.code == 2 && option.error.contains("option inconnue --hepl pour recommend (vouliez-vous dire --help ?)"))
    }

    @Test func replayAndErrorsSpeakFrenchAndQuietKeepsFailuresOnly() throws {
        let all = Support.run(["replay", "--rules", Support.rules, "--scenarios", Support.scenarios, "--filter", "r2s"], language: .fr)
        #expect(all.code == 0 && all.output.contains("OK    ") && all.output.contains("r2s/cases/01-") && all.output.hasSuffix(" réussis, 0 en échec\n"))
        let quiet = Support.run(["-q", "replay", "--rules", Support.rules, "--scenarios", Support.scenarios, "--filter", "r2s"], language: .fr)
        #expect(quiet.code == 0 && !quiet.output.contains("OK ") && quiet.output.hasSuffix(" réussis, 0 en échec\n"))
        let missing = Support.run(["batch", "--corpus", "/nonexistent/corpus.jsonl", "--rules", Support.rules], language: .fr)
        #expect(missing.code == 1 && missing.error == "parcours : impossible de lire /nonexistent/corpus.jsonl : fichier ou dossier introuvable\n")
        // With --format json, a bad profile is also a problem document on standard output (the API's).
        let problem = Support.run(["recommend", "-", "--rules", Support.rules, "--format", "json"], input: "age: vingt\n", language: .fr)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(problem.output.utf8)) as? [String: Any])
        #expect(problem.code == 1 && document["code"] as? String == "invalid-profile" && document["detail"] as? String == "le profil a 1 erreur ; pas de recommandation")
        #expect((document["errors"] as? [[String: Any]])?.first?["column"] as? Int == 6 && problem.error.contains("erreur[type-mismatch]"))
        let open = Support.run(["serve", "--host", "0.0.0.0", "--rules", Support.rules], language: .fr)
        #expect(open.code == 2 && open.error.contains("parcours : écouter sur 0.0.0.0 ouvrirait l'API au réseau sans jeton\n    conseil : passez --token-file"))
    }

    @Test func theLocaleChoosesTheLanguage() {
        #expect(Language.from(environment: [:]) == .fr)
        #expect(Language.from(environment: ["LANG": "fr_FR.UTF-8"]) == .fr)
        #expect(Language.from(environment: ["LANG": "en_GB.UTF-8"]) == .en)
        #expect(Language.from(environment: ["LANG": "en_GB.UTF-8", "LC_ALL": "fr_FR.UTF-8"]) == .fr)
        #expect(Language.from(environment: ["LANG": "C.UTF-8"]) == .fr)
    }

    @Test func aProcessWithoutLocaleSpeaksFrench() throws {
        let french = try Support.spawn(["check", "--rules", Support.rules], lang: nil)
        #expect(french.code == 0 && french.output.contains("0 erreur, 0 avertissement") && french.output.contains("empreinte : sha256:"))
        let english = try Support.spawn(["check", "--rules", Support.rules])
        #expect(english.output.contains("0 errors, 0 warnings") && english.output.contains("fingerprint: sha256:"))
    }

    /// libyaml's "mapping values are not allowed" and "did not find expected key" name the line
    /// whose indentation differs from the line above.
    @Test func indentationErrorsNameTheLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-indent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases = [
            ("more.yaml", "age: 30\n barriers: [mobility]\n", "2:2", "la ligne 2 commence par 1 espace, la ligne 1 au-dessus par 0"),
            ("less.yaml", "age: 30\nbarriers:\n  - mobility\n\n # note\n - housing\n", "6:2", "la ligne 6 commence par 1 espace, la ligne 3 au-dessus par 2"),
        ]
        for (name, text, position, message) in cases {
            let path = directory.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let run = Support.run(["recommend", path, "--rules", Support.rules], language: .fr)
            #expect(run.code == 1)
            #expect(run.error.contains("\(name):\(position): erreur[yaml-indentation] : indentation incohérente : \(message)"), "\(run.error)")
        }
    }
}


@Suite("schema")
struct SchemaCommandTests {
    /// docs/schemas/ is what `parcours schema` writes: editors that point at the shipped files see
    /// what `check` accepts. (.ci/schemas validates the shipped files against them with python-jsonschema.)
    @Test func shippedSchemasAreTheGeneratedOnes() throws {
        for name in SchemaName.allCases {
            let run = Support.run(["schema", name.rawValue, "--rules", Support.rules, "--scenarios", Support.scenarios])
            #expect(run.code == 0)
            let shipped = try String(contentsOfFile: Support.packageRoot + "/docs/schemas/" + name.fileName, encoding: .utf8)
            #expect(run.output == shipped, "docs/schemas/\(name.fileName) is stale: run parcours schema --out docs/schemas")
            // Every key the loaders accept has a described schema (an empty {} would accept anything).
            #expect(!run.output.contains("{}"), "\(name.rawValue) has an empty schema")
        }
        let profile = Support.run(["schema", "profile", "--rules", Support.rules]).output
        #expect(profile.contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""))
        #expect(profile.contains("\"enum\": [\n              \"mobility\",") && profile.contains("\"additionalProperties\": false"))
        let wrong = Support.run(["schema", "profil"], language: .fr)
        #expect(wrong.code == 2 && wrong.error.contains("schéma inconnu « profil »") && wrong.error.contains("vouliez-vous dire « profile » ?"))
        let first = Support.run(["schema"], language: .fr).output.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("profile  ") && first.hasSuffix("  un profil (YAML ou JSON)"))
        // --openapi writes the API's document, the one the server serves (docs/api/openapi.json for the shipped rules).
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-openapi-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = Support.run(["schema", "--openapi", directory + "/openapi.json", "--rules", Support.rules, "--scenarios", Support.scenarios])
        #expect(written.code == 0)
        let document = try String(contentsOfFile: directory + "/openapi.json", encoding: .utf8)
        #expect(document == (try String(contentsOfFile: Support.packageRoot + "/docs/api/openapi.json", encoding: .utf8)),
                "docs/api/openapi.json is stale: run parcours schema --out docs/schemas --openapi docs/api/openapi.json")
    }
}

@Suite("completions and manual")
struct CompletionTests {
    /// Sources the generated bash script in a real bash and asks it to complete `words`.
    func complete(_ words: [String]) throws -> [String] {
        let script = Support.run(["completions", "bash"]).output
        let path = NSTemporaryDirectory() + "parcours-completion-" + UUID().uuidString + ".bash"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let quoted = words.map { "'" + $0 + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "source \(path); COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _parcours; printf '%s\\n' \"${COMPREPLY[@]}\""]
        process.currentDirectoryURL = URL(fileURLWithPath: Support.packageRoot)
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func bashCompletesWhatTheParserAccepts() throws {
        #expect(try complete(["parcours", "rec"]) == ["recommend"])
        #expect(try complete(["parcours", "recommend", "--for"]) == ["--format"])
        #expect(try complete(["parcours", "recommend", "--format", ""]) == ["text", "fiche", "json"])
        #expect(try complete(["parcours", "check", "--format", "s"]) == ["sarif"])
        #expect(try complete(["parcours", "--lang", "en", "schema", "prof"]) == ["profile"])
        #expect(try complete(["parcours", "check", "--rules", "Rul"]) == ["Rules"])
        #expect(try complete(["parcours", "help", "ser"]) == ["serve"])
        // Every option of every command is offered after the command.
        for command in ParcoursCLI.commands {
            let offered = try complete(["parcours", command.spec.name, "--"])
            for option in command.spec.options { #expect(offered.contains(option.name), "\(command.spec.name) \(option.name)") }
        }
    }

    @Test func zshFishAndTheManualComeFromTheSameDeclarations() {
        let zsh = Support.run(["completions", "zsh"], language: .fr).output
        #expect(zsh.hasPrefix("#compdef parcours\n") && zsh.contains("'--format[format de sortie \\: text, json, ou sarif (SARIF 2.1.0, pour les éditeurs et la relecture de code)]:text|json|sarif:(text json sarif)'"))
        #expect(zsh.contains("aujourd'\\''hui") && zsh.contains("par défaut \\: "))
        let fish = Support.run(["completions", "fish"], language: .fr).output
        #expect(fish.contains("complete -c parcours -n '__fish_seen_subcommand_from recommend' -l format -x -a 'text fiche json' -d 'format de sortie (par défaut : text)'"))
        #expect(fish.contains("aujourd\\'hui"))
        let manual = Support.run(["man"], language: .fr).output
        #expect(manual.hasPrefix(".\\\" Généré par « parcours man »") && manual.contains(".TH PARCOURS 1 \"\(ParcoursCLI.releaseDate)\" \"parcours \(ParcoursCLI.version)\""))
        #expect(manual.contains(".SS check\n.B parcours check [\\-\\-rules DIR]"))
        for command in ParcoursCLI.commands { #expect(manual.contains(".SS " + command.spec.name + "\n")) }
        #expect(Support.run(["completions", "tcsh"]).code == 2)
    }
}
