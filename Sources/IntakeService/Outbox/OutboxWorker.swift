public import IntakeCore
public import IntakeDesk
public import IntakeOutbound

/// Delivers the outbox: each round takes the due events (`dueOutbox` hands out only the oldest pending
/// event per ticket and destination, so a ticket's events leave in order and wait behind a failure),
/// delivers each one outside any store transaction, then records the result in a short transaction of
/// its own: delivered, retried later (`RetryPolicy`), dead, or skipped.
///
/// Exactly once, as far as the receiver can tell: the row is marked delivered only after the
/// destination answered, so a crash in between sends the event again on restart, with the same
/// `Idempotency-Key`, which the receiver uses to drop the repeat. Nothing is ever lost; at worst a
/// receiver that ignores the key sees an event twice.
public struct OutboxWorker: BackgroundTask {
    public let name = "outbox"
    public let interval: Double
    let store: DeskStore
    let directory: CustomerDirectory
    let destinations: [String: any OutboundDestination]
    let policy: RetryPolicy
    let batchSize: Int
    let logger: Logger
    let metrics: Metrics
    let clock: @Sendable () -> Timestamp
    let random: @Sendable () -> Double

    public init(
        store: DeskStore, directory: CustomerDirectory, destinations: [any OutboundDestination], policy: RetryPolicy,
        interval: Double, batchSize: Int = 50, logger: Logger, metrics: Metrics,
        clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.store = store
        self.directory = directory
        self.destinations = Dictionary(destinations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.policy = policy
        self.interval = interval
        self.batchSize = batchSize
        self.logger = logger
        self.metrics = metrics
        self.clock = clock
        self.random = random
    }

    /// The destinations the configuration enables, plus the email acknowledgement when an SMTP sender
    /// is given.
    public init(
        store: DeskStore, directory: CustomerDirectory, config: GatewayConfig, mailer: (any AcknowledgementMailer)? = nil,
        logger: Logger, metrics: Metrics,
        clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        var destinations = OutboundDestinations.standard(config: config)
        if let mailer { destinations.append(EmailAcknowledgementDestination(store: store, mailer: mailer, config: config)) }
        self.init(store: store, directory: directory, destinations: destinations, policy: RetryPolicy(config: config.outbox),
                  interval: config.outbox.pollIntervalSeconds, logger: logger, metrics: metrics, clock: clock, random: random)
    }

    /// The worker of a running service.
    public init(context: IntakeContext, mailer: (any AcknowledgementMailer)? = nil) {
        self.init(store: context.store, directory: context.pipeline.settings.directory, config: context.config, mailer: mailer,
                  logger: context.logger, metrics: context.metrics)
    }

    /// The tasks `serve` runs: the worker when the outbox is enabled, sending acknowledgements through
    /// the SMTP server of `email.smtp_url` when one is configured.
    static func standard(context: IntakeContext) -> [any BackgroundTask] {
        guard context.config.outbox.enabled else { return [] }
        var mailer: SMTPAcknowledgementMailer?
        do {
            mailer = try SMTPAcknowledgementMailer(email: context.config.email)
        } catch {
            context.logger.error("outbox", "smtp.refused", [("error", .string("\(error)"))])
        }
        return [OutboxWorker(context: context, mailer: mailer)]
    }

    /// Delivers until nothing is due: an event that waited behind its ticket's earlier one goes in the
    /// same round once that one is delivered. Each event is tried at most once a round.
    public func tick() throws {
        var attempted = Set<Int64>()
        while true {
            let now = clock()
            let due = try store.read { try $0.dueOutbox(now: now, limit: batchSize) }.filter { !attempted.contains($0.id) }
            if due.isEmpty { break }
            for row in due {
                attempted.insert(row.id)
                let result = try deliver(row)
                try record(result, for: row)
            }
        }
        try publishDepth()
    }

    /// One attempt, outside any transaction. An event whose destination is not configured is skipped.
    func deliver(_ row: OutboxEvent) throws -> DeliveryResult {
        guard let destination = destinations[row.destination] else {
            return .skipped(reason: "no \(row.destination) destination is configured")
        }
        let event = try store.read { try outboundEvent(row, records: $0) }
        logger.debug("outbox", "sending", [
            ("id", .number(Double(row.id))), ("event_id", .string(row.eventID)), ("destination", .string(row.destination)),
            ("payload", row.payload),
        ])
        return destination.deliver(event, now: clock())
    }

    /// What a destination needs beyond the row: the remote id earlier events of the ticket left (a
    /// Slack ticket's thread is its `reply_route.thread` first) and the customer's language.
    func outboundEvent(_ row: OutboxEvent, records: DeskRecords) throws -> OutboundEvent {
        var reference: String?
        var locale = "es"
        if let ticketID = row.ticketID {
            let ticket = try records.ticket(id: ticketID)
            if row.destination == "slack" { reference = ticket?.replyRoute.thread }
            if reference == nil { reference = try records.remoteID(ticketID: ticketID, destination: row.destination) }
            if let customer = ticket?.customerID.flatMap(directory.customer(id:)) { locale = customer.locale }
        }
        return OutboundEvent(eventID: row.eventID, type: row.eventType, payload: row.payload, attempt: row.attempts + 1,
                             remoteReference: reference, locale: locale)
    }
}
