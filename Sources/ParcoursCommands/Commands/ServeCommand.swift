import Dispatch
import Foundation
import HTTPServer
import ParcoursEngine
import ParcoursServer
import Synchronization

/// `parcours serve`: the counsellors' page and the JSON API on a small HTTP server.
struct ServeCommand: ParcoursCommand {
    static let spec = CommandSpec(
        name: "serve", abstract: Phrase("Sert la page des conseiller·ères et l'API JSON (/api/v1).", en: "Serves the counsellors' page and the JSON API (/api/v1)."),
        discussion: """
        Binds to 127.0.0.1 by default. Any other address needs --token-file (clients then send
        Authorization: Bearer TOKEN), or --insecure to run without one. The rule set is reloaded on
        SIGHUP and when a file under --rules or --scenarios changes; a broken rule set is refused
        and the previous one keeps serving. SIGTERM or SIGINT stops after the requests in flight.
        The access log (standard error) has method, path, status, duration and size only: nothing
        about a person is stored or logged.
        """,
        options: [OptionSpec("--host", value: "ADDRESS", help: "IP address to listen on (default: 127.0.0.1)"),
                  OptionSpec("--port", value: "PORT", help: "port (default: 8080; 0 for any free port)"),
                  OptionSpec("--token-file", value: "FILE", help: "file holding the access token the API requires"),
                  OptionSpec("--insecure", help: "allow a non-loopback address without a token"),
                  OptionSpec("--max-connections", value: "N", help: "clients served at once (default: 256)"),
                  CommonSpec.rules, CommonSpec.scenarios])

    let host: String
    let port: Int
    let tokenFile: String?
    let insecure: Bool
    let maxConnections: Int
    let rules: String?
    let scenarios: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        host = arguments.value("--host") ?? "127.0.0.1"
        port = try arguments.integer("--port", default: 8080, minimum: 0, maximum: 65_535)
        tokenFile = arguments.value("--token-file")
        insecure = arguments.flag("--insecure")
        maxConnections = try arguments.integer("--max-connections", default: 256, minimum: 1, maximum: 10_000)
        rules = arguments.value("--rules")
        scenarios = arguments.value("--scenarios")
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "::1" || host.hasPrefix("127.")
    }

    func run(terminal: Terminal) -> Int32 {
        guard let directory = RulesLocator.locate(explicit: rules) else {
            terminal.writeError("parcours: no rule set found; pass --rules DIR or run from the Parcours folder\n")
            return ExitCode.usage
        }
        var token: String?
        if let tokenFile {
            do {
                token = String(decoding: try InputFile.read(tokenFile, limit: 4096), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                terminal.writeError("parcours: \(error.description)\n")
                return ExitCode.failure
            }
            guard let value = token, value.count >= 16 else {
                terminal.writeError("parcours: the token in \(tokenFile) is shorter than 16 characters\n    hint: e.g. head -c 32 /dev/urandom | base64 > \(tokenFile)\n")
                return ExitCode.failure
            }
        }
        let loopback = Self.isLoopback(host)
        if !loopback && token == nil && !insecure {
            terminal.writeError("parcours: listening on \(host) would open the API to the network without a token\n    hint: pass --token-file FILE, or --insecure if a proxy in front does the access control\n")
            return ExitCode.usage
        }
        let store: RuleSetStore
        do {
            store = try RuleSetStore(rules: directory, scenarios: RulesLocator.locateScenarios(explicit: scenarios))
        } catch {
            if case .ruleSet(let diagnostics) = error {
                terminal.writeError(DiagnosticText.render(diagnostics, in: terminal.language))
                terminal.writeError(terminal.say("parcours : le jeu de règles a des erreurs (\(DiagnosticText.summary(diagnostics, in: terminal.language))) ; lancez parcours check\n",
                                             en: "parcours: the rule set has errors (\(DiagnosticText.summary(diagnostics, in: terminal.language))); run parcours check\n"))
            }
            return ExitCode.failure
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
            service = ParcoursService(store: store, token: token, allowedHosts: loopback ? hosts : nil)
            holder.set(service)
        } catch {
            terminal.writeError("parcours: \(error.description)\n")
            return ExitCode.failure
        }
        let shown = host.contains(":") ? "[\(host)]" : host
        let snapshot = store.snapshot
        terminal.writeError("Parcours écoute sur http://\(shown):\(server.port)/ (règles du \(snapshot.today.date), empreinte \(snapshot.today.fingerprint))\n")
        if !loopback {
            terminal.writeError(token == nil ? "ATTENTION : adresse réseau sans jeton (--insecure) ; protégez l'accès en amont.\n"
                                             : "Accès réseau : l'API exige le jeton (Authorization: Bearer).\n")
        }
        let sources = watch(store: store, server: server, terminal: terminal)
        server.run()
        for source in sources { source.cancel() }
        terminal.writeError("Parcours arrêté.\n")
        return ExitCode.success
    }

    /// Signals (stop, reload) and the folder watch, on their own queues.
    private func watch(store: RuleSetStore, server: Server, terminal: Terminal) -> [DispatchSourceProtocol] {
        let queue = DispatchQueue(label: "parcours.serve.control")
        func report(_ report: RuleSetStore.ReloadReport, why: String) {
            if report.accepted {
                terminal.writeError("Règles rechargées (\(why)) : empreinte \(store.snapshot.today.fingerprint)\n")
            } else {
                terminal.writeError(DiagnosticText.render(report.diagnostics, in: terminal.language))
                terminal.writeError("Règles refusées (\(why)) : \(DiagnosticText.summary(report.diagnostics, in: terminal.language)) ; les précédentes restent en service\n")
            }
        }
        var sources: [DispatchSourceProtocol] = []
        for (number, action) in [(SIGTERM, "stop"), (SIGINT, "stop"), (SIGHUP, "reload")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if action == "stop" { server.stop() } else { report(store.reload(), why: "SIGHUP") }
            }
            source.resume()
            sources.append(source)
        }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { if let changed = store.reloadIfChanged() { report(changed, why: "fichiers modifiés") } }
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
