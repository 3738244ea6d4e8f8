import YAML

extension YAMLError {
    /// What went wrong, in French and in English.
    var phrase: Phrase {
        switch self {
        case .syntax(let problem, let mark, let context):
            if let length = Self.overlongKey(problem, mark) {
                return Phrase("clé trop longue : YAML n'accepte pas de clé de plus de 1 024 caractères sur une ligne, celle-ci en a \(length)",
                              en: "key too long: YAML accepts no key longer than 1,024 characters on a line, this one has \(length)")
            }
            let fr = Self.french(problem), contextFR = context.map(Self.french)
            if let context, context == "JSON" || context == "CSV" { return Phrase("\(context) invalide : \(fr)", en: message) }
            if let context, let contextFR { return Phrase("YAML invalide : \(fr) (\(contextFR))", en: "invalid YAML: \(problem) (\(context))") }
            return Phrase("YAML invalide : \(fr)", en: message)
        case .indentation(_, let mark, let spaces, let previousLine, let previousSpaces):
            return Phrase("indentation incohérente : la ligne \(mark.line) commence par \(spaces) espace\(spaces == 1 ? "" : "s"), la ligne \(previousLine) au-dessus par \(previousSpaces)", en: message)
        case .invalidUTF8: return Phrase("le fichier n'est pas en UTF-8 valide", en: message)
        case .tab: return Phrase("tabulation là où YAML attend des espaces", en: message)
        case .unclosedQuote: return Phrase("un texte entre guillemets n'est jamais fermé", en: message)
        case .duplicateKey(let key, _, let first):
            return Phrase("clé « \(Limits.quoted(key)) » en double (déjà définie ligne \(first.line))", en: message)
        case .complexKey: return Phrase("les clés d'un mapping doivent être du texte simple", en: message)
        case .unknownAlias(let name, _):
            return Phrase("l'alias *\(name) ne renvoie à aucune ancre &\(name) définie avant lui", en: message)
        case .aliasExpansionTooLarge(let limit, _):
            return Phrase("les alias se développent en plus de \(limit) nœuds", en: message)
        case .multipleDocuments: return Phrase("un seul document YAML par fichier", en: message)
        case .tooDeep(let limit, _):
            return Phrase("listes et mappings imbriqués sur plus de \(limit) niveaux", en: message)
        case .tooLong(let what, let limit, _):
            return Phrase("\(Self.french(what)) dépasse \(limit) octets", en: message)
        }
    }

    /// How to fix it, in French and in English, when there is a likely fix.
    var hintPhrase: Phrase? {
        guard let hint else { return nil }
        switch self {
        case .invalidUTF8: return Phrase("enregistrez le fichier en UTF-8", en: hint)
        case .tab: return Phrase("indentez avec des espaces, pas des tabulations", en: hint)
        case .unclosedQuote: return Phrase("ajoutez le guillemet fermant", en: hint)
        case .duplicateKey: return Phrase("supprimez ou renommez l'une des deux clés", en: hint)
        case .unknownAlias: return Phrase("définissez l'ancre avec &nom avant d'utiliser *nom", en: hint)
        case .aliasExpansionTooLarge: return Phrase("écrivez le contenu répété, ou réutilisez-le par un fait nommé", en: hint)
        case .multipleDocuments: return Phrase("retirez le séparateur `---` ou coupez le fichier en deux", en: hint)
        case .tooDeep: return Phrase("aplatissez la structure ; dans une condition, mettez les parties imbriquées dans des faits nommés", en: hint)
        case .tooLong: return Phrase("découpez l'entrée", en: hint)
        case .indentation(_, let mark, _, _, _):
            return Phrase("indentez la ligne \(mark.line) comme les clés de même niveau (même nombre d'espaces), ou comme son parent si elle en relève", en: hint)
        case .syntax(let problem, let mark, _) where Self.overlongKey(problem, mark) != nil:
            return Phrase("raccourcissez la clé : un nom de champ tient en quelques mots", en: "shorten the key: a field name is a few words")
        case .syntax, .complexKey: return Phrase(hint, en: hint)
        }
    }

    /// The length of a key libyaml refused for being over its 1,024-character limit on simple
    /// keys (it then reports the `:` after it as unexpected, far along the line), or nil.
    static func overlongKey(_ problem: String, _ mark: Mark) -> Int? {
        problem == "mapping values are not allowed in this context" && mark.column > 1025 ? mark.column - 1 : nil
    }

