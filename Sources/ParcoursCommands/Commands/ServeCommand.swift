import Dispatch
import Foundation
import HTTPServer
import ParcoursBatch
import ParcoursEngine
import Platform
import ParcoursRendering
import ParcoursServer
import Synchronization

/// `parcours serve`: the counsellors' page and the JSON API on a small HTTP server.
struct ServeCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "serve", abstract: Phrase("Sert la page des conseillères et conseillers et l'API JSON (/api/v1).", en: "Serves the counsellors' page and the JSON API (/api/v1)."),
        discussion: Phrase("""
        Écoute sur 127.0.0.1 par défaut. Toute autre adresse exige --token-file (les clients envoient
        alors Authorization: Bearer JETON), ou --insecure pour s'en passer. Le jeu de règles est rechargé
        sur SIGHUP et quand un fichier de --rules ou --scenarios change (après 0,4 s sans autre
        changement) ; un jeu de règles cassé est refusé et le précédent continue de servir. SIGTERM ou
        SIGINT arrête après les requêtes en cours (--stop-timeout, 15 s par défaut ; code de sortie 3 si
        une requête a dû être coupée). Le journal d'accès (erreur standard) ne contient que méthode, chemin, statut,
        durée et taille : rien sur une personne n'est enregistré ni journalisé. Une ligne qui ne peut
        pas être écrite (tube fermé ou plein, disque plein) est perdue et comptée (/healthz), sans
        jamais bloquer ni arrêter le serveur.
        """, en: """
        Binds to 127.0.0.1 by default. Any other address needs --token-file (clients then send
        Authorization: Bearer TOKEN), or --insecure to run without one. The rule set is reloaded on
        SIGHUP and when a file under --rules or --scenarios changes (after 0.4 s without another
        change); a broken rule set is refused and the previous one keeps serving. SIGTERM or SIGINT
        stops after the requests in flight (--stop-timeout, 15 s by default; exit status 3 when a
        request had to be cut). The access log (standard error) has method, path, status, duration and size only:
        nothing about a person is stored or logged. A line that cannot be written (a closed or
        full pipe, a full disk) is dropped and counted (/healthz), never blocking or stopping the
        server.
        """),
        options: [OptionSpec("--host", value: "ADDRESS", help: Phrase("adresse IP d'écoute, ou localhost (par défaut : 127.0.0.1)", en: "IP address to listen on, or localhost (default: 127.0.0.1)")),
                  OptionSpec("--port", value: "PORT", help: Phrase("port (par défaut : 8080 ; 0 pour un port libre)", en: "port (default: 8080; 0 for any free port)")),
                  OptionSpec("--token-file", value: "FILE", help: Phrase("fichier du jeton d'accès exigé par l'API", en: "file holding the access token the API requires")),
                  OptionSpec("--insecure", help: Phrase("autorise une adresse hors boucle locale sans jeton", en: "allow a non-loopback address without a token")),
                  OptionSpec("--max-connections", value: "N", help: Phrase("clients servis en même temps (par défaut : 256)", en: "clients served at once (default: 256)")),
                  OptionSpec("--stop-timeout", value: "SECONDS", help: Phrase("à l'arrêt, attente maximale des requêtes en cours, en secondes (par défaut : 15)",
                                                                             en: "on stop, how long the requests in flight may finish, in seconds (default: 15)")),
                  OptionSpec("--services", value: "FILE", help: Phrase("un export data·inclusion : les services proches de chaque étape", en: "a data·inclusion export: nearby services for each step")),
                  OptionSpec("--caseload", value: "FILE", help: Phrase("le corpus de référence de l'atelier (lignes JSON ou CSV ; par défaut : 20 000 profils inventés)",
                                                                      en: "the workshop's reference caseload (JSON lines or CSV; default: 20,000 invented profiles)")),
                  CommonSpec.rules, CommonSpec.scenarios])

    let host: String
    let port: Int
    let tokenFile: String?
    let insecure: Bool
    let maxConnections: Int
    let stopTimeout: Int
    let rules: String?
    let scenarios: String?
    let services: String?
    let caseload: String?

    /// The largest `--caseload` file read.
    static let caseloadBytes = 256 << 20

    init(_ arguments: ParsedArguments) throws(UsageError) {
        // localhost is the loopback address users mean: 127.0.0.1 (the listening socket takes
        // numeric addresses only).
        let given = arguments.value("--host") ?? "127.0.0.1"
        host = given.lowercased() == "localhost" ? "127.0.0.1" : given
        port = try arguments.integer("--port", default: 8080, minimum: 0, maximum: 65_535)
        tokenFile = arguments.value("--token-file")
        insecure = arguments.flag("--insecure")
        maxConnections = try arguments.integer("--max-connections", default: 256, minimum: 1, maximum: 10_000)
        stopTimeout = try arguments.integer("--stop-timeout", default: 15, minimum: 1, maximum: 3_600)
        rules = arguments.value("--rules")
        scenarios = arguments.value("--scenarios")
        services = arguments.value("--services")
        caseload = arguments.value("--caseload")
    }

    /// Why the server could not start, in French and in English.
    static func phrase(_ error: ServerError, host: String, port: Int) -> Phrase {
        let reason = InputError.reason(error.reason)
        switch error.kind {
        case .address:
            return Phrase("impossible d'écouter sur \(host) : ce n'est pas une adresse IP numérique (\(reason.fr))", en: error.description)
        case .bind:
            let fr = error.reason == "Address already in use" ? "l'adresse est déjà utilisée ; choisissez un autre --port" : reason.fr
            return Phrase("impossible d'écouter sur \(host) port \(port) : \(fr)", en: error.description)
        case .socket, .listen:
            return Phrase("impossible d'ouvrir le port d'écoute : \(reason.fr)", en: error.description)
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "::1" || host.hasPrefix("127.")
    }

    /// Whether `host` is a numeric IPv4 or IPv6 address (the only kind the server listens on).
    static func isNumericAddress(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// The token in `path`: its text without surrounding white space, which must be at least
    /// 16 visible ASCII characters (a newline or a control character inside could never be
    /// sent in a header). A file others can read gets a warning on `warn`.
    static func readToken(_ path: String, warn: (Phrase) -> Void) -> Result<String, TokenProblem> {
        let bytes: [UInt8]
        do {
            bytes = try SystemFile.read(path, limit: 4096)
        } catch {
            return .failure(TokenProblem(error.phrase, hint: error.hint))
        }
        let value = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if let bad = value.unicodeScalars.first(where: { $0.value < 0x21 || $0.value > 0x7E }) {
            let shown = bad.value < 0x21 || bad.value == 0x7F ? String(format: "U+%04X", bad.value) : String(bad)
            return .failure(TokenProblem(Phrase("le jeton de \(path) contient un caractère qu'aucun client ne peut envoyer (\(shown)) : un retour à la ligne, un espace ou un caractère de contrôle",
                                                  en: "the token in \(path) holds a character no client can send (\(shown)): a newline, a space or a control character"),
                                           hint: Phrase("un jeton tient sur une ligne de caractères ASCII visibles, par exemple : head -c 32 /dev/urandom | base64 -w0 > \(path)",
                                                        en: "a token is one line of visible ASCII characters, e.g. head -c 32 /dev/urandom | base64 -w0 > \(path)")))
        }
        guard value.count >= 16 else {
            return .failure(TokenProblem(Phrase("le jeton de \(path) fait moins de 16 caractères", en: "the token in \(path) is shorter than 16 characters"),
                                           hint: Phrase("par exemple : head -c 32 /dev/urandom | base64 -w0 > \(path)", en: "e.g. head -c 32 /dev/urandom | base64 -w0 > \(path)")))
        }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
            warn(Phrase("ATTENTION : le fichier du jeton \(path) est lisible par d'autres utilisateurs (droits \(String(info.st_mode & 0o777, radix: 8))) ; faites chmod 600 \(path)",
                        en: "WARNING: the token file \(path) can be read by other users (mode \(String(info.st_mode & 0o777, radix: 8))); run chmod 600 \(path)"))
        }
        return .success(value)
    }

    func run(terminal: Terminal) -> Int32 {
        // From the start, SIGTERM and SIGINT stop and SIGHUP reloads, on the signal relay's own
        // thread (never behind a reload); a stop asked while starting ends the server at once.
        let control = ServeControl()
        _ = SignalRelay.start([SIGTERM, SIGINT, SIGHUP]) { control.received($0) }
        guard let directory = RulesLocator.locate(explicit: rules) else {
            terminal.complain(Phrase("aucun jeu de règles trouvé ; passez --rules DOSSIER ou lancez depuis le dossier de Parcours",
                                     en: "no rule set found; pass --rules DIR or run from the Parcours folder"))
            return ExitCode.usage
        }
        guard Self.isNumericAddress(host) else {
            terminal.complain(Phrase("impossible d'écouter sur \(host) : une adresse IP numérique est attendue", en: "cannot listen on \(host): a numeric IP address is expected"),
                              hint: Phrase("par exemple --host 127.0.0.1 (boucle locale, ou localhost), --host ::1, ou l'adresse d'une interface",
                                           en: "e.g. --host 127.0.0.1 (loopback, or localhost), --host ::1, or an interface's address"))
            return ExitCode.usage
        }
        var token: String?
        if let tokenFile {
            switch Self.readToken(tokenFile, warn: { terminal.writeError(terminal.say($0.fr, en: $0.en) + "\n") }) {
            case .success(let value):
                token = value
            case .failure(let problem):
                terminal.complain(problem.message, hint: problem.hint)
                return ExitCode.failure
            }
        }
        let loopback = Self.isLoopback(host)
        if !loopback && token == nil && !insecure {
            terminal.complain(Phrase("écouter sur \(host) ouvrirait l'API au réseau sans jeton", en: "listening on \(host) would open the API to the network without a token"),
                              hint: Phrase("passez --token-file FICHIER, ou --insecure si un proxy en amont contrôle l'accès",
                                           en: "pass --token-file FILE, or --insecure if a proxy in front does the access control"))
            return ExitCode.usage
        }
        let store: RuleSetStore
        do {
            store = try RuleSetStore(rules: directory, scenarios: RulesLocator.locateScenarios(explicit: scenarios))
        } catch {
            return ParcoursCLI.report(error, terminal: terminal)
        }
        var serviceDirectory: ServiceDirectory?
        if let services {
            guard let loaded = ParcoursCLI.serviceDirectory(services, terminal: terminal) else { return ExitCode.failure }
            serviceDirectory = loaded
        }
        var reference: Caseload?
        if let caseload {
            do {
                let file = try SourceFile.load(caseload, limit: Self.caseloadBytes)
                reference = try Caseload.read(file, vocabulary: store.snapshot.loaded.ruleSet.vocabulary)
            } catch let error as ParcoursError {
                return ParcoursCLI.report(error, terminal: terminal)
            } catch let error as InputError {
                return ParcoursCLI.report(.unreadable(error, outcome: Phrase("le serveur ne démarre pas", en: "the server does not start")), terminal: terminal)
            } catch {
                return ExitCode.failure
            }
        }
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.maxConnections = maxConnections
        configuration.drainTimeout = TimeInterval(stopTimeout)
        let server: Server
        let service: ParcoursService
        do {
            // The Host check needs the port actually bound: bind first, then build the service.
            let holder = ServiceHolder()
            server = try Server(configuration: configuration, log: { LogWriter.standardError.write($0) }) { request in
                holder.service?.handle(request) ?? HTTPResponse(status: 503)
            }
            let bound = host.contains(":") ? "[\(host)]" : host
            let hosts = ParcoursService.loopbackHosts(port: server.port).union([bound, "\(bound):\(server.port)"])
            service = ParcoursService(store: store, token: token, allowedHosts: loopback ? hosts : nil, services: serviceDirectory, caseload: reference,
                                      droppedLogLines: { LogWriter.standardError.dropped })
            holder.set(service)
        } catch {
            terminal.complain(Self.phrase(error, host: host, port: port))
            return ExitCode.failure
        }
        // From here on, standard error is the server's log: a write never waits and never stops
        // the server (a line that cannot be written is dropped and counted for /healthz).
        let log = LogWriter.standardError
        log.detach()
        defer { log.restore() }
        var logged = terminal
        logged.writeError = { log.write($0) }
        let shown = host.contains(":") ? "[\(host)]" : host
        let snapshot = store.snapshot
        logged.writeError(logged.say("Parcours écoute sur http://\(shown):\(server.port)/ (règles du \(snapshot.loaded.date), empreinte \(snapshot.loaded.ruleSet.fingerprint))\n",
                                     en: "Parcours listening on http://\(shown):\(server.port)/ (rules of \(snapshot.loaded.date), fingerprint \(snapshot.loaded.ruleSet.fingerprint))\n"))
        if !loopback {
            logged.writeError(token == nil ? logged.say("ATTENTION : adresse réseau sans jeton (--insecure) ; protégez l'accès en amont.\n",
                                                        en: "WARNING: network address without a token (--insecure); protect access in front.\n")
                                           : logged.say("Accès réseau : l'API exige le jeton (Authorization: Bearer).\n",
                                                        en: "Network access: the API requires the token (Authorization: Bearer).\n"))
        }
        let sources = watch(store: store, server: server, control: control, terminal: logged)
        let report = server.run()
        for source in sources { source.cancel() }
        if report.cut > 0 {
            logged.writeError(logged.say("Parcours arrêté : \(report.cut) requête(s) coupée(s) après \(Int(configuration.drainTimeout)) s d'attente.\n",
                                         en: "Parcours stopped: \(report.cut) request(s) cut after waiting \(Int(configuration.drainTimeout)) s.\n"))
            return ExitCode.requestsCut
        }
        logged.inform("Parcours arrêté.\n", en: "Parcours stopped.\n")
        return ExitCode.success
    }

    /// How long the rule files must stay unchanged before a change is loaded.
    static let settlingDelay: TimeInterval = 0.4

    /// Signals and reloads apart: a stop (SIGTERM, SIGINT) is handled at once on the signal
    /// relay's thread, even while a reload runs or is stuck; SIGHUP and the folder watch only
    /// queue a reload on the reloads' queue.
    private func watch(store: RuleSetStore, server: Server, control: ServeControl, terminal: Terminal) -> [DispatchSourceProtocol] {
        let reloads = DispatchQueue(label: "parcours.serve.reloads")
        @Sendable func report(_ report: RuleSetStore.ReloadReport, why: Phrase) {
            if report.accepted {
                terminal.inform("Règles rechargées (\(why.fr)) : empreinte \(store.snapshot.loaded.ruleSet.fingerprint)\n",
                                en: "Rules reloaded (\(why.en)): fingerprint \(store.snapshot.loaded.ruleSet.fingerprint)\n")
            } else {
                terminal.writeError(DiagnosticText.render(report.diagnostics, in: terminal.language))
                let summary = DiagnosticText.summary(report.diagnostics, in: terminal.language)
                terminal.writeError(terminal.say("Règles refusées (\(why.fr)) : \(summary) ; les précédentes restent en service\n",
                                                 en: "Rules refused (\(why.en)): \(summary); the previous ones keep serving\n"))
            }
        }
        control.ready(stop: { server.stop() }, reload: { reloads.async { report(store.reload(), why: .same("SIGHUP")) } })
        var sources: [DispatchSourceProtocol] = []
        let timer = DispatchSource.makeTimerSource(queue: reloads)
        timer.schedule(deadline: .now() + 0.25, repeating: 0.25)
        timer.setEventHandler {
            if let changed = store.reloadIfSettled(quiet: Self.settlingDelay) { report(changed, why: Phrase("fichiers modifiés", en: "files changed")) }
        }
        timer.resume()
        sources.append(timer)
        return sources
    }
}

