import Foundation
import ParcoursEngine
import ParcoursRendering
import Platform

/// `parcours apply CHANGE --rules DIR`: a change file from the rules workshop applied to a
/// rules folder, refused when the files changed since, with the diff printed.
struct ApplyCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "apply", abstract: Phrase("Applique un fichier de changement de l'atelier à un dossier de règles.", en: "Applies a workshop change file to a rules folder."),
        discussion: Phrase("""
        Le fichier de changement (YAML) donne le nouveau contenu de chaque fichier changé, avec
        l'empreinte SHA-256 du fichier sur lequel il s'appuie (base, ou absent pour un fichier
        nouveau) et un résumé. Refusé, sans rien écrire, si l'un de ces fichiers a changé depuis
        (ils sont nommés). Sinon chaque fichier est écrit à côté puis mis en place d'un coup, et le
        diff est affiché ; lancez ensuite parcours check et parcours replay. Sortie 0 appliqué, 1 refusé.
        """, en: """
        The change file (YAML) gives each changed file's new content, with the SHA-256 of the
        file it is based on (base, or absent for a new file) and a summary. Refused, writing
        nothing, when one of those files changed since (they are named). Otherwise each file is
        written beside and put in place at once, and the diff is printed; then run parcours check and parcours replay.
        Exit 0 applied, 1 refused.
        """),
        arguments: ArgumentsSpec("CHANGE", .one(missing: Phrase("apply attend un fichier de changement", en: "apply needs a change file")),
                                 help: Phrase("le fichier de changement téléchargé depuis l'atelier", en: "the change file downloaded from the workshop")),
        options: [CommonSpec.rules, CommonSpec.scenarios])

    let change: String
    let rules: String?
    let scenarios: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        change = arguments.argument
        rules = arguments.value("--rules")
        scenarios = arguments.value("--scenarios")
    }

    func run(terminal: Terminal) -> Int32 {
        guard let directory = RulesLocator.locate(explicit: rules) else {
            terminal.complain(Phrase("aucun jeu de règles trouvé ; passez --rules DOSSIER", en: "no rule set found; pass --rules DIR"))
            return ExitCode.usage
        }
        let plan: ChangePlan
        do {
            let file = try SourceFile.load(change, limit: Draft.Bounds.fileBytes * 2)
            plan = try ChangePlan.prepare(try Draft.read(file), rules: directory, scenarios: RulesLocator.locateScenarios(explicit: scenarios))
        } catch let error as ParcoursError {
            return ParcoursCLI.report(error, terminal: terminal)
        } catch let error as InputError {
            return ParcoursCLI.report(.unreadable(error, outcome: Phrase("rien n'est écrit", en: "nothing written")), terminal: terminal)
        } catch {
            return ExitCode.failure
        }
        // Every new file is written beside its place first; only when all are written are they
        // put in place, so a failure leaves the folder as it was.
        var written: [(temporary: String, item: ChangePlan.Item)] = []
        for item in plan.items {
            let temporary = TemporaryFiles.name(for: item.disk)
            TemporaryFiles.remember(temporary)
            do {
                try FileManager.default.createDirectory(atPath: (item.disk as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(item.new.utf8).write(to: URL(fileURLWithPath: temporary))
                written.append((temporary, item))
            } catch {
                for (path, _) in written + [(temporary, item)] {
                    unlink(path)
                    TemporaryFiles.forget(path)
                }
                terminal.complain(Phrase("impossible d'écrire \(item.disk) : \(error.localizedDescription) ; rien n'est changé",
                                         en: "cannot write \(item.disk): \(error.localizedDescription); nothing changed"))
                return ExitCode.failure
            }
        }
        for (temporary, item) in written {
            if !SystemFile.replace(item.disk, with: temporary) {
                terminal.complain(Phrase("impossible de mettre \(item.disk) en place : \(SystemFile.lastError())", en: "cannot put \(item.disk) in place: \(SystemFile.lastError())"))
                return ExitCode.failure
            }
            TemporaryFiles.forget(temporary)
        }
        if let summary = plan.summary { terminal.write("# \(summary)\n") }
        for item in plan.items { terminal.write(LineDiff.unified(old: item.old, new: item.new, path: item.path)) }
        terminal.inform("\(plan.items.count) fichier\(plan.items.count > 1 ? "s" : "") appliqué\(plan.items.count > 1 ? "s" : "") à \(directory) ; lancez parcours check puis parcours replay\n",
                        en: "\(plan.items.count) file\(plan.items.count == 1 ? "" : "s") applied to \(directory); run parcours check then parcours replay\n")
        return ExitCode.success
    }
}
