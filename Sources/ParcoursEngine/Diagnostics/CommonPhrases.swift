/// Diagnostic sentences said by several readers (profiles, corpus lines, cases, rules, schemes),
/// written once so they read the same everywhere.
extension Phrase {
    /// « champ du profil inconnu « x » » / `unknown profile field "x"`.
    static func unknownProfileField(_ name: String) -> Phrase {
        Phrase("champ du profil inconnu « \(name) »", en: "unknown profile field \"\(name)\"")
    }

    /// « aucun partenaire « x » dans le catalogue » / `no partner "x" in the catalogue`.
    static func notInCatalogue(_ id: String, kind: EntryKind) -> Phrase {
        Phrase("\(kind == .partner ? "aucun" : "aucune") \(kind.frenchLabel) « \(id) » dans le catalogue",
               en: "no \(kind.rawValue) \"\(id)\" in the catalogue")
    }
}
