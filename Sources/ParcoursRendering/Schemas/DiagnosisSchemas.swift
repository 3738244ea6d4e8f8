import ParcoursEngine

/// The diagnoses `recommend --from` and the API import, as `DiagnosisReader` reads them: the
/// platform's keys it uses, in the places it looks for them. Keys it does not use are free (an
/// export carries more than a diagnosis); an item of a France Travail list that is not an object
/// is passed over, so only objects are constrained there.
extension Schemas {
    private typealias B = SchemaBuilder

    /// A text the reader takes: a scalar (text, number or boolean) with something else than spaces.
    private static func text(_ description: String) -> JSONValue {
        B.anyOf([B.string(pattern: "\\S"), .object([("type", .array([.string("number"), .string("boolean")]))])], description)
    }

    /// Any value, read or not by the reader (never refused).
    private static func free(_ description: String) -> JSONValue { .object([("description", .string(description))]) }

    /// An object holding `key` with `schema` under it, other keys free but those of `absent`.
    private static func holding(_ key: String, _ schema: JSONValue, absent: [String] = [], _ description: String? = nil) -> JSONValue {
        B.object(required: [key], [(key, schema)] + absent.map { ($0, JSONValue.bool(false)) }, description, closed: false)
    }

    /// What `DiagnosisReader` unwraps: the list itself, an object holding it under `inner`, or an
    /// object holding either of those under `outer` (`outer` wins when both keys are there).
    private static func wrapped(_ list: JSONValue, outer: String, inner: String) -> JSONValue {
        B.anyOf([list, holding(inner, list, absent: [outer]), holding(outer, B.anyOf([list, holding(inner, list)]))])
    }

    // MARK: France Travail

    var franceTravailDefs: [(String, JSONValue)] {
        func item(_ values: [String], _ description: String, inner: [(String, JSONValue)] = []) -> JSONValue {
            let properties: [(String, JSONValue)] = [
                ("code", Self.text("le code de la plateforme (texte ou nombre)")),
                ("libelle", Self.free("le libellé, repris dans le rapport d'import")),
                ("valeur", .object([("type", .array([.string("string"), .string("number"), .string("boolean"), .string("null")])),
                                    ("description", .string("le statut : \(values.joined(separator: ", ")) ; une autre valeur compte comme non abordée (avertissement) ; un objet ou une liste est une erreur"))])),
            ] + inner
            return B.described(.object([("type", .string("object")), ("required", .array([.string("code")])), ("properties", .object(properties))]), description)
        }
        let situations = B.array(B.ref("situation"), "les situations de la contrainte")
        let objectives = B.array(B.ref("objectif"), "les objectifs de la contrainte")
        return [
            ("contrainte", item(["OUI", "NON", "CLOTUREE", "NON_ABORDEE"], "une contrainte (un objet ; un autre élément est une erreur)",
                                inner: [("situations", situations), ("objectifs", objectives)])),
            ("situation", item(["OUI", "NON", "NON_ABORDEE"], "une situation (un objet ; un autre élément est une erreur)")),
            ("objectif", item(["EN_COURS", "REALISE", "ABANDONNE", "NON_ABORDE"], "un objectif (un objet ; un autre élément est une erreur)")),
        ]
    }

    /// The « dossier individu » (`contraintesIndividusDto`), its `contraintes` object, or the list itself.
    var franceTravailDiagnosis: JSONValue {
        B.described(Self.wrapped(B.array(B.ref("contrainte")), outer: "contraintesIndividusDto", inner: "contraintes"),
                    "Un diagnostic France Travail : la réponse « dossier individu », sa partie contraintesIndividusDto ou la liste des contraintes. Les autres clés sont ignorées.")
    }

    // MARK: Carnet de bord

    var carnetDeBordDefs: [(String, JSONValue)] {
        let situation = B.object(required: ["theme", "description"], [
            ("theme", Self.text("le thème (mobilite, logement…)")), ("description", Self.text("le libellé exact de la situation")),
        ], closed: false)
        return [
            ("situation", situation),
            ("item", B.anyOf([Self.holding("refSituation", B.ref("situation"), "la situation, imbriquée comme l'API de la plateforme la donne"),
                              B.object(required: ["theme", "description"], [
                                  ("theme", Self.text("le thème (mobilite, logement…)")), ("description", Self.text("le libellé exact de la situation")),
                                  ("refSituation", .bool(false)),
                              ], "la situation elle-même", closed: false)])),
        ]
    }

    /// The notebook (`notebook`), its `situations` object, or the list of situations itself.
    var carnetDeBordDiagnosis: JSONValue {
        B.described(Self.wrapped(B.array(B.ref("item")), outer: "notebook", inner: "situations"),
                    "Un diagnostic Carnet de bord : le carnet (notebook), ses situations ({ situations: [...] }) ou leur liste. Les autres clés sont ignorées.")
    }
}
