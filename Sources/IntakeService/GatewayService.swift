import IntakeCore
import Foundation
import IntakeDesk
import IntakeHTTP

/// `intake serve`: the webhook server and, for each enabled channel, its worker (mail poller, CDR
/// watcher, outbox worker), in one process. SIGTERM/SIGINT stops intake, finishes what is in flight
/// and closes the store; a second signal, a second or more later, exits at once (`StopSignals`). SIGHUP
/// re-reads the customer directory (`DirectoryReload`).
public final class GatewayService: @unchecked Sendable {
    // @unchecked: the mutable parts are set before the signal sources start and read after `wait()`.
    private let loaded: LoadedConfig
    private let logger: Logger
    private let stopRequested = DispatchSemaphore(value: 0)
    private static let signalQueue = DispatchQueue(label: "intake.signals")
    private var signalSources: [any DispatchSourceSignal] = []
    private var stopSignals = StopSignals()

    public init(loaded: LoadedConfig, logger: Logger) {
        self.loaded = loaded
        self.logger = logger
    }

    /// Runs until a signal; returns the exit status.
    public func run(extraTasks: (IntakeContext) -> [any BackgroundTask] = { _ in [] }) -> Int32 {
        let config = loaded.config
        let store: DeskStore
        do {
            store = try DeskStore(path: config.storePath, synchronous: config.storeSynchronous)
        } catch {
            logger.error("store", "open.failed", [("path", .string(config.storePath)), ("error", .string(plainDescription(of: error)))])
            return 1
        }
        let context = IntakeContext(config: config, directory: loaded.directory, store: store, logger: logger, metrics: Metrics())
        installReloadHandler(DirectoryReload(loaded: loaded, context: context))
        let health = HealthReporter(context: context)
        for warning in ServiceWarnings.check(config) { logger.warning("config", "channel.refusing", [("detail", .string(warning))]) }

        let responder = WebhookResponder(context: context, health: health)
        let serverConfig = HTTPServerConfiguration(
            host: config.listenHost, port: UInt16(config.listenPort),
            limits: HTTPLimits(headerBytes: config.http.maxHeaderBytes, bodyBytes: config.http.maxBodyBytes),
            maxConnections: config.http.maxConnections, headerTimeout: config.http.headerTimeoutSeconds,
            bodyTimeout: config.http.bodyTimeoutSeconds, idleTimeout: config.http.idleTimeoutSeconds
        )
        let metrics = context.metrics
        let server = HTTPServer(configuration: serverConfig, responder: responder) { request, status, seconds in
            let route = WebhookResponder.route(of: request)
            metrics.increment(MetricNames.requests, [("route", route), ("status", String(status))])
            metrics.observe(MetricNames.latency, [("route", route)], seconds)
        }
        installSignalHandlers()
        do {
            try server.start()
        } catch {
            logger.error("http", "listen.failed", [("listen", .string(config.listen)), ("error", .string("\(error)"))])
            context.queue.stop()
            return 1
        }
        let workers = (ServiceTasks.standard(context: context, health: health) + extraTasks(context)).map {
            BackgroundWorker(task: $0, health: health, logger: logger)
        }
        for w in workers { w.start() }
        logger.info("service", "started", [
            ("listen", .string("\(config.listenHost):\(server.port)")), ("store", .string(config.storePath)),
            ("config", .optional(loaded.file)), ("customers", .int(loaded.directory.customers.count)),
            ("workers", .array(workers.map { .string($0.name) })),
        ])
        logger.flush()

        stopRequested.wait()
        logger.info("service", "stopping", [("in_flight", .int(server.requestsInFlight))])
        server.shutdown(gracePeriod: 10)
        for w in workers { w.stop() }
        context.queue.stop()
        store.stopCheckpoints()
        logger.info("service", "stopped", [])
        logger.flush()
        return 0
    }

    /// SIGTERM and SIGINT, as `StopSignals` reads them.
    private func installSignalHandlers() {
        for sig in [SIGTERM, SIGINT] {
            signal(sig, SIG_IGN)
            // One serial queue for both signals: `stopSignals` is used there only.
            let source = DispatchSource.makeSignalSource(signal: sig, queue: Self.signalQueue)
            source.setEventHandler { [self] in
                switch stopSignals.received(at: Double(DispatchTime.now().uptimeNanoseconds) / 1e9) {
                case .stop: stopRequested.signal()
                case .ignore: break
                case .exitNow:
                    logger.warning("service", "second signal: exiting at once", [])
                    exit(1)
                }
            }
            source.resume()
            signalSources.append(source)
        }
    }

    /// SIGHUP, on the same queue: one reload at a time.
    private func installReloadHandler(_ reload: DirectoryReload) {
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: Self.signalQueue)
        source.setEventHandler { [logger] in
            switch reload.run() {
            case .reloaded(let customers, let file):
                logger.info("config", "directory.reloaded", [("customers", .int(customers)), ("file", .optional(file))])
            case .refused(let problems):
                logger.error("config", "directory.reload_refused", [("problems", .array(problems.map { .string($0) }))])
            }
            logger.flush()
        }
        source.resume()
        signalSources.append(source)
    }
}