    /// French for libyaml's messages and contexts and for the corpus readers' own; a message
    /// not in the table is kept as libyaml wrote it.
    static func french(_ text: String) -> String {
        if let known = frenchTable[text] { return known }
        if text.hasPrefix("control character "), text.hasSuffix(" is not allowed") {
            return "caractère de contrôle " + text.dropFirst("control character ".count).dropLast(" is not allowed".count) + " interdit"
        }
        if text.hasPrefix("the row has "), let comma = text.firstIndex(of: ",") {
            let cells = text[text.index(text.startIndex, offsetBy: "the row has ".count)...].prefix { $0.isNumber }
            let header = text[comma...].dropFirst(", the header ".count).prefix { $0.isNumber }
            if text.contains(", the header only ") {
                return "la ligne a \(cells) cellules, l'en-tête seulement \(text[comma...].dropFirst(", the header only ".count).prefix { $0.isNumber }) (une cellule qui contient le séparateur s'écrit entre guillemets doubles)"
            }
            return "la ligne a \(cells) cellules, l'en-tête \(header) (une cellule vide veut dire inconnu : gardez les séparateurs)"
        }
        if text.hasPrefix("unexpected \"") { return "« " + text.dropFirst("unexpected \"".count).dropLast() + " » inattendu" }
        return text
    }

    /// libyaml's and the readers' messages; the JSON string problems are `JSONStringScanner`'s.
    private static let frenchTable: [String: String] = Dictionary(
        JSONStringScanner.Problem.allCases.map { ($0.phrase.en, $0.phrase.fr) }, uniquingKeysWith: { first, _ in first }
    ).merging(messageTable, uniquingKeysWith: { first, _ in first })

    private static let messageTable: [String: String] = [
        // libyaml
        "did not find expected key": "clé attendue non trouvée",
        "mapping values are not allowed in this context": "« : » inattendu ici (une valeur de mapping n'est pas permise à cet endroit)",
        "did not find expected '-' indicator": "tiret « - » attendu",
        "did not find expected node content": "valeur attendue non trouvée",
        "did not find expected ',' or ']'": "« , » ou « ] » attendu",
        "did not find expected ',' or '}'": "« , » ou « } » attendu",
        "found unexpected end of stream": "fin du texte inattendue",
        "found character that cannot start any token": "caractère qui ne peut commencer aucun élément",
        "could not find expected ':'": "« : » attendu",
        "block sequence entries are not allowed in this context": "un élément de liste « - » n'est pas permis ici",
        "found unexpected document indicator": "indicateur de document inattendu",
        "found unknown escape character": "séquence d'échappement inconnue",
        "did not find expected <document start>": "début de document attendu",
        "found undefined tag handle": "préfixe d'étiquette non défini",
        "did not find expected alphabetic or numeric character": "lettre ou chiffre attendu",
        "while parsing a block mapping": "dans un mapping",
        "while parsing a block collection": "dans une liste",
        "while parsing a flow sequence": "dans une liste entre crochets",
        "while parsing a flow mapping": "dans un mapping entre accolades",
        "while scanning a simple key": "en lisant une clé",
        "while scanning a plain scalar": "en lisant une valeur",
        "while parsing a flow node": "en lisant une valeur entre crochets ou accolades",
        "while parsing a block node": "en lisant une valeur",
        "while scanning an anchor": "en lisant une ancre",
        "while scanning an alias": "en lisant un alias",
        "while scanning a tag": "en lisant une étiquette",
        "while scanning a block scalar": "en lisant un bloc de texte",
        "while parsing a node": "en lisant une valeur",
        "libyaml could not start": "libyaml n'a pas pu démarrer",
        // the JSON-line reader
        "expected a quoted key": "clé entre guillemets attendue",
        "missing value": "valeur manquante",
        "the list is never closed": "la liste n'est jamais fermée",
        "the object is never closed": "l'objet n'est jamais fermé",
        "unexpected text after the JSON value": "texte en trop après la valeur JSON",
        "number out of range": "nombre hors limites (JSON n'écrit que des nombres finis)",
        "NaN and Infinity are not JSON numbers": "NaN et Infinity ne sont pas des nombres JSON",
        "expected \":\" after the key": "« : » attendu après la clé",
        "expected \",\" or \"}\"": "« , » ou « } » attendu",
        "expected \",\" or \"]\"": "« , » ou « ] » attendu",
        // the CSV reader
        "more cells than header columns": "plus de cellules que de colonnes dans l'en-tête",
        // what is too long
        "the file": "le fichier",
        "the line": "la ligne",
        "a line": "une ligne",
        "a value": "une valeur",
        "a key": "une clé",
    ]
}

extension Node {
    /// The node's kind, as a phrase: "un mapping" / "a mapping".
    var kind: Phrase {
        switch content {
        case .scalar: return isNull ? Phrase("une valeur vide", en: kindName) : Phrase("une valeur simple", en: kindName)
        case .mapping: return Phrase("un mapping", en: kindName)
        case .sequence: return Phrase("une liste", en: kindName)
        }
    }
}