/// Why a token file cannot be used, and what to do.
struct TokenProblem: Error {
    let message: Phrase
    let hint: Phrase?

    init(_ message: Phrase, hint: Phrase?) {
        self.message = message
        self.hint = hint
    }
}

/// What the signals do, once the server runs: before, a stop is remembered (and done as soon as
/// the server is ready) and a reload is moot (the rules are being loaded).
private final class ServeControl: Sendable {
    private struct Actions {
        var stop: (@Sendable () -> Void)?
        var reload: (@Sendable () -> Void)?
        var stopAsked = false
    }

    private let actions = Mutex(Actions())

    func received(_ number: Int32) {
        let action: (@Sendable () -> Void)? = actions.withLock { actions in
            if number == SIGHUP { return actions.reload }
            actions.stopAsked = true
            return actions.stop
        }
        action?()
    }

    func ready(stop: @escaping @Sendable () -> Void, reload: @escaping @Sendable () -> Void) {
        let stopNow = actions.withLock { actions -> Bool in
            actions.stop = stop
            actions.reload = reload
            return actions.stopAsked
        }
        if stopNow { stop() }
    }
}

/// Lets the server's handler reach a service built after the server bound its port.
private final class ServiceHolder: Sendable {
    private let value = Mutex<ParcoursService?>(nil)
    var service: ParcoursService? { value.withLock { $0 } }
    func set(_ service: ParcoursService) { value.withLock { $0 = service } }
}
