public import IntakeCore
import SQLite

/// One event waiting to go out (or gone, or dead).
public struct OutboxEvent: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        case pending
        case delivered
        case dead
        /// Recorded but deliberately not sent (a WhatsApp reply outside the 24-hour window needs a template).
        case skipped
    }

    public var id: Int64
    /// Stable across retries: sent as `Idempotency-Key`.
    public var eventID: String
    public var ticketID: Int64?
    public var destination: String
    public var eventType: String
    public var payload: JSONValue
    public var state: State
    public var attempts: Int
    public var nextAttemptAt: Timestamp
    public var createdAt: Timestamp
    public var lastStatus: Int?
    public var lastError: String?
    public var remoteID: String?
    public var remoteStatus: String?

    public var json: JSONValue {
        var o = JSONObject()
        o["id"] = .number(Double(id))
        o["event_id"] = .string(eventID)
        o["ticket_id"] = ticketID.map { .number(Double($0)) } ?? .null
        o["destination"] = .string(destination)
        o["event_type"] = .string(eventType)
        o["state"] = .string(state.rawValue)
        o["attempts"] = .int(attempts)
        o["next_attempt_at"] = .string(nextAttemptAt.iso8601)
        o["created_at"] = .string(createdAt.iso8601)
        o["last_status"] = .optional(lastStatus)
        o["last_error"] = .optional(lastError)
        o["remote_id"] = .optional(remoteID)
        o["remote_status"] = .optional(remoteStatus)
        return .object(o)
    }
}

extension DeskRecords {
    private static let outboxColumns = "id, event_id, ticket_id, destination, event_type, payload, state, attempts, next_attempt_at, created_at, last_status, last_error, remote_id, remote_status"

    private static func outboxEvent(_ s: Statement) -> OutboxEvent {
        OutboxEvent(
            id: s.int(0), eventID: s.text(1), ticketID: s.optionalInt(2), destination: s.text(3), eventType: s.text(4),
            payload: (try? JSONParser.parse(s.text(5))) ?? .null, state: OutboxEvent.State(rawValue: s.text(6)) ?? .pending,
            attempts: Int(s.int(7)), nextAttemptAt: Timestamp(seconds: s.int(8)), createdAt: Timestamp(seconds: s.int(9)),
            lastStatus: s.optionalInt(10).map { Int($0) }, lastError: s.optionalText(11), remoteID: s.optionalText(12), remoteStatus: s.optionalText(13)
        )
    }

    /// Queues an event in the caller's transaction, so it exists exactly when the change it reports does.
    /// `payload` is the event's JSON text. Its id (the `Idempotency-Key` receivers deduplicate on) is
    /// 128 random bits, fixed here once and resent unchanged on every retry.
    public func enqueueOutbox(ticketID: Int64?, destination: String, eventType: String, payload: String, at: Timestamp) throws {
        try db.statement(Self.insertOutbox)
            .bind(.text(Self.newEventID()), .int64(ticketID), .text(destination), .text(eventType), .text(payload), .integer(at.seconds), .integer(at.seconds))
            .run()
    }

    private static let insertOutbox = Query("INSERT INTO outbox (event_id, ticket_id, destination, event_type, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")

