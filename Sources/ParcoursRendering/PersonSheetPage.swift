import ParcoursEngine

/// The fiche as a printable HTML page (`POST /api/v1/fiche`): the same `PaperSheet` as
/// `PersonSheet` (`recommend --format fiche`), section by section, laid out for one A4 page,
/// with nothing of the counsellors' interface, every text in French typography
/// (`FrenchText.typography`) before it is escaped. What the sheet says is decided once, by
/// `PaperSheet` (discretion, the later steps that fit).
public enum PersonSheetPage {
    public static func html(_ sheet: PaperSheet) -> String {
        func text(_ plain: String) -> String { HTML.escape(FrenchText.typography(plain)) }
        var body = ["<h1>Votre parcours</h1>", "<p class=\"date\">Fiche remise le \(text(FrenchText.date(sheet.date)))</p>"]
        body.append("<h2>\(text("Ce que nous faisons d'abord"))</h2>")
        if sheet.actions.isEmpty {
            body.append("<p>Nous faisons le point ensemble au prochain rendez-vous.</p>")
        } else {
            body.append("<ol>")
            for action in sheet.actions {
                let why = action.why.isEmpty ? "" : " <span class=\"why\">\(text(action.why))</span>"
                body.append("<li><strong>\(text(action.label))</strong>\(why)</li>")
            }
            body.append("</ol>")
        }
        if let route = sheet.routeLabel {
            body.append("<h2>\(text("Votre chemin : " + route))</h2>")
            if let description = sheet.routeDescription { body.append("<p>\(text(description))</p>") }
        }
        if !sheet.referents.isEmpty {
            let title = sheet.referents.count > 1 ? "Vos contacts" : "Votre contact"
            body += ["<h2>\(title)</h2>", "<ul>"]
            for referent in sheet.referents {
                body.append("<li>\(text(referent.label)), \(text(referent.justice ? "pour votre mesure de justice" : "pour votre parcours vers l'emploi"))</li>")
            }
            body.append("</ul>")
        }
        if !sheet.later.isEmpty {
            body.append("<h2>Ensuite</h2>")
            var stage: Stage?
            for step in sheet.later {
                if step.stage != stage {
                    if stage != nil { body.append("</ul>") }
                    stage = step.stage
                    body += ["<h3>\(text(step.stageLabel))</h3>", "<ul>"]
                }
                body.append("<li>\(text(step.label))</li>")
            }
            body.append("</ul>")
            if sheet.moreLater > 0 {
                body.append("<p>\(text("\u{2026} et \(FrenchText.count(sheet.moreLater, "autre étape", "autres étapes")), dont nous parlerons ensemble."))</p>")
            }
        }
        if !sheet.schemes.isEmpty {
            body += ["<h2>Les programmes dont nous avons parlé</h2>", "<ul>"]
            body += sheet.schemes.map { "<li>\(text($0))</li>" }
            body.append("</ul>")
        }
        body.append("<p class=\"note\">\(text("Ce document ne contient que ce qui vous a été proposé. Rien n'est enregistré."))</p>")
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
