/// Usage texts.
enum Help {
    static let usage = """
    Usage:
      parcours recommend PROFILE [--rules DIR] [--scenarios DIR] [--format text|json]
      parcours check [--rules DIR] [--scenarios DIR]
      parcours replay [PATH...] [--filter TEXT] [--junit FILE] [--coverage] [--rules DIR] [--scenarios DIR]
      parcours explain PROFILE (--rule ID | --scheme ID) [--format text|json]
      parcours sample [--count N] [--seed S]
      parcours diff --base DIR --corpus FILE [--base-scenarios DIR] [--examples N] [--format text|json]
      parcours batch --corpus FILE [--format jsonl|csv] [--summary] [--out FILE] [--jobs N]
      parcours docs --out DIR
      parcours help [COMMAND]
      parcours --version

    PROFILE is a YAML or JSON file, or - to read standard input.
    Commands reading rules take --rules DIR, --scenarios DIR and --date YYYY-MM-DD (rules in force
    that day; default today). Nothing is stored or logged.
    --rules defaults to $PARCOURS_RULES, ./Rules, or the Rules/ folder of the Parcours package;
    --scenarios (scheme plugins) to $PARCOURS_SCENARIOS, ./Scenarios, or the package's Scenarios/.

    """

    static func text(for topic: String?) -> String {
        switch topic {
        case "recommend":
            return """
            parcours recommend PROFILE [--rules DIR] [--scenarios DIR] [--format text|json]

            Reads a diagnosed profile and prints, with the rule behind each: the route, the référent,
            the steps by stage, and the questions still to ask. Exit 0 on success, 1 when the rule set
            or the profile has errors (printed as path:line:col), 2 on a wrong command line.
            Nothing is stored or logged.

            """
        case "check":
            return """
            parcours check [--rules DIR] [--scenarios DIR]

            Validates the whole rule set and reports every problem as
            path:line:col: error|warning[code]: message, with a hint. Exit 0 when there is no error,
            1 when there are errors, 2 on a wrong command line.

            """
        case "replay":
            return """
            parcours replay [PATH...] [--filter TEXT] [--junit FILE] [--coverage] [--rules DIR] [--scenarios DIR]

            Replays scheme cases (Scenarios/<scheme>/cases/*.yaml, or the files and folders given):
            one line per case, and for a failure the step, what was expected and what came.
            --filter keeps the cases whose name or file contains TEXT; --junit writes JUnit XML;
            --coverage lists the rules and criteria no case exercises.
            Exit 0 when all pass, 1 on a failure, 2 when a case file does not load.

            """
        case "explain":
            return """
            parcours explain PROFILE (--rule ID | --scheme ID) [--format text|json]

            Shows every condition of a rule (or every criterion of a scheme) with its value for the
            profile: true, false, or unknown with the fields that are missing.

            """
        case "sample":
            return """
            parcours sample [--count N] [--seed S]

            Writes N invented profiles (default 100) as JSON lines, the same for the same seed, with
            the proportions documented in the README.

            """
        case "diff":
            return """
            parcours diff --base DIR --corpus FILE [--rules DIR] [--base-scenarios DIR] [--examples N] [--format text|json]

            Evaluates a corpus (JSON lines, or CSV with a header; sets separated by |) with the rules
            of --base and the current ones, and counts the profiles whose route, référent,
            suggestions or scheme status change, with N example profiles per change (default 3).
            Exit 1 when some records were refused (they are reported with their position).

            """
        case "batch":
            return """
            parcours batch --corpus FILE [--format jsonl|csv] [--summary] [--out FILE] [--jobs N]

            Evaluates every profile of a corpus and streams one result per line, in input order,
            using N cores (default: all). --summary prints counts per route, référent and scheme
            status and the rules fired most and never, instead of the results (or after writing
            them to --out FILE). A bad record is reported with its line and skipped; exit 1 then.

            """
        case "docs":
            return """
            parcours docs --out DIR

            Writes a static HTML site of the rule set in French (one page per rule, partner,
            scheme and field), with relative links and no external asset.

            """
        default:
            return "parcours: next steps for people far from work, from a declarative rule set.\n\n" + usage
        }
    }
}
