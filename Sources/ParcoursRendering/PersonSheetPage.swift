import ParcoursEngine

/// The fiche as a printable HTML page (`POST /api/v1/fiche`): exactly the lines of
/// `PersonSheet` (`recommend --format fiche`), laid out for one A4 page, with nothing of the
/// counsellors' interface. What the sheet says is decided once, by `PersonSheet`.
public enum PersonSheetPage {
    /// - Parameter includeDiscreet: whether discreet entries are printed (`?include_discreet=true`).
    ///   Seam for issue #36: `PersonSheet` decides discretion; this passes the choice on.
    public static func html(_ recommendation: Recommendation, catalogue: Catalogue, includeDiscreet: Bool = false) -> String {
        // #36 adds discretion to PersonSheet.render: pass `includeDiscreet` to it at merge.
        _ = includeDiscreet
        return html(sheet: PersonSheet.render(recommendation, catalogue: catalogue))
    }

    /// The sheet's text as HTML: the first line is the title, a line in capitals a heading, a
    /// numbered line an action (the indented lines under it its reason), a line with a dash a
    /// step, another indented line under « ENSUITE » a stage, lines that follow each other one
    /// paragraph, the last line the closing note.
    package static func html(sheet: String) -> String {
        let lines = sheet.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var body: [String] = []
        var list: String?
        func close() { if let open = list { body.append("</\(open)>"); list = nil } }
        func open(_ kind: String) { if list != kind { close(); body.append("<\(kind)>"); list = kind } }
        var section = ""
        for (index, line) in lines.enumerated() {
            let trimmed = trim(line)
            if trimmed.isEmpty { continue }
            let indent = line.prefix { $0 == " " }.count
            if index == 0 { body.append("<h1>\(heading(trimmed))</h1>"); continue }
            let head = String(trimmed.split(separator: ":", maxSplits: 1)[0])
            if index == 1 { body.append("<p class=\"date\">\(HTML.escape(trimmed))</p>"); continue }
            if indent == 0 && head == head.uppercased() && head.contains(where: \.isLetter) {
                close(); body.append("<h2>\(heading(trimmed))</h2>")
                section = trimmed
            } else if indent == 0 {
                close(); body.append("<p class=\"note\">\(HTML.escape(trimmed))</p>")
            } else if let dot = trimmed.firstIndex(of: "."), indent == 2, Int(trimmed[..<dot]) != nil {
                open("ol"); body.append("<li><strong>\(HTML.escape(trim(String(trimmed[trimmed.index(after: dot)...]))))</strong></li>")
            } else if indent >= 5 && list == "ol", let last = body.popLast() {
                body.append(String(last.dropLast(5)) + " <span class=\"why\">\(HTML.escape(trimmed))</span></li>")
            } else if trimmed.hasPrefix("- ") {
                open("ul"); body.append("<li>\(HTML.escape(String(trimmed.dropFirst(2))))</li>")
            } else if indent == 2 && section == "ENSUITE" && !trimmed.hasPrefix("…") {
                close(); body.append("<h3>\(HTML.escape(trimmed))</h3>")
            } else if list == nil, let last = body.last, last.hasPrefix("<p>"), index > 0, !trim(lines[index - 1]).isEmpty {
                body[body.count - 1] = String(last.dropLast(4)) + " \(HTML.escape(trimmed))</p>"
            } else {
                close(); body.append("<p>\(HTML.escape(trimmed))</p>")
            }
        }
        close()
        return """
        <!doctype html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Votre parcours</title>
        <style>\(style)</style>
        </head>
        <body>
        <main>
        \(body.joined(separator: "\n"))
        </main>
        </body>
        </html>

        """
    }

    /// « CE QUE NOUS FAISONS D'ABORD » → « Ce que nous faisons d'abord »; the colon's value keeps its case.
    private static func heading(_ text: String) -> String {
        let parts = text.split(separator: ":", maxSplits: 1)
        let head = trim(parts[0].lowercased())
        let first = head.prefix(1).uppercased() + head.dropFirst()
        return HTML.escape(parts.count > 1 ? first + "\u{00A0}: " + trim(String(parts[1])) : first)
    }

    private static func trim(_ text: String) -> String {
        String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    private static let style = """
    @page { size: A4; margin: 16mm 18mm; }
    body { margin: 0; font: 12pt/1.4 "DejaVu Sans", system-ui, sans-serif; color: #1b1b1b; }
    main { max-width: 46rem; margin: 0 auto; padding: 16px; }
    h1 { font-size: 18pt; margin: 0 0 4pt; color: #0b4f9c; }
    h2 { font-size: 13pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; }
    h3 { font-size: 11.5pt; margin: 6pt 0 2pt; }
    ol, ul { margin: 0; padding-left: 1.4em; }
    li { margin: 3pt 0; break-inside: avoid; }
    .why { display: block; color: #3a3a3a; font-size: 10.5pt; }
    .note { margin-top: 16pt; font-size: 10pt; color: #3a3a3a; }
    .date { margin: 0; color: #3a3a3a; }
    @media print { main { padding: 0; max-width: none; } }
    """
}
