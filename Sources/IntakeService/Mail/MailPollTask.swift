import IntakeChannels
public import IntakeCore
public import IntakeMail
import Foundation

/// The service's mail task: every `email.poll_interval` one cycle of a `MailPoller` over
/// `email.folder`, into the store through `StoreMailboxLedger`. A cycle starts batches for
/// `roundBudget(interval:)` at most (a first sync of thousands of mails goes on in the next cycles). Each cycle is counted in
/// `intake_mail_polls_total{result="ok"|"error"}` and timed in `intake_mail_poll_duration_seconds`; a
/// failed cycle (server unreachable, login refused, store error) throws, so `/healthz` shows the error and
/// how long ago the last good poll was, and the next tick tries again. Each mail is logged and counted in
/// `intake_messages_total` like the webhooks' messages.
public struct MailPollTask: BackgroundTask {
    public let name = "mail"
    public let interval: Double
    public let poller: MailPoller
    private let metrics: Metrics
    private let logger: Logger
    private let clock: @Sendable () -> Double

    public init(context: IntakeContext) throws {
        let email = context.config.email
        let (metrics, logger, activity) = (context.metrics, context.logger, context.activity)
        let adapter = ChannelAdapters.emailAdapter(config: context.config)
        let ledger = StoreMailboxLedger(store: context.store, pipelines: context.pipelines, adapter: adapter, onCommit: { batch, entries in
            Self.record(batch, entries, metrics: metrics, logger: logger)
            if !entries.isEmpty { activity.record(.email) }
        })
        var configuration = MailPollerConfiguration(email: email)
        configuration.maxCycleSeconds = Self.roundBudget(interval: email.pollIntervalSeconds)
        let poller = MailPoller(client: try IMAPClient(server: try MailServer.imap(email)), ledger: ledger, configuration: configuration)
        self.init(poller: poller, interval: email.pollIntervalSeconds, metrics: metrics, logger: logger)
    }

    public init(poller: MailPoller, interval: Double, metrics: Metrics, logger: Logger, clock: @escaping @Sendable () -> Double = { Clock.wallSeconds() }) {
        self.poller = poller
        self.interval = interval
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
    }

    public func tick() throws {
        let started = clock()
        do {
            let report = try poller.runOnce()
            metrics.increment(MetricNames.mailPolls, [("result", "ok")])
            metrics.observe(MetricNames.mailPollDuration, [], clock() - started)
            if report != MailPollReport() {
                logger.info(name, "poll.done", [
                    ("folder", .string(poller.configuration.folder)), ("imported", .int(report.imported)),
                    ("duplicates", .int(report.duplicates)), ("quarantined", .int(report.quarantined)),
                    ("resynchronized", .bool(report.resynchronized)),
                ])
            }
        } catch {
            metrics.increment(MetricNames.mailPolls, [("result", "error")])
            metrics.observe(MetricNames.mailPollDuration, [], clock() - started)
            throw error
        }
    }

    static func record(_ batch: MailBatch, _ entries: [StoreMailboxLedger.Entry], metrics: Metrics, logger: Logger) {
        for e in entries {
            let fields: [(String, JSONValue)] = [
                ("channel", .string("email")), ("folder", .string(batch.folder)), ("uid", .int(Int(e.uid))),
                ("external_id", .optional(e.externalID)), ("ticket", .optional(e.ticketNumber)), ("reason", .string(e.reason)),
            ]
            if case .quarantined = e.outcome {
                logger.warning("mail", "message.quarantined", fields)
            } else {
                metrics.increment(MetricNames.messages, [("channel", "email"), ("outcome", e.detail)])
                logger.info("pipeline", "message." + e.detail, fields)
            }
        }
        for failure in batch.failures {
            logger.warning("mail", "message.quarantined", [
                ("folder", .string(batch.folder)), ("uid", .int(Int(failure.uid))), ("reason", .string(failure.reason)),
            ])
        }
    }
}
