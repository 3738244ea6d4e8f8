import Foundation
import ParcoursBatch
import ParcoursEngine

extension ParcoursCLI {
    /// Opens the output file `path` of a command, refused (said, nil) when it is one of
    /// `inputs` or a file of the rule set and scheme folders `common` names; temporary files
    /// of earlier runs that died, found beside it and removed, are said unless `--quiet`.
    static func openOutput(_ path: String, inputs: [String], common: CommonOptions?, terminal: Terminal) -> OutputFile? {
        var all = inputs
        if let common {
            let folders = [RulesLocator.locate(explicit: common.rules), RulesLocator.locateScenarios(explicit: common.scenarios)].compactMap { $0 }
            all += inputFiles(in: folders)
        }
        switch OutputFile.open(path, inputs: all) {
        case .failure(let error):
            terminal.complain(error.message, hint: error.hint)
            return nil
        case .success(let file):
            for stale in file.removedStale {
                terminal.inform("parcours : fichier temporaire d'une exécution interrompue supprimé : \(stale)\n",
                                en: "parcours: temporary file of an interrupted run removed: \(stale)\n")
            }
            return file
        }
    }

    /// The regular files under `folders` (rules, schemes, cases, references), links followed
    /// for the files only.
    static func inputFiles(in folders: [String]) -> [String] {
        var files: [String] = []
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
            while let relative = walker.nextObject() as? String {
                files.append(folder + "/" + relative)
                if files.count > 100_000 { return files }
            }
        }
        return files
    }
}
