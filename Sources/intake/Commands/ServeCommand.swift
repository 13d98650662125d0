import Foundation
import IntakeCore
import IntakeService

/// `intake serve`: the gateway as a service.
enum ServeCommand: Command {
    static let name = "serve"
    static let abstract = "Run the gateway: webhooks, mail poller, CDR watcher, outbox worker."
    static let help = """
        Usage: intake serve [--config FILE] [--store PATH] [--listen HOST:PORT]

        Runs every channel enabled in the configuration in one process: the HTTP server
        (/webhooks/slack/events, /webhooks/slack/commands, /webhooks/whatsapp, /webhooks/twilio,
        /webhooks/cti, /calls, /healthz, /metrics), the IMAP poller, the CDR watcher and the outbox
        worker. Secrets come from INTAKE_* environment variables; a channel without its secret refuses
        its requests. Logs are JSON lines on standard error (INTAKE_LOG_LEVEL or log_level).
        SIGTERM/SIGINT stops cleanly; a second signal, a second or more later, exits at once.

          --listen HOST:PORT   overrides the configuration's listen address
        \(StoreOptions.help)
        """
    static let spec = Arguments.Spec(valueOptions: StoreOptions.valueOptions.union(["listen"]))

    static func run(_ args: Arguments) throws -> Int32 {
        guard args.positionals.isEmpty else { throw UsageError("serve takes no arguments") }
        var loaded = try Runtime.config(args)
        if let listen = args.value("listen") {
            do {
                try loaded.config.setListen(listen)
            } catch {
                throw UsageError("--listen: \(error.problem)")
            }
        }
        // Lines are written in chunks every 50 ms: one write per message would cost more than its commit.
        let logger = Logger(level: Logger.Level(loaded.config.logLevel) ?? .info, flushDelay: 0.05)
        return GatewayService(loaded: loaded, logger: logger).run()
    }
}
