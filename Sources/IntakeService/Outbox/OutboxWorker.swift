import Foundation
public import IntakeCore
public import IntakeDesk
public import IntakeOutbound

/// Delivers the outbox: each round takes the due events (`dueOutbox` hands out only the oldest pending
/// event per ticket and destination, so a ticket's events leave in order and wait behind a failure),
/// delivers them outside any store transaction, several at once, then records their results in one short
/// transaction: delivered, retried later (`RetryPolicy`), dead, or skipped.
///
/// Exactly once, as far as the receiver can tell: the row is marked delivered only after the
/// destination answered, so a crash in between (at most `concurrency` deliveries are in that state)
/// sends the event again on restart, with the same `Idempotency-Key`, which the receiver uses to drop
/// the repeat. Nothing is ever lost; at worst a receiver that ignores the key sees an event twice.
public struct OutboxWorker: BackgroundTask {
    public let name = "outbox"
    public let interval: Double
    let store: DeskStore
    /// Read for each event: `serve` replaces the directory on SIGHUP.
    private(set) var directorySource: @Sendable () -> CustomerDirectory
    var directory: CustomerDirectory { directorySource() }
    let destinations: [String: any OutboundDestination]
    let policy: RetryPolicy
    let batchSize: Int
    private let threads: WorkerThreads
    /// Deliveries in flight at once: one per delivering thread.
    var concurrency: Int { threads.width }
    let logger: Logger
    let metrics: Metrics
    let clock: @Sendable () -> Timestamp
    let random: @Sendable () -> Double

    public init(
        store: DeskStore, directory: CustomerDirectory, destinations: [any OutboundDestination], policy: RetryPolicy,
        interval: Double, batchSize: Int = 50, concurrency: Int = 8, logger: Logger, metrics: Metrics,
        clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.store = store
        directorySource = { directory }
        self.destinations = Dictionary(destinations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.policy = policy
        self.interval = interval
        self.batchSize = batchSize
        threads = WorkerThreads(width: concurrency, name: "intake.outbox")
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
                  interval: config.outbox.pollIntervalSeconds, concurrency: config.outbox.concurrency, logger: logger, metrics: metrics, clock: clock, random: random)
    }