    static func newEventID() -> String {
        var generator = SystemRandomNumberGenerator()
        let bits = [generator.next(), generator.next()].flatMap { (word: UInt64) in (0..<8).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } }
        return "evt_" + Hex.encode(bits)
    }

    /// Pending events due now whose ticket has no earlier pending event for the same destination
    /// (order is kept per ticket and destination).
    public func dueOutbox(now: Timestamp, limit: Int) throws -> [OutboxEvent] {
        try db.statement("""
            SELECT \(Self.outboxColumns) FROM outbox o
            WHERE o.state = 'pending' AND o.next_attempt_at <= ?
              AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.state = 'pending' AND e.ticket_id = o.ticket_id
                              AND e.destination = o.destination AND e.id < o.id)
            ORDER BY o.id LIMIT ?
            """).bind(.integer(now.seconds), .integer(Int64(limit))).rows(Self.outboxEvent)
    }

    public func outboxEvent(id: Int64) throws -> OutboxEvent? {
        try db.statement("SELECT \(Self.outboxColumns) FROM outbox WHERE id = ?").bind(.integer(id)).first(Self.outboxEvent)
    }

    public func outbox(state: OutboxEvent.State? = nil, limit: Int = 1000) throws -> [OutboxEvent] {
        let st = try db.statement("SELECT \(Self.outboxColumns) FROM outbox" + (state == nil ? "" : " WHERE state = ?") + " ORDER BY id LIMIT \(limit)")
        if let state { st.bind(.text(state.rawValue)) }
        return try st.rows(Self.outboxEvent)
    }

    public func markDelivered(id: Int64, status: Int?, remoteID: String?, at: Timestamp) throws {
        try db.statement("UPDATE outbox SET state = 'delivered', attempts = attempts + 1, delivered_at = ?, last_status = ?, last_error = NULL, remote_id = COALESCE(?, remote_id) WHERE id = ?")
            .bind(.integer(at.seconds), .int(status), .text(remoteID), .integer(id)).run()
    }

    public func markFailed(id: Int64, status: Int?, error: String, nextAttemptAt: Timestamp?, dead: Bool) throws {
        try db.statement("UPDATE outbox SET attempts = attempts + 1, last_status = ?, last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at), state = ? WHERE id = ?")
            .bind(.int(status), .text(error), .int64(nextAttemptAt?.seconds), .text(dead ? "dead" : "pending"), .integer(id)).run()
    }

    /// Moves every pending event of `destination` that would be due before `until` to `until`, its
    /// attempts untouched: the destination asked us to wait (`Retry-After` on a 429 or 503), and that
    /// holds for all our requests, not only the one that was answered so.
    public func postponeOutbox(destination: String, until: Timestamp) throws {
        try db.statement("UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at < ? AND destination = ?")
            .bind(.integer(until.seconds), .integer(until.seconds), .text(destination)).run()
    }

    public func markSkipped(id: Int64, reason: String) throws {
        try db.statement("UPDATE outbox SET state = 'skipped', last_error = ? WHERE id = ?").bind(.text(reason), .integer(id)).run()
    }

    /// Puts an event (or every dead event) back in the queue, due now. A dead event starts its attempts
    /// over (the operator fixed what killed it); a waiting one keeps its count and only skips the wait.
    @discardableResult
    public func retryOutbox(id: Int64?, now: Timestamp) throws -> Int {
        if let id {
            try db.statement("""
                UPDATE outbox SET attempts = CASE state WHEN 'dead' THEN 0 ELSE attempts END, state = 'pending', next_attempt_at = ?
                WHERE id = ? AND state IN ('dead','pending','skipped')
                """)
                .bind(.integer(now.seconds), .integer(id)).run()
        } else {
            try db.statement("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE state = 'dead'").bind(.integer(now.seconds)).run()
        }
        return db.changes
    }

    /// Deletes delivered, skipped and dead events created before `before`.
    @discardableResult
    public func purgeOutbox(before: Timestamp) throws -> Int {
        try db.statement("DELETE FROM outbox WHERE state IN ('delivered','dead','skipped') AND created_at < ?").bind(.integer(before.seconds)).run()
        return db.changes
    }

    /// Records a delivery status reported back by the platform (WhatsApp `statuses[]`, a Twilio status
    /// callback) on the outbox row that sent the message; false when no row sent it. Neither Meta nor
    /// Twilio delivers statuses in order: a `delivered` that arrives after `read`, or a `sent` after
    /// `failed`, is older news and leaves the row's status as it is (`remoteStatusRank`).
    @discardableResult
    public func recordRemoteStatus(remoteID: String, status: String) throws -> Bool {
        try db.statement(Self.advanceRemoteStatus).bind(.text(status), .text(remoteID), .integer(Int64(Self.remoteStatusRank(status)))).run()
        if db.changes > 0 { return true }
        return try db.statement("SELECT 1 FROM outbox WHERE remote_id = ? LIMIT 1").bind(.text(remoteID)).first { _ in true } ?? false
    }

    /// How far a message has got: queued or sending (0), sent, delivered, read; a failure is final.
    private static let remoteStatusRanks: [(status: String, rank: Int)] = [
        ("sent", 1), ("delivered", 2), ("read", 3), ("failed", 4), ("undelivered", 4), ("canceled", 4),
    ]

    private static func remoteStatusRank(_ status: String) -> Int {
        let status = status.lowercased()
        return remoteStatusRanks.first { $0.status == status }?.rank ?? 0
    }

    private static let advanceRemoteStatus = Query(
        "UPDATE outbox SET remote_status = ?1 WHERE remote_id = ?2 AND (remote_status IS NULL OR ?3 >= CASE lower(remote_status) "
            + remoteStatusRanks.map { "WHEN '\($0.status)' THEN \($0.rank)" }.joined(separator: " ") + " ELSE 0 END)")

    /// The remote id the first delivered event of a ticket to a destination recorded (of `eventType`
    /// when given): the Zammad ticket id or Slack thread `ts` that later events attach to.
    public func remoteID(ticketID: Int64, destination: String, eventType: String? = nil) throws -> String? {
        var values: [SQLValue] = [.integer(ticketID), .text(destination)]
        if let eventType { values.append(.text(eventType)) }
        let sql = "SELECT remote_id FROM outbox WHERE ticket_id = ? AND destination = ? AND state = 'delivered' AND remote_id IS NOT NULL"
            + (eventType == nil ? "" : " AND event_type = ?") + " ORDER BY id LIMIT 1"
        return try db.statement(sql).bind(values).first { $0.text(0) }
    }

    public func outboxCounts() throws -> [OutboxEvent.State: Int] {
        var counts: [OutboxEvent.State: Int] = [:]
        for (state, n) in try db.statement("SELECT state, COUNT(*) FROM outbox GROUP BY state").rows({ ($0.text(0), Int($0.int(1))) }) {
            if let s = OutboxEvent.State(rawValue: state) { counts[s] = n }
        }
        return counts
    }
}
