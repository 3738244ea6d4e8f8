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
        sur SIGHUP et quand un fichier de --rules ou --scenarios change ; un jeu de règles cassé est
        refusé et le précédent continue de servir. SIGTERM ou SIGINT arrête après les requêtes en cours.
        Le journal d'accès (erreur standard) ne contient que méthode, chemin, statut, durée et taille :
        rien sur une personne n'est enregistré ni journalisé.
        """, en: """
        Binds to 127.0.0.1 by default. Any other address needs --token-file (clients then send
        Authorization: Bearer TOKEN), or --insecure to run without one. The rule set is reloaded on
        SIGHUP and when a file under --rules or --scenarios changes; a broken rule set is refused
        and the previous one keeps serving. SIGTERM or SIGINT stops after the requests in flight.
        The access log (standard error) has method, path, status, duration and size only: nothing
        about a person is stored or logged.
        """),
        options: [OptionSpec("--host", value: "ADDRESS", help: Phrase("adresse IP d'écoute (par défaut : 127.0.0.1)", en: "IP address to listen on (default: 127.0.0.1)")),
                  OptionSpec("--port", value: "PORT", help: Phrase("port (par défaut : 8080 ; 0 pour un port libre)", en: "port (default: 8080; 0 for any free port)")),
                  OptionSpec("--token-file", value: "FILE", help: Phrase("fichier du jeton d'accès exigé par l'API", en: "file holding the access token the API requires")),
                  OptionSpec("--insecure", help: Phrase("autorise une adresse hors boucle locale sans jeton", en: "allow a non-loopback address without a token")),
                  OptionSpec("--max-connections", value: "N", help: Phrase("clients servis en même temps (par défaut : 256)", en: "clients served at once (default: 256)")),
                  OptionSpec("--services", value: "FILE", help: Phrase("un export data·inclusion : les services proches de chaque étape", en: "a data·inclusion export: nearby services for each step")),
                  CommonSpec.rules, CommonSpec.scenarios])

    let host: String
    let port: Int
    let tokenFile: String?
    let insecure: Bool
    let maxConnections: Int
    let rules: String?
    let scenarios: String?
    let services: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        host = arguments.value("--host") ?? "127.0.0.1"
        port = try arguments.integer("--port", default: 8080, minimum: 0, maximum: 65_535)
        tokenFile = arguments.value("--token-file")
        insecure = arguments.flag("--insecure")
        maxConnections = try arguments.integer("--max-connections", default: 256, minimum: 1, maximum: 10_000)
        rules = arguments.value("--rules")
        scenarios = arguments.value("--scenarios")
        services = arguments.value("--services")
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

    func run(terminal: Terminal) -> Int32 {
        guard let directory = RulesLocator.locate(explicit: rules) else {
            terminal.complain(Phrase("aucun jeu de règles trouvé ; passez --rules DOSSIER ou lancez depuis le dossier de Parcours",
                                     en: "no rule set found; pass --rules DIR or run from the Parcours folder"))
            return ExitCode.usage
        }
        var token: String?
        if let tokenFile {
            do {
                token = String(decoding: try SystemFile.read(tokenFile, limit: 4096), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                terminal.complain(error.phrase)
                return ExitCode.failure
            }
            guard let value = token, value.count >= 16 else {
                terminal.complain(Phrase("le jeton de \(tokenFile) fait moins de 16 caractères", en: "the token in \(tokenFile) is shorter than 16 characters"),
                                  hint: Phrase("par exemple : head -c 32 /dev/urandom | base64 > \(tokenFile)", en: "e.g. head -c 32 /dev/urandom | base64 > \(tokenFile)"))
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
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.maxConnections = maxConnections
        let server: Server
        let service: ParcoursService
        do {
            // The Host check needs the port actually bound: bind first, then build the service.
            let holder = ServiceHolder()
            server = try Server(configuration: configuration, log: { terminal.writeError($0 + "\n") }) { request in
                holder.service?.handle(request) ?? HTTPResponse(status: 503)
            }
            let bound = host.contains(":") ? "[\(host)]" : host
            let hosts = ParcoursService.loopbackHosts(port: server.port).union([bound, "\(bound):\(server.port)"])
            service = ParcoursService(store: store, token: token, allowedHosts: loopback ? hosts : nil, services: serviceDirectory)
            holder.set(service)
        } catch {
            terminal.complain(Self.phrase(error, host: host, port: port))
            return ExitCode.failure
        }
        let shown = host.contains(":") ? "[\(host)]" : host
        let snapshot = store.snapshot
        terminal.writeError(terminal.say("Parcours écoute sur http://\(shown):\(server.port)/ (règles du \(snapshot.loaded.date), empreinte \(snapshot.loaded.ruleSet.fingerprint))\n",
                                         en: "Parcours listening on http://\(shown):\(server.port)/ (rules of \(snapshot.loaded.date), fingerprint \(snapshot.loaded.ruleSet.fingerprint))\n"))
        if !loopback {
            terminal.writeError(token == nil ? terminal.say("ATTENTION : adresse réseau sans jeton (--insecure) ; protégez l'accès en amont.\n",
                                                            en: "WARNING: network address without a token (--insecure); protect access in front.\n")
                                             : terminal.say("Accès réseau : l'API exige le jeton (Authorization: Bearer).\n",
                                                            en: "Network access: the API requires the token (Authorization: Bearer).\n"))
        }
        let sources = watch(store: store, server: server, terminal: terminal)
        server.run()
        for source in sources { source.cancel() }
        terminal.inform("Parcours arrêté.\n", en: "Parcours stopped.\n")
        return ExitCode.success
    }

    /// Signals (stop, reload) and the folder watch, on their own queues.
    private func watch(store: RuleSetStore, server: Server, terminal: Terminal) -> [DispatchSourceProtocol] {
        let queue = DispatchQueue(label: "parcours.serve.control")
        func report(_ report: RuleSetStore.ReloadReport, why: Phrase) {
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
        var sources: [DispatchSourceProtocol] = []
        for (number, action) in [(SIGTERM, "stop"), (SIGINT, "stop"), (SIGHUP, "reload")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if action == "stop" { server.stop() } else { report(store.reload(), why: .same("SIGHUP")) }
            }
            source.resume()
            sources.append(source)
        }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { if let changed = store.reloadIfChanged() { report(changed, why: Phrase("fichiers modifiés", en: "files changed")) } }
        timer.resume()
        sources.append(timer)
        return sources
    }
}

/// Lets the server's handler reach a service built after the server bound its port.
private final class ServiceHolder: Sendable {
    private let value = Mutex<ParcoursService?>(nil)
    var service: ParcoursService? { value.withLock { $0 } }
    func set(_ service: ParcoursService) { value.withLock { $0 = service } }
}
