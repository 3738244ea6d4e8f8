import ParcoursEngine
/// Small helpers to write escaped HTML by hand, with one shared stylesheet inlined per page.
package enum HTML {
    /// Text safe inside HTML or XML content and attribute values.
    package static func escape(_ text: String) -> String {
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

    package static func link(_ href: String, _ text: String) -> String {
        "<a href=\"\(escape(href))\">\(escape(text))</a>"
    }

    /// A list, or `empty` (« Aucune règle. », agreed with what is missing) when there is nothing.
    package static func list(_ items: [String], empty: String) -> String {
        items.isEmpty ? "<p class=\"muted\">\(escape(empty))</p>" : "<ul>" + items.map { "<li>\($0)</li>" }.joined() + "</ul>"
    }

    /// A table that scrolls inside itself on a narrow screen instead of widening the page.
    package static func table(_ header: [String], _ rows: [[String]]) -> String {
        "<div class=\"scroll\"><table><tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>"
            + rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined() + "</table></div>"
    }

    /// Marks the pages `parcours docs` writes, so that it cleans only a folder it wrote.
    package static let generator = "<meta name=\"generator\" content=\"parcours docs\">"

    /// A page: the header with the search box, the breadcrumb trail (`trail`: label and link
    /// from the site's root, the last one is the page itself), the body and the footer.
    package static func page(title: String, depth: Int, trail: [(label: String, href: String?)], body: String, footer: String) -> String {
        let root = String(repeating: "../", count: depth)
        let crumbs = trail.map { item in item.href.map { link(root + $0, item.label) } ?? "<span aria-current=\"page\">\(escape(item.label))</span>" }
        return """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        \(generator)
        <title>\(escape(title)) — Parcours</title>
        <style>
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d1d1f; background: #f6f6f4; line-height: 1.5; overflow-wrap: break-word; }
        header { background: #000091; color: #fff; padding: 0.6rem 1.5rem; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; }
        header > a { color: #fff; text-decoration: none; font-weight: 600; }
        .search { position: relative; flex: 1 1 16rem; max-width: 28rem; }
        .search input { width: 100%; box-sizing: border-box; font: inherit; padding: 0.35rem 0.6rem; border: 0; border-radius: 0.3rem; }
        .search ol { position: absolute; z-index: 2; left: 0; right: 0; margin: 0.2rem 0 0; padding: 0.3rem 0; list-style: none; background: #fff; color: #1d1d1f; border-radius: 0.3rem; box-shadow: 0 4px 16px rgba(0,0,0,0.25); max-height: 60vh; overflow-y: auto; }
        .search ol:empty { display: none; }
        .search li a { display: block; padding: 0.3rem 0.7rem; color: #000091; text-decoration: none; }
        .search li a:hover, .search li a:focus { background: #e3e3fd; }
        .search li small { color: #666; margin-left: 0.4rem; }
        nav.trail { font-size: 0.9rem; color: #666; margin: 0.2rem 0 0.6rem; }
        nav.trail a { color: #000091; }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; background: #fff; min-height: 80vh; }
        .scroll { overflow-x: auto; }
        .fields { font-size: 0.9rem; color: #666; }
        pre { background: #f4f4f8; padding: 0.8rem; overflow-x: auto; font-size: 0.85rem; }
        @media (max-width: 40rem) { header, main, footer { padding-left: 0.8rem; padding-right: 0.8rem; } h1 { font-size: 1.35rem; } }
        h1 { font-size: 1.6rem; margin-top: 0.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
        a { color: #000091; } .muted { color: #666; } code { background: #eef; padding: 0 0.2rem; overflow-wrap: anywhere; }
        .tag { display: inline-block; background: #e3e3fd; color: #000091; border-radius: 0.3rem; padding: 0 0.4rem; font-size: 0.85rem; margin-right: 0.3rem; }
        table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #eee; padding: 0.3rem; text-align: left; vertical-align: top; }
        .why { border-left: 3px solid #000091; padding-left: 0.8rem; }
        footer { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem; font-size: 0.85rem; color: #666; }
        </style>
        </head>
        <body>
        <header><a href="\(root)index.html">Parcours — le jeu de règles</a>
        <div class="search" role="search"><input type="search" id="search" aria-label="Rechercher dans le jeu de règles" placeholder="Rechercher dans les règles…" autocomplete="off" data-root="\(root)"><ol id="search-results" aria-live="polite"></ol></div></header>
        <main>
        <nav class="trail" aria-label="Fil d'Ariane">\(crumbs.joined(separator: " › "))</nav>
        \(body)
        </main>
        <footer>\(footer)</footer>
        <script src="\(root)search-index.js"></script>
        <script src="\(root)search.js"></script>
        </body>
        </html>

        """
    }
}
