/// Usage texts.
enum Help {
    static let usage = """
    Usage:
      parcours recommend PROFILE [--rules DIR] [--format text|json]
      parcours check [--rules DIR]
      parcours help [COMMAND]
      parcours --version

    PROFILE is a YAML or JSON file, or - to read standard input.
    DIR defaults to $PARCOURS_RULES, ./Rules, or the Rules/ folder of the Parcours package.

    """

    static func text(for topic: String?) -> String {
        switch topic {
        case "recommend":
            return """
            parcours recommend PROFILE [--rules DIR] [--format text|json]

            Reads a diagnosed profile and prints, with the rule behind each: the route, the référent,
            the steps by stage, and the questions still to ask. Exit 0 on success, 1 when the rule set
            or the profile has errors (printed as path:line:col), 2 on a wrong command line.
            Nothing is stored or logged.

            """
        case "check":
            return """
            parcours check [--rules DIR]

            Validates the whole rule set and reports every problem as
            path:line:col: error|warning[code]: message, with a hint. Exit 0 when there is no error,
            1 when there are errors, 2 on a wrong command line.

            """
        default:
            return "parcours: next steps for people far from work, from a declarative rule set.\n\n" + usage
        }
    }
}
