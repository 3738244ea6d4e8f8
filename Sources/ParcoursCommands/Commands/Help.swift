/// Usage texts.
enum Help {
    static let usage = """
    Usage:
      parcours recommend PROFILE [--rules DIR] [--scenarios DIR] [--format text|json]
      parcours check [--rules DIR] [--scenarios DIR]
      parcours replay [PATH...] [--filter TEXT] [--junit FILE] [--coverage] [--rules DIR] [--scenarios DIR]
      parcours help [COMMAND]
      parcours --version

    PROFILE is a YAML or JSON file, or - to read standard input.
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
        default:
            return "parcours: next steps for people far from work, from a declarative rule set.\n\n" + usage
        }
    }
}
