public import IntakeCore
public import IntakeDesk
public import IntakeMail
public import IntakeChannels

/// The mail poller's ledger on the desk store. Each batch commits in one store transaction: every mail
/// normalized by `EmailAdapter` and run through the pipeline, every refused or unfetchable mail recorded
/// in `mail_quarantine`, and the folder's cursor. A crash anywhere before the commit leaves the store as
/// it was, so the next poll fetches the same mails again; nothing is half-imported.
///
/// A mail the store already holds (a re-fetch after a crash between commit and the server-side policy, a
/// resync after a UIDVALIDITY change) is a duplicate and does not go through the pipeline again: known by
/// its Message-ID, unless that id is another mail's (`IngestPipeline.redelivery(of:records:)`). A mail the adapter refuses keeps its raw bytes in `raw_payloads` (with the reason) so it
/// can be looked at and replayed.
public struct StoreMailboxLedger: MailboxLedger {
    /// What happened to one mail of a committed batch, for the CLI and the logs.
    public struct Entry: Sendable, Equatable {
        public var uid: UInt32
        public var externalID: String?
        public var outcome: MailCommitOutcome
        /// The pipeline's outcome (`created`, `appended`, `duplicate`, `ignored`), or `quarantined`.
        public var detail: String
        public var ticketNumber: String?
        public var reason: String

        public init(uid: UInt32, externalID: String?, outcome: MailCommitOutcome, detail: String, ticketNumber: String?, reason: String) {
            self.uid = uid
            self.externalID = externalID
            self.outcome = outcome
            self.detail = detail
            self.ticketNumber = ticketNumber
            self.reason = reason
        }

        public var json: JSONValue {
            ["uid": .int(Int(uid)), "external_id": .optional(externalID), "outcome": .string(detail),
             "ticket": .optional(ticketNumber), "reason": .string(reason)]
        }
    }

    public let store: DeskStore
    /// Read for each mail: `serve` replaces it when the customer directory is reloaded.
    public let pipelines: PipelineSource
    public var pipeline: IngestPipeline { pipelines.current }
    private let adapter: EmailAdapter
    private let clock: @Sendable () -> Timestamp
    private let onCommit: @Sendable (MailBatch, [Entry]) -> Void

    /// `onCommit` is called after each batch is durable, outside the transaction; `adapter` knows our own
    /// addresses (`ChannelAdapters.emailAdapter(config:)`).
    public init(
        store: DeskStore, pipeline: IngestPipeline, adapter: EmailAdapter = EmailAdapter(),
        clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() },
        onCommit: @escaping @Sendable (MailBatch, [Entry]) -> Void = { _, _ in }
    ) {
        self.init(store: store, pipelines: PipelineSource(pipeline), adapter: adapter, clock: clock, onCommit: onCommit)
    }

    public init(
        store: DeskStore, pipelines: PipelineSource, adapter: EmailAdapter = EmailAdapter(),
        clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() },
        onCommit: @escaping @Sendable (MailBatch, [Entry]) -> Void = { _, _ in }
    ) {
        self.store = store
        self.pipelines = pipelines
        self.adapter = adapter
        self.clock = clock
        self.onCommit = onCommit
    }

    public func cursor(folder: String) throws -> MailboxCursor? {
        try store.read { try $0.mailCursor(folder: folder) }.map { MailboxCursor(uidValidity: $0.uidValidity, lastUID: $0.lastUID) }
    }

    public func commit(_ batch: MailBatch) throws -> [MailCommitOutcome] {
        let now = clock()
        let entries = try store.write { records in
            let entries = try batch.mails.map { try store($0, of: batch, records: records, now: now) }
            for failure in batch.failures {
                try records.quarantine(folder: batch.folder, uidValidity: batch.cursor.uidValidity, uid: failure.uid,
                                       reason: failure.reason, rawSHA256: nil, at: now)
            }
            try records.saveMailCursor(folder: batch.folder, uidValidity: batch.cursor.uidValidity, lastUID: batch.cursor.lastUID, at: now)
            return entries
        }
        onCommit(batch, entries)
        return entries.map(\.outcome)
    }

    private func store(_ mail: FetchedMail, of batch: MailBatch, records: DeskRecords, now: Timestamp) throws -> Entry {
        let source = "imap:\(batch.folder);UIDVALIDITY=\(batch.cursor.uidValidity);UID=\(mail.uid)"
        let message: InboundMessage
        do {
            message = try adapter.message(from: mail.raw)
        } catch {
            let reason = error.reason
            _ = try pipeline.ingest(IngestPayload(channel: .email, raw: mail.raw, contentType: "message/rfc822", source: source, messages: [], error: reason),
                                    records: records, now: now)
            try records.quarantine(folder: batch.folder, uidValidity: batch.cursor.uidValidity, uid: mail.uid, reason: reason,
                                   rawSHA256: SHA256.hex(mail.raw), at: now)
            return Entry(uid: mail.uid, externalID: nil, outcome: .quarantined(reason: reason), detail: "quarantined", ticketNumber: nil, reason: reason)
        }
        if let id = message.externalID, let first = try pipeline.redelivery(of: message, records: records) {
            let number = try first.ticketID.flatMap { try records.ticket(id: $0)?.number }
            return Entry(uid: mail.uid, externalID: id, outcome: .duplicate, detail: "duplicate", ticketNumber: number,
                         reason: "Message-ID already stored (first seen: \(first.outcome.rawValue))")
        }
        let payload = IngestPayload(channel: .email, raw: mail.raw, contentType: "message/rfc822", source: source, messages: [message])
        let results = try pipeline.ingest(payload, records: records, now: now)
        let result = results.first
        return Entry(uid: mail.uid, externalID: message.externalID, outcome: .imported, detail: result?.outcome.rawValue ?? "ignored",
                     ticketNumber: result?.ticketNumber, reason: result?.reason ?? "")
    }
}
