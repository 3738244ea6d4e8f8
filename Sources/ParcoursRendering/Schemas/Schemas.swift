import ParcoursEngine

/// The JSON Schemas (2020-12) of every file a person writes and of the JSON Parcours prints.
/// Keys come from `FileShapes` (what the loaders accept); values from the rule set (fields and
/// their values, catalogue ids, schemes), so completion in an editor offers what `check` accepts.
/// `check` stays the judge: a schema cannot say everything (conditions are text).
package enum SchemaName: String, CaseIterable, Sendable {
    case profile, rules, vocabulary, catalogue, scheme
    case `case`
    case recommendation, explanation
    case batchLine = "batch-line"
    case diff
    case importMapping = "import-mapping"
    case sources
    case glossary
    case diagnosisFranceTravail = "diagnosis-france-travail"
    case diagnosisCarnetDeBord = "diagnosis-carnet-de-bord"
    case problem

    /// What the schema describes, in French (the `schema` command lists them).
    package var summary: Phrase {
        switch self {
        case .profile: return Phrase("un profil (YAML ou JSON)", en: "a profile (YAML or JSON)")
        case .rules: return Phrase("un fichier de règles (Rules/*.yaml, sauf profile et catalogue)", en: "a rule file (Rules/*.yaml, but profile and catalogue)")
        case .vocabulary: return Phrase("le vocabulaire (Rules/profile.yaml)", en: "the vocabulary (Rules/profile.yaml)")
        case .catalogue: return Phrase("le catalogue (Rules/catalogue.yaml)", en: "the catalogue (Rules/catalogue.yaml)")
        case .scheme: return Phrase("un dispositif (Scenarios/<id>/scheme.yaml)", en: "a scheme (Scenarios/<id>/scheme.yaml)")
        case .case: return Phrase("un cas rejouable (cases/*.yaml)", en: "a replayable case (cases/*.yaml)")
        case .recommendation: return Phrase("la sortie de recommend --format json (et de l'API)", en: "the output of recommend --format json (and the API)")
        case .explanation: return Phrase("la sortie de explain --format json", en: "the output of explain --format json")
        case .batchLine: return Phrase("une ligne de batch (--format jsonl)", en: "a line of batch (--format jsonl)")
        case .diff: return Phrase("la sortie de diff --format json", en: "the output of diff --format json")
        case .importMapping: return Phrase("une correspondance d'import (Rules/imports/*.yaml)", en: "an import mapping (Rules/imports/*.yaml)")
        case .sources: return Phrase("le registre des sources (Rules/sources.yaml)", en: "the register of sources (Rules/sources.yaml)")
        case .glossary: return Phrase("le glossaire des sigles lus par la personne (Rules/glossaire.yaml)", en: "the glossary of acronyms the person reads (Rules/glossaire.yaml)")
        case .diagnosisFranceTravail: return Phrase("un diagnostic France Travail à importer (recommend --from france-travail)", en: "a France Travail diagnosis to import (recommend --from france-travail)")
        case .diagnosisCarnetDeBord: return Phrase("un diagnostic Carnet de bord à importer (recommend --from carnet-de-bord)", en: "a Carnet de bord diagnosis to import (recommend --from carnet-de-bord)")
        case .problem: return Phrase("une erreur : --format json et les réponses d'erreur de l'API", en: "an error: --format json and the API's error answers")
        }
    }

    /// The file name it is shipped under in `docs/schemas/`.
    package var fileName: String { rawValue + ".schema.json" }
}