    /// The worker of a running service.
    public init(context: IntakeContext, mailer: (any AcknowledgementMailer)? = nil) {
        self.init(store: context.store, directory: context.pipeline.settings.directory, config: context.config, mailer: mailer,
                  logger: context.logger, metrics: context.metrics)
        let pipelines = context.pipelines
        directorySource = { pipelines.current.settings.directory }
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

    /// Delivers until nothing is due, or for `roundBudget(interval:)`: an event that waited behind its
    /// ticket's earlier one goes in the same round once that one is recorded. Each event is tried at
    /// most once a round.
    ///
    /// The due events are independent (each is the oldest pending one of its ticket and destination), so
    /// up to `concurrency` are delivered at once: a desk 100 ms away took 100 ms per event, one after
    /// another. Only while deliveries are slow, though: one that answers within `parallelAboveSeconds`
    /// (a desk next door) is faster served from this thread alone than by waking the others for each
    /// chunk. Each chunk is recorded in one transaction. An event for a destination that reads
    /// what recording writes (the email cap) goes alone, after the results before it are recorded.
    ///
    /// A destination that answers with `Retry-After` (Slack's 429, a desk's 503) is not sent anything
    /// more until then: recording the answer postpones its other pending events, and the rest of this
    /// round leaves them alone. Sending on would spend an attempt of each event on a certain refusal,
    /// and Slack answers a client that ignores its limits with longer ones.
    public func tick() throws {
        let deadline = ProcessInfo.processInfo.systemUptime + Self.roundBudget(interval: interval)
        var attempted = Set<Int64>()
        var parallel = true
        var waitUntil: [String: Timestamp] = [:]
        rounds: while true {
            let now = clock()
            let due = try store.read { try $0.dueOutbox(now: now, limit: batchSize) }.filter { !attempted.contains($0.id) }
            if due.isEmpty { break }
            attempted.formUnion(due.map(\.id))
            for chunk in chunks(due) {
                if ProcessInfo.processInfo.systemUptime >= deadline { break rounds }
                let sendable = chunk.filter { row in waitUntil[row.destination].map { clock() >= $0 } ?? true }
                guard !sendable.isEmpty else { continue }
                let delivered = try deliverAll(sendable, parallel: parallel)
                parallel = delivered.meanSeconds > Self.parallelAboveSeconds
                let results = Array(zip(sendable, delivered.results))
                try record(results)
                for (row, result) in results {
                    guard case .retry(_, _, let retryAfter?) = result, retryAfter > 0 else { continue }
                    waitUntil[row.destination] = max(waitUntil[row.destination] ?? now, clock().adding(seconds: policy.honoured(retryAfter: retryAfter)))
                }
            }
        }
        try publishDepth()
    }

    /// The due events in order, cut into the chunks delivered together.
    func chunks(_ rows: [OutboxEvent]) -> [[OutboxEvent]] {
        var chunks: [[OutboxEvent]] = []
        var current: [OutboxEvent] = []
        for row in rows {
            if destinations[row.destination]?.readsRecordedResults == true {
                if !current.isEmpty { chunks.append(current) }
                chunks.append([row])
                current = []
            } else {
                current.append(row)
                if current.count == concurrency {
                    chunks.append(current)
                    current = []
                }
            }
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }

    /// A delivery's mean round trip above which the next chunk goes out in parallel.
    static let parallelAboveSeconds = 0.002

    /// One attempt for each row, up to `concurrency` at once when `parallel`. What the destinations
    /// need from the store is read first, in one go: the delivering threads never wait for the store's
    /// lock (the webhooks' group commit holds it most of the time under load).
    func deliverAll(_ rows: [OutboxEvent], parallel: Bool = true) throws -> (results: [DeliveryResult], meanSeconds: Double) {
        let events = try store.read { records in
            try rows.map { row in destinations[row.destination] == nil ? nil : try outboundEvent(row, records: records) }
        }
        let results = DeliveryResults(count: rows.count)
        let each: @Sendable (Int) -> Void = { [self] index in
            let start = ProcessInfo.processInfo.systemUptime
            let result = attempt(rows[index], events[index])
            results.set(index, result, seconds: ProcessInfo.processInfo.systemUptime - start)
        }
        if parallel {
            threads.run(rows.count, each)
        } else {
            for index in rows.indices { each(index) }
        }
        return results.all
    }

    /// One attempt, outside any transaction. An event whose destination is not configured is skipped.
    private func attempt(_ row: OutboxEvent, _ event: OutboundEvent?) -> DeliveryResult {
        guard let destination = destinations[row.destination], let event else {
            return .skipped(reason: "no \(row.destination) destination is configured")
        }
        logger.debug("outbox", "sending", [
            ("id", .number(Double(row.id))), ("event_id", .string(row.eventID)), ("destination", .string(row.destination)),
            ("payload", row.payload),
        ])
        return destination.deliver(event, now: clock())
    }

    /// What a destination needs beyond the row: the remote id earlier events of the ticket left (a
    /// Slack ticket's thread is its `reply_route.thread` first), the customer's language and time zone.
    func outboundEvent(_ row: OutboxEvent, records: DeskRecords) throws -> OutboundEvent {
        var reference: String?
        var customer: Customer?
        if let ticketID = row.ticketID {
            let ticket = try records.ticket(id: ticketID)
            if row.destination == "slack" { reference = ticket?.replyRoute.thread }
            if reference == nil { reference = try records.remoteID(ticketID: ticketID, destination: row.destination) }
            customer = ticket?.customerID.flatMap(directory.customer(id:))
        }
        return OutboundEvent(eventID: row.eventID, type: row.eventType, payload: row.payload, attempt: row.attempts + 1,
                             remoteReference: reference, locale: customer?.locale ?? "es", timeZone: customer?.timeZone)
    }
}

/// Results filled in by the delivering threads, each at its own index, with the time they took. `@unchecked Sendable`: `items`
/// is only touched under `lock`.
private final class DeliveryResults: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [DeliveryResult]
    private var seconds = 0.0

    init(count: Int) {
        items = Array(repeating: .skipped(reason: "not attempted"), count: count)
    }

    func set(_ index: Int, _ result: DeliveryResult, seconds: Double) {
        lock.withLock {
            items[index] = result
            self.seconds += seconds
        }
    }

    /// The results, and the mean time one took.
    var all: (results: [DeliveryResult], meanSeconds: Double) {
        lock.withLock { (items, items.isEmpty ? 0 : seconds / Double(items.count)) }
    }
}
