/// Small helpers to write escaped HTML by hand, with one shared stylesheet inlined per page.
enum HTML {
    /// Text safe inside HTML or XML content and attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    static func link(_ href: String, _ text: String) -> String {
        "<a href=\"\(escape(href))\">\(escape(text))</a>"
    }

    static func list(_ items: [String]) -> String {
        items.isEmpty ? "<p class=\"muted\">Aucun.</p>" : "<ul>" + items.map { "<li>\($0)</li>" }.joined() + "</ul>"
    }

    static func page(title: String, depth: Int, body: String, footer: String) -> String {
        let home = depth == 0 ? "index.html" : String(repeating: "../", count: depth) + "index.html"
        return """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) — Parcours</title>
        <style>
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d1d1f; background: #f6f6f4; line-height: 1.5; }
        header { background: #000091; color: #fff; padding: 0.8rem 1.5rem; }
        header a { color: #fff; text-decoration: none; font-weight: 600; }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; background: #fff; min-height: 80vh; }
        h1 { font-size: 1.6rem; margin-top: 0.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
        a { color: #000091; } .muted { color: #666; } code { background: #eef; padding: 0 0.2rem; }
        .tag { display: inline-block; background: #e3e3fd; color: #000091; border-radius: 0.3rem; padding: 0 0.4rem; font-size: 0.85rem; margin-right: 0.3rem; }
        table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #eee; padding: 0.3rem; text-align: left; vertical-align: top; }
        .why { border-left: 3px solid #000091; padding-left: 0.8rem; }
        footer { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem; font-size: 0.85rem; color: #666; }
        </style>
        </head>
        <body>
        <header><a href="\(home)">Parcours — le jeu de règles</a></header>
        <main>
        \(body)
        </main>
        <footer>\(footer)</footer>
        </body>
        </html>

        """
    }
}