/// The schemas of one rule set: `parcours schema` writes them, the server's OpenAPI document
/// embeds them.
package struct Schemas {
    package let ruleSet: RuleSet
    fileprivate typealias B = SchemaBuilder

    package init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    package func document(_ name: SchemaName) -> JSONValue {
        let id = "urn:parcours:schema:\(name.rawValue)"
        let title = "Parcours : " + name.summary.fr
        switch name {
        case .profile: return B.document(id: id, title: title, profile(allowThis: false))
        case .rules: return B.document(id: id, title: title, ruleFile, defs: ruleDefs)
        case .vocabulary: return B.document(id: id, title: title, vocabulary, defs: [("condition", condition)])
        case .catalogue: return B.document(id: id, title: title, catalogue, defs: ruleDefs)
        case .scheme: return B.document(id: id, title: title, scheme, defs: ruleDefs)
        case .case: return B.document(id: id, title: title, caseFile, defs: [("profile", profile(allowThis: true)), ("expectations", expectations)])
        case .recommendation: return B.document(id: id, title: title, recommendation, defs: outputDefs)
        case .explanation: return B.document(id: id, title: title, explanation, defs: [("node", explanationNode)])
        case .batchLine: return B.document(id: id, title: title, batchLine)
        case .diff: return B.document(id: id, title: title, diff)
        case .importMapping: return B.document(id: id, title: title, importMapping, defs: [("profile", profile(allowThis: false))])
        case .sources: return B.document(id: id, title: title, sourceRegister)
        case .glossary: return B.document(id: id, title: title, glossary)
        case .diagnosisFranceTravail: return B.document(id: id, title: title, franceTravailDiagnosis, defs: franceTravailDefs)
        case .diagnosisCarnetDeBord: return B.document(id: id, title: title, carnetDeBordDiagnosis, defs: carnetDeBordDefs)
        case .problem: return B.document(id: id, title: title, problem)
        }
    }

    // MARK: Values from the rule set

    private var fieldNames: [String] { ruleSet.vocabulary.fields.map(\.name) }
    private func entries(_ kind: EntryKind) -> [String] { ruleSet.catalogue.entries.filter { $0.kind == kind }.map(\.id) }
    private var schemeIDs: [String] { ruleSet.schemes.map(\.id) }
    private static let identifier = "^[a-z][a-z0-9_]*$"
    private static let date = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    private static let source = B.string("le passage de ../shared (ou de reference/) qui dit ce que fait cet élément")

    /// A profile: each field of the vocabulary with its type and values; absent or null is unknown.
    /// In a case, `this` names the case's own scheme in the scheme lists.
    private func profile(allowThis: Bool) -> JSONValue {
        let properties: [(String, JSONValue)] = ruleSet.vocabulary.fields.map { field in
            let description = field.label + " : " + field.question
            let this = allowThis && field.kind.holdsMembers && field.values.map(\.id) == schemeIDs ? ["this"] : []
            let schema = field.kind.schema(description, extraMembers: this)
            return (field.name, schema)
        }
        return B.object(properties, "Un profil : les champs du vocabulaire ; un champ absent ou null est inconnu.")
    }

    // MARK: Rule files

    /// A condition: a comparison (`age < 26`), a list (all of them), `all`/`any`/`not`, or dated.
    private var condition: JSONValue {
        B.anyOf([
            B.string("une comparaison, par ex. « age < 26 » ou « barriers includes mobility »"),
            B.array(B.ref("condition"), "toutes ces conditions", minItems: 1),
            B.object(required: ["all"], [("all", B.array(B.ref("condition"), minItems: 1))], "toutes ces conditions"),
            B.object(required: ["any"], [("any", B.array(B.ref("condition"), minItems: 1))], "au moins une de ces conditions"),
            B.object(required: ["not"], [("not", B.ref("condition"))], "le contraire de cette condition"),
            B.object(FileShapes.datedCondition, ["when": B.ref("condition"), "valid_from": B.string(pattern: Self.date), "valid_until": B.string(pattern: Self.date)],
                     "une condition en vigueur sur une période"),
        ])
    }

    private var validity: [String: JSONValue] {
        ["valid_from": B.string("premier jour d'application (AAAA-MM-JJ)", pattern: Self.date),
         "valid_until": B.string("dernier jour d'application (AAAA-MM-JJ)", pattern: Self.date)]
    }

    private var rule: JSONValue {
        B.object(FileShapes.rule, [
            "id": B.string("identifiant unique de la règle", pattern: Self.identifier),
            "title": B.string("ce que fait la règle, en une ligne"),
            "source": Self.source,
            "priority": B.integer("de 0 à 1000 : la règle applicable de plus haute priorité décide du parcours et du référent", minimum: 0, maximum: 1000),
            "when": B.described(B.ref("condition"), "quand la règle s'applique (toujours si absent)"),
            "route": B.oneOf(Route.allCases.map(\.rawValue), "le parcours que la règle donne"),
            "referent": B.oneOf(entries(.partner), "le partenaire référent que la règle donne"),
            "referent_role": B.oneOf(ReferentRole.allCases.map(\.rawValue), "le rôle du référent (insertion par défaut)"),
            "why": B.string("pourquoi, pour la conseillère ou le conseiller"),
            "suggest": B.array(B.ref("suggestion"), "ce que la règle propose, par étape"),
            "notes": B.string("notes pour les auteurs"),
        ].merging(validity) { first, _ in first }, "une règle")
    }

    private var suggestion: JSONValue {
        var schema = B.object(FileShapes.suggestion, [
            "stage": B.oneOf(Stage.allCases.map(\.rawValue), "l'étape du parcours"),
            "why": B.string("pourquoi cette proposition"),
            "partner": B.oneOf(entries(.partner), "un partenaire du catalogue"),
            "immersion": B.oneOf(entries(.immersion), "une immersion du catalogue"),
            "action": B.oneOf(entries(.action), "une action du catalogue"),
            "discreet": B.boolean("la raison reste hors de la fiche remise à la personne"),
        ], "une proposition : exactement un partner, une immersion ou une action")
        if case .object(let pairs) = schema {
            schema = .object(pairs + [("oneOf", .array(EntryKind.allCases.map { .object([("required", .array([.string($0.rawValue)]))]) }))])
        }
        return schema
    }

    private var fact: JSONValue {
        B.object(FileShapes.fact, ["label": B.string("ce que dit le fait"), "when": B.ref("condition"), "source": Self.source], "un fait dérivé, utilisable dans les conditions")
    }

    private var ruleDefs: [(String, JSONValue)] {
        [("condition", condition), ("rule", rule), ("suggestion", suggestion), ("fact", fact)]
    }

    private var ruleFile: JSONValue {
        B.object(FileShapes.ruleFile, [
            "source": Self.source,
            "facts": B.map(B.ref("fact"), keys: B.string(pattern: Self.identifier), "faits dérivés, par nom"),
            "rules": B.array(B.ref("rule"), "les règles"),
        ], "Un fichier de règles de Parcours.")
    }

    // MARK: Vocabulary and catalogue

    private var vocabulary: JSONValue {
        let links = Dictionary(uniqueKeysWithValues: FileShapes.linkCodes.map { ($0, B.anyOf([B.string(), B.null()], "code du référentiel (vide : aucun équivalent)")) })
        let value = B.anyOf([B.string("libellé"), B.object(KeyShape(required: ["label"], optional: FileShapes.linkCodes),
                                                               ["label": B.string("libellé")].merging(links) { first, _ in first })])
        let field = B.object(FileShapes.field, [
            "type": B.oneOf(FieldType.keywords, "integer (avec min et max), boolean, enum, ordered (enum ordonné), set (plusieurs valeurs), department (code INSEE)"),
            "label": B.string("libellé court"), "question": B.string("la question à poser pour remplir le champ"),
            "min": B.integer(), "max": B.integer(),
            "values": B.map(value, keys: B.string(pattern: "^[A-Za-z][A-Za-z0-9_]*$"), "valeurs : identifiant → libellé"),
            "values_from": B.oneOf(["schemes"], "les valeurs sont les dispositifs"),
            "taxonomy": B.boolean("chaque valeur porte ses codes data·inclusion, France Travail et Carnet de bord"),
            "default": .object([("description", .string("valeur quand le champ est inconnu"))]),
            "screens": B.oneOf(Urgency.allCases.map(\.rawValue), "l'urgence que la question repère : posée d'abord tant qu'elle est sans réponse"),
            "source": Self.source,
            "group": B.oneOf(FieldGroup.allCases.map(\.rawValue), "la partie du diagnostic"),
            "ask_when": B.described(B.ref("condition"), "quand la question a un sens"),
        ])
        return B.object(FileShapes.vocabulary, ["fields": B.map(field, keys: B.string(pattern: Self.identifier), "les champs d'un profil"), "source": Self.source],
                        "Le vocabulaire d'un profil.")
    }

    /// What the person reads (`for_person:`): a plainer name and a sentence that says « vous ».
    private var personText: JSONValue {
        B.object(FileShapes.personText, ["label": B.string("le nom que lit la personne, en mots simples (par défaut : name)"),
                                         "text": B.string("une ou deux phrases adressées à la personne (« vous »), sans jargon ni sigle inexpliqué")])
    }

    /// The glossary: each acronym the person may read, with its meaning in plain French.
    private var glossary: JSONValue {
        B.object(FileShapes.glossaryFile, ["acronyms": B.map(B.string("le sens en mots simples, en minuscules"), keys: B.string(pattern: "^(?=(?:[^A-Z]*[A-Z]){2})[A-Z0-9]+(?:-[A-Z0-9]+)*$"),
                                                             "un sigle (au moins deux capitales) et son sens")])
    }

    private var catalogue: JSONValue {
        let labelled = [String: JSONValue](uniqueKeysWithValues: [("label", B.string()), ("description", B.string()), ("source", Self.source), ("for_person", personText)])
        let route = B.object(FileShapes.routeLabel, labelled.merging(["follow_up": B.array(B.ref("suggestion"), "ce qui accompagne toujours ce parcours")]) { first, _ in first })
        let stage = B.object(FileShapes.stageLabel, labelled)
        func entries(_ kind: EntryKind) -> JSONValue {
            B.map(B.object(FileShapes.entry, [
                "name": B.string("nom affiché"), "description": B.string(),
                "thematiques": B.array(B.string(), "thématiques data·inclusion"), "reseaux_porteurs": B.array(B.string(), "réseaux porteurs data·inclusion"),
                "requires": B.described(B.ref("condition"), "quand l'entrée peut être proposée"),
                "discreet_when": B.described(B.ref("condition"), "hors de la fiche remise quand cette condition est vraie pour la personne (violences au domicile, détention…)"), "source": Self.source,
                "severity": B.oneOf(Urgency.allCases.map(\.rawValue), "urgence, de la plus grave à la moins grave"),
                "discreet": B.boolean("hors de la fiche remise à la personne, sauf --include-discreet"),
                "after_plan": B.boolean("formalise un plan expliqué : jamais la première action"),
                "reengagement": B.boolean("renoue après une rupture : au plus un nouveau partenaire"),
                "for_person": personText,
                "former_names": B.array(B.object(FileShapes.formerName, ["name": B.string("le nom d'avant"), "valid_until": B.string("dernier jour de ce nom (AAAA-MM-JJ)", pattern: Self.date)]),
                                        "les noms d'avant, du plus ancien au plus récent"),
            ].merging(validity) { first, _ in first }), keys: B.string(pattern: Self.identifier))
        }
        return B.object(FileShapes.catalogue, [
            "routes": B.object(required: [], Route.allCases.map { ($0.rawValue, route) }),
            "stages": B.object(required: [], Stage.allCases.map { ($0.rawValue, stage) }),
            "partners": entries(.partner), "immersions": entries(.immersion), "actions": entries(.action), "source": Self.source,
        ], "Le catalogue : parcours, étapes, partenaires, immersions et actions.")
    }

    // MARK: Schemes and cases

    /// An import mapping: each line a platform code and the profile values it stands for (`set`,
    /// written as in a profile).
    private var importMapping: JSONValue {
        let entry = B.object(FileShapes.importEntry, ["code": B.string("le code de la plateforme (Carnet de bord : le libellé exact de la situation)"),
                                                      "theme": B.string("le thème du code (obligatoire pour une situation Carnet de bord)"),
                                                      "set": B.ref("profile"), "source": Self.source])
        var properties: [String: JSONValue] = ["format": B.oneOf(DiagnosisFormat.allCases.map(\.rawValue)), "label": B.string("le nom de la correspondance"), "source": Self.source]
        for section in FileShapes.importSections { properties[section] = B.array(entry) }
        return B.object(FileShapes.importMapping, properties)
    }

    /// The register of sources: each document or public text a `source:` may cite, by id.
    private var sourceRegister: JSONValue {
        let source = B.object(FileShapes.registeredSource, ["title": B.string("le titre du document ou du texte public, sans guillemets"),
                                                            "year": B.integer("l'année de publication ou d'entrée en vigueur"),
                                                            "issuer": B.string("qui l'a publié"),
                                                            "kind": B.oneOf(RegisteredSource.Kind.allCases.map(\.rawValue), "seed, reference, law ou project"),
                                                            "file": B.string("le fichier lu par check (seed : son nom ; reference : reference/<nom>)"),
                                                            "reference": B.string("où lire un texte public (article, journal officiel)")])
        return B.object(FileShapes.sourcesFile, ["sources": B.map(source, keys: B.string(pattern: "^[A-Za-z0-9_]+$"), "une source par identifiant")])
    }

    private var scheme: JSONValue {
        let criterion = B.object(FileShapes.criterion, [
            "id": B.string(pattern: Self.identifier), "label": B.string(), "when": B.ref("condition"), "reason": B.string("pourquoi ce critère"), "source": Self.source,
            "sensitive": B.boolean("une question personnelle (un handicap) : tant qu'elle est sans réponse, le dispositif n'est pas « à discuter »"),
        ].merging(validity) { first, _ in first })
        return B.object(FileShapes.scheme, [
            "id": B.string("le nom du dossier du dispositif", pattern: Self.identifier), "name": B.string(), "summary": B.string(), "source": Self.source,
            "duration": B.string("durée, en clair"),
            "verify_locally": B.string("pourquoi vérifier sur place qu'il existe encore avant de le proposer"),
            "eligibility": B.array(criterion, "critères d'éligibilité", minItems: 1),
            "priority_criteria": B.array(criterion, "publics prioritaires"),
            "cautions": B.array(criterion, "points à discuter avant de proposer le dispositif"),
            "in_force": B.object(FileShapes.inForce, ["reason": B.string(), "source": Self.source].merging(validity) { first, _ in first }, "la période où le dispositif existe"),
            "stages": B.array(B.object(FileShapes.schemeStage, [
                "id": B.string(pattern: Self.identifier), "label": B.string(), "milestones": B.array(B.string()), "duration": B.string(), "when": B.ref("condition"),
            ])),
            "partners": B.array(B.object(FileShapes.schemePartner, ["partner": B.oneOf(entries(.partner)), "role": B.string()])),
            "rules": B.array(B.ref("rule"), "les règles du dispositif (identifiants préfixés par le dispositif)"),
        ], "Un dispositif : éligibilité, étapes, partenaires et règles.")
    }

    private var caseFile: JSONValue {
        B.object(FileShapes.caseFile, [
            "name": B.string("ce que le cas raconte, en une ligne (personne fictive)"), "description": B.string(),
            "date": B.string("la date des règles à appliquer", pattern: Self.date),
            "profile": B.ref("profile"), "expect": B.ref("expectations"),
            "steps": B.array(B.object(FileShapes.caseStep, [
                "name": B.string(), "set": B.ref("profile"), "unset": B.array(B.oneOf(fieldNames)), "expect": B.ref("expectations"),
            ])),
        ], "Un cas rejouable : un profil, puis des étapes, et ce qui est attendu.")
    }

    private var expectations: JSONValue {
        let status = B.oneOf(SchemeStatus.allCases.map(\.rawValue))
        let schemeExpectation = B.anyOf([status, B.object(FileShapes.schemeExpectation, [
            "status": status, "advice": B.oneOf(SchemeAdvice.allCases.map(\.rawValue)), "stage": B.anyOf([B.string(), B.null()]),
            "criteria": B.map(B.oneOf(["passed", "failed", "undetermined"])),
        ])])
        func inclusion(_ items: JSONValue) -> JSONValue {
            B.anyOf([B.array(items), B.object(FileShapes.inclusion, ["include": B.array(items), "exclude": B.array(items), "exactly": B.array(items)])])
        }
        let steps = B.oneOf(ruleSet.catalogue.entries.map(\.id))
        return B.object(FileShapes.expectations, [
            "route": B.oneOf(Route.allCases.map(\.rawValue), nullable: true),
            "route_scheme": B.oneOf(schemeIDs + ["this"]),
            "referent": B.oneOf(entries(.partner), nullable: true),
            "referents": B.object(ReferentRole.allCases.map { ($0.rawValue, B.oneOf(entries(.partner), nullable: true)) }),
            "scheme": schemeExpectation,
            "schemes": B.object(schemeIDs.map { ($0, schemeExpectation) }),
            "steps": inclusion(steps), "questions": inclusion(B.oneOf(fieldNames)),
            "next_actions": B.object(FileShapes.nextActionsExpectation, ["include": B.array(steps), "exclude": B.array(steps), "order": B.array(steps)]),
            "first_questions": B.array(B.oneOf(fieldNames)),
            "fiche": B.object(FileShapes.ficheExpectation, ["include": B.array(B.string()), "exclude": B.array(B.string())]),
            "why": B.object(FileShapes.why, ["fired": B.array(B.string()), "not_fired": B.array(B.string())]),
        ])
    }

    // MARK: Outputs

    private static let nullableString = B.anyOf([B.string(), B.null()])

    private var outputDefs: [(String, JSONValue)] {
        let decision = B.object(required: ["id", "label", "why", "rule", "priority", "scheme"], [
            ("id", B.string()), ("label", B.string()), ("why", Self.nullableString), ("rule", B.string()), ("priority", B.integer()), ("scheme", Self.nullableString),
        ])
        let criterion = B.object(required: ["id", "label", "status", "reason", "missing"], [
            ("id", B.string()), ("label", B.string()), ("status", B.oneOf(["passed", "failed", "undetermined"])), ("reason", B.string()), ("missing", B.array(B.string())),
        ])
        return [("decision", decision), ("criterion", criterion)]
    }

    private var recommendation: JSONValue {
        let stages = Stage.allCases.map(\.rawValue), kinds = EntryKind.allCases.map(\.rawValue)
        let pairs: [(String, JSONValue)] = [
            ("contract", .object([("const", .int(Recommendation.contractVersion)), ("description", .string("version du contrat"))])),
            ("route", B.anyOf([B.ref("decision"), B.null()])),
            ("referent", Self.nullableString),
            ("referent_detail", B.anyOf([B.ref("decision"), B.null()])),
            ("referents", B.array(B.object(required: ["role", "partner", "label", "why", "rule"], [
                ("role", B.oneOf(ReferentRole.allCases.map(\.rawValue))), ("partner", B.string()), ("label", B.string()), ("why", Self.nullableString), ("rule", B.string()),
            ]))),
            ("kept_off_paper", B.array(B.object(required: ["id", "label"], [("id", B.string()), ("label", B.string())]))),
            ("next_actions", B.array(B.object(required: ["id", "kind", "label", "why", "stage", "urgent", "severity", "discreet"], [
                ("id", B.string()), ("kind", B.oneOf(kinds)), ("label", B.string()), ("why", B.string()), ("stage", B.oneOf(stages)), ("urgent", B.boolean()),
                ("severity", B.oneOf(Urgency.allCases.map(\.rawValue), nullable: true)), ("discreet", B.boolean()),
            ]))),
            ("steps", B.array(B.object(required: ["stage", "kind", "id", "label", "why", "rule", "also_suggested_by", "severity", "discreet", "discreet_reason",
                                                  "thematiques", "reseaux_porteurs"], [
                ("stage", B.oneOf(stages)), ("kind", B.oneOf(kinds)), ("id", B.string()), ("label", B.string()), ("why", B.string()), ("rule", B.string()),
                ("also_suggested_by", B.array(B.string())), ("severity", B.oneOf(Urgency.allCases.map(\.rawValue), nullable: true)),
                ("discreet", B.boolean()), ("discreet_reason", B.boolean()), ("thematiques", B.array(B.string())), ("reseaux_porteurs", B.array(B.string())),
                // Present only with a services export (`--services`).
                ("services", B.array(B.object(required: ["id", "source", "nom", "structure", "adresse", "code_postal", "commune", "telephone", "courriel", "horaires_accueil"],
                                              ["id", "source", "nom", "structure", "adresse", "code_postal", "commune", "telephone", "courriel", "horaires_accueil"].map {
                                                  ($0, $0 == "id" || $0 == "nom" ? B.string() : Self.nullableString)
                                              }))),
            ]))),
            ("questions", B.array(B.object(required: ["field", "label", "question", "rules", "changes", "screens"], [
                ("field", B.string()), ("label", B.string()), ("question", B.string()), ("rules", B.array(B.string())), ("changes", B.array(B.oneOf(["route", "referent"]))),
                ("screens", B.oneOf(Urgency.allCases.map(\.rawValue), nullable: true)),
            ]))),
            ("schemes", B.array(B.object(required: ["id", "name", "status", "advice", "verify_locally", "enrolled", "chosen", "criteria", "priority_criteria", "cautions", "stage"], [
                ("id", B.string()), ("name", B.string()), ("status", B.oneOf(SchemeStatus.allCases.map(\.rawValue))),
                ("advice", B.oneOf(SchemeAdvice.allCases.map(\.rawValue))), ("verify_locally", Self.nullableString), ("enrolled", B.boolean()), ("chosen", B.boolean()),
                ("criteria", B.array(B.ref("criterion"))), ("priority_criteria", B.array(B.ref("criterion"))), ("cautions", B.array(B.ref("criterion"))),
                ("stage", B.anyOf([B.object(required: ["id", "label"], [("id", B.string()), ("label", B.string())]), B.null()])),
            ]))),
            ("fired", B.array(B.string())), ("undetermined", B.array(B.string())),
            ("ruleset", B.object(required: ["fingerprint", "rules", "date"], [
                ("fingerprint", B.string(pattern: "^sha256:[0-9a-f]{64}$")), ("rules", B.integer(minimum: 0)), ("date", B.string(pattern: Self.date)),
            ])),
        ]
        let item = B.object(required: ["kind", "code", "theme", "label"], [
            ("kind", B.oneOf(DiagnosisItemKind.allCases.map(\.rawValue))), ("code", B.string()), ("theme", Self.nullableString), ("label", Self.nullableString),
            ("fields", B.array(B.string())), ("line", B.integer(minimum: 1)), ("column", B.integer(minimum: 1)),
        ])
        // Present only when the profile came from a diagnosis (`--from`, `?from=`).
        let imported = B.object(required: ["format", "mapping", "profile", "applied", "unmapped", "unaddressed", "conflicts", "duplicates"], [
            ("format", B.oneOf(DiagnosisFormat.allCases.map(\.rawValue))), ("mapping", B.string()), ("profile", B.string()),
            ("applied", B.array(item)), ("unmapped", B.array(item)), ("unaddressed", B.array(item)),
            ("conflicts", B.array(B.object(required: ["field", "codes"], [("field", B.string()), ("codes", B.array(B.string()))]))),
            ("duplicates", B.array(item)),
        ])
        return B.object(required: pairs.map(\.0), pairs + [("import", imported)], "La recommandation, contrat JSON version \(Recommendation.contractVersion).")
    }

    private var explanationNode: JSONValue {
        B.object(required: ["condition", "value", "value_label", "missing", "missing_labels", "children"], [
            ("condition", B.string()), ("value", B.oneOf(["true", "false", "unknown"])), ("value_label", B.string()),
            ("missing", B.array(B.string())), ("missing_labels", B.array(B.string())), ("children", B.array(B.ref("node"))),
        ])
    }

    private var explanation: JSONValue {
        B.anyOf([
            B.object(required: ["rule", "title", "source", "sources", "date", "verdict", "condition"], [
                ("rule", B.string()), ("title", B.string()), ("source", B.string()),
                ("sources", B.array(B.object(required: ["id", "title", "origin", "detail"], [
                    ("id", B.string()), ("title", B.string()), ("origin", B.string()), ("detail", B.string()),
                ]))),
                ("date", B.string(pattern: Self.date)), ("verdict", B.string()), ("condition", B.ref("node")),
            ], "explain --rule"),
            B.object(required: ["scheme", "name", "status", "status_label", "date", "criteria"], [
                ("scheme", B.string()), ("name", B.string()), ("status", B.oneOf(SchemeStatus.allCases.map(\.rawValue))), ("status_label", B.string()), ("date", B.string(pattern: Self.date)),
                ("criteria", B.array(B.object(required: ["id", "label", "priority", "condition"], [
                    ("id", B.string()), ("label", B.string()), ("priority", B.boolean()), ("condition", B.ref("node")),
                ]))),
            ], "explain --scheme"),
        ])
    }

    private var batchLine: JSONValue {
        let pairs: [(String, JSONValue)] = [
            ("line", B.integer("numéro de ligne du profil dans le corpus", minimum: 1)),
            ("route", B.oneOf(Route.allCases.map(\.rawValue), nullable: true)), ("route_scheme", Self.nullableString), ("route_rule", Self.nullableString),
            ("referent", Self.nullableString), ("referent_rule", Self.nullableString),
            ("steps", B.array(B.object(required: ["stage", "id", "rule"], [("stage", B.oneOf(Stage.allCases.map(\.rawValue))), ("id", B.string()), ("rule", B.string())]))),
            ("schemes", B.object(schemeIDs.map { ($0, B.oneOf(SchemeStatus.allCases.map(\.rawValue))) })),
            ("fired", B.array(B.string())),
        ]
        return B.object(required: pairs.map(\.0), pairs, "Une ligne de parcours batch --format jsonl.")
    }

    private var diff: JSONValue {
        let changes = B.array(B.object(required: ["what", "before", "after", "count", "examples"], [
            ("what", B.string()), ("before", B.string()), ("after", B.string()), ("count", B.integer(minimum: 1)),
            ("examples", B.array(B.object(required: ["line", "profile"], [("line", B.integer(minimum: 1)), ("profile", B.string())]))),
        ]))
        let pairs: [(String, JSONValue)] = [
            ("date", B.string(pattern: Self.date)), ("base", B.string()), ("current", B.string()),
            ("profiles", B.integer(minimum: 0)), ("refused", B.integer(minimum: 0)), ("changed", B.integer(minimum: 0)),
            ("routes", changes), ("referents", changes), ("suggestions", changes), ("schemes", changes),
        ]
        return B.object(required: pairs.map(\.0), pairs, "La sortie de parcours diff --format json.")
    }
}
