import Platform

/// An input error said in French and in English (the system's reason in French for the usual ones).
extension InputError {
    /// The error in French and in English.
    public var phrase: Phrase {
        switch self {
        case .cannotOpen(let path, let reason), .readFailed(let path, let reason):
            return Phrase("impossible de lire \(path) : \(Self.reason(reason).fr)", en: description)
        case .isDirectory(let path): return Phrase("impossible de lire \(path) : c'est un dossier, pas un fichier", en: description)
        case .tooLarge(let path, let limit): return Phrase("\(path) dépasse la limite de \(Limits.describe(bytes: limit, in: .fr))", en: description)
        case .unreadableFolder(let path, let reason):
            return Phrase("impossible de lire le dossier \(path) : \(Self.reason(reason).fr)", en: description)
        case .notRegularFile(let path, let kind):
            return Phrase("\(path) n'est pas un fichier ordinaire (\(Self.kindName(kind))) : seuls les fichiers sont lus ici", en: description)
        }
    }

    /// What to do about it, when there is something to say.
    public var hint: Phrase? {
        switch self {
        case .unreadableFolder(let path, _):
            return Phrase("rendez le dossier lisible (chmod a+rx \(path)), ou retirez-le", en: "make the folder readable (chmod a+rx \(path)), or remove it")
        case .notRegularFile:
            return Phrase("retirez-le du dossier, ou remplacez-le par un fichier", en: "remove it from the folder, or replace it with a file")
        default: return nil
        }
    }

    /// A file kind in French words.
    static func kindName(_ kind: FileKind) -> String {
        switch kind {
        case .regular: return "un fichier"
        case .folder: return "un dossier"
        case .fifo: return "un tube nommé"
        case .characterDevice: return "un périphérique caractère"
        case .blockDevice: return "un périphérique bloc"
        case .socket: return "une socket"
        case .unknown: return "type inconnu"
        }
    }

    /// A system reason (`strerror`, in English), with the usual ones said in French.
    public static func reason(_ reason: String) -> Phrase {
        switch reason {
        case "No such file or directory": return Phrase("fichier ou dossier introuvable", en: reason)
        case "Permission denied": return Phrase("permission refusée", en: reason)
        case "Is a directory": return Phrase("c'est un dossier", en: reason)
        case "Too many levels of symbolic links": return Phrase("trop de liens symboliques", en: reason)
        case "No space left on device": return Phrase("plus de place sur le disque", en: reason)
        case "Read-only file system": return Phrase("système de fichiers en lecture seule", en: reason)
        case "Input/output error": return Phrase("erreur d'entrée-sortie", en: reason)
        case "Bad file descriptor": return Phrase("descripteur de fichier fermé", en: reason)
        case "Broken pipe": return Phrase("le programme qui lisait la sortie l'a fermée", en: "the program reading the output closed it")
        case "standard input is closed": return Phrase("l'entrée standard est fermée", en: reason)
        case "standard input is not open for reading": return Phrase("l'entrée standard n'est pas ouverte en lecture", en: reason)
        default: return .same(reason)
        }
    }
}
