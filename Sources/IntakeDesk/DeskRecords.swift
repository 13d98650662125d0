public import IntakeCore
import SQLite

/// Typed reads and writes over the desk schema. The only code that speaks SQL; it lives only inside a
/// `DeskStore.write`/`read` call.
public struct DeskRecords {
    let db: Database
    let memory: StoreMemory

    func touchHealth() throws {
        try db.statement("INSERT INTO channel_health (component, last_success) VALUES ('store', strftime('%s','now')) ON CONFLICT (component) DO UPDATE SET last_success = excluded.last_success").run()
    }

    // MARK: raw payloads

    /// Keeps a raw payload as it arrived; returns its id, which its messages point to.
    @discardableResult
    public func saveRawPayload(channel: Channel, bytes: [UInt8], contentType: String?, source: String,
                               receivedAt: Timestamp, error: String? = nil) throws -> Int64 {
        let st = try db.statement(Self.insertRawPayload)
        st.bind(channel.rawValue, at: 1)
        st.bind(contentType, at: 2)
        st.bind(source, at: 3)
        st.bind(bytes, at: 4)
        st.bind(receivedAt.seconds, at: 5)
        st.bind(error, at: 6)
        try st.run()
        return db.lastInsertRowID
    }

    private static let insertRawPayload = Query("INSERT INTO raw_payloads (channel, content_type, source, body, received_at, error) VALUES (?, ?, ?, ?, ?, ?)")

    public struct RawPayloadRecord: Sendable {
        public var channel: Channel
        public var contentType: String?
        public var source: String
        public var body: [UInt8]
        /// When it arrived: `replay` runs it through the pipeline at that time, so windows and deadlines
        /// count as they did.
        public var receivedAt: Timestamp
    }

    /// Every stored raw payload in arrival order (for `intake replay`).
    public func rawPayloads(channel: Channel? = nil) throws -> [RawPayloadRecord] {
        let sql = "SELECT channel, content_type, source, body, received_at FROM raw_payloads" + (channel == nil ? "" : " WHERE channel = ?") + " ORDER BY id"
        let st = try db.statement(sql)
        if let channel { st.bind(.text(channel.rawValue)) }
        return try st.rows { s in
            RawPayloadRecord(channel: Channel(rawValue: s.text(0)) ?? .email, contentType: s.optionalText(1), source: s.text(2), body: s.blob(3),
                             receivedAt: Timestamp(seconds: s.int(4)))
        }
    }

    // MARK: messages

    public struct StoredMessage: Sendable {
        public var id: Int64
        public var ticketID: Int64?
        public var outcome: Outcome
        public var reason: String
        public var senderID: String
        public var sentAt: Int64?
        /// What recorded it (`metadata.source`: `cti`, `cdr`, `calllog` for calls), when it says.
        public var source: String?
    }

    private static let messageByExternalID = Query(
        "SELECT id, ticket_id, outcome, reason, sender_id, sent_at, json_extract(normalized, '$.metadata.source') FROM messages WHERE channel = ? AND external_id = ?")

    public func message(channel: Channel, externalID: String) throws -> StoredMessage? {
        guard try memory.messageKeys.mayContain(channel: channel, externalID: externalID, db: db) else { return nil }
        return try db.statement(Self.messageByExternalID)
            .bind(.text(channel.rawValue), .text(externalID))
            .first { s in
                StoredMessage(id: s.int(0), ticketID: s.optionalInt(1), outcome: Outcome(rawValue: s.text(2)) ?? .ignored, reason: s.text(3),
                              senderID: s.text(4), sentAt: s.optionalInt(5), source: s.optionalText(6))
            }
    }

    /// Whether the store keeps its message keys in memory (`DeskStore.expectMessages`).
    var keepsMessageKeys: Bool { memory.messageKeys.isOn }

    /// Reads the deduplication window into memory now rather than at the first message that needs it.
    public func preloadFingerprints(since: Timestamp) throws {
        try memory.fingerprints.preload(since: since, db: db)
    }

    /// The ticket of the last message with this fingerprint and scope received since `since`.
    public func ticketWithFingerprint(_ fingerprint: String, scope: String, since: Timestamp) throws -> Int64? {
        try memory.fingerprints.ticket(fingerprint: fingerprint, scope: scope, since: since, db: db)
    }

    public struct NewMessage {
        public var message: InboundMessage
        /// `message.json` serialized, when the caller already has it.
        public var normalizedJSON: String?
        public var ticketID: Int64?
        public var outcome: Outcome
        public var reason: String
        public var fingerprint: String?
        public var scope: String?
        public var rawID: Int64?
        public var receivedAt: Timestamp
        /// Why the pipeline did what it did with the message, in order (`intake explain`).
        public var decisions: [Decision] = []
        /// The decisions already written as JSON (`Decision.json`), used instead of `decisions`.
        var decisionsJSON: String?
        /// The key the message is stored under when it is not its external id (`MessageIDReuse`).
        var storageID: String?
    }

    private static let insertMessageQuery = Query("""
        INSERT INTO messages (ticket_id, channel, external_id, kind, sender_id, sender_name, subject, sent_at,
            received_at, outcome, reason, fingerprint, scope, target_id, raw_id, normalized, decisions)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)

    @discardableResult
    public func insertMessage(_ m: NewMessage, attachmentCap: Int) throws -> Int64 {
        let msg = m.message
        let st = try db.statement(Self.insertMessageQuery)
        st.bind(m.ticketID, at: 1)
        st.bind(msg.channel.rawValue, at: 2)
        st.bind(m.storageID ?? msg.externalID, at: 3)
        st.bind(msg.kind.rawValue, at: 4)
        st.bind(msg.sender.id, at: 5)
        st.bind(msg.sender.name, at: 6)
        st.bind(msg.subject, at: 7)
        st.bind(msg.sentAt?.seconds, at: 8)
        st.bind(m.receivedAt.seconds, at: 9)
        st.bind(m.outcome.rawValue, at: 10)
        st.bind(m.reason, at: 11)
        st.bind(m.fingerprint, at: 12)
        st.bind(m.scope, at: 13)
        st.bind(msg.targetID, at: 14)
        st.bind(m.rawID, at: 15)
        st.bind(m.normalizedJSON ?? JSONWriter.string(msg.json), at: 16)
        st.bind(m.decisionsJSON ?? Decision.json(m.decisions), at: 17)
        try st.run()
        let id = db.lastInsertRowID
        memory.messageKeys.insert(id: id, channel: msg.channel, externalID: m.storageID ?? msg.externalID)
        if let fingerprint = m.fingerprint, let ticketID = m.ticketID {
            memory.fingerprints.record(fingerprint: fingerprint, scope: m.scope ?? "", ticketID: ticketID, receivedAt: m.receivedAt)
        }
        for a in msg.attachments {
            var stored = false
            var sha = a.sha256
            if let content = a.content {
                let digest = sha ?? SHA256.hex(content)
                sha = digest
                if content.count <= attachmentCap {
                    try db.statement("INSERT OR IGNORE INTO blobs (sha256, size, content) VALUES (?, ?, ?)")
                        .bind(.text(digest), .integer(Int64(content.count)), .blob(content)).run()
                    stored = true
                }
            }
            try db.statement("INSERT INTO attachments (message_id, filename, content_type, size, sha256, content_id, inline, media_id, url, stored) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(.integer(id), .text(a.filename), .text(a.contentType), .int(a.size ?? a.content?.count), .text(sha), .text(a.contentID),
                      .bool(a.isInline), .text(a.mediaID), .text(a.url), .bool(stored)).run()
        }
        return id
    }

    public func messageCount() throws -> Int {
        Int(try db.statement("SELECT COUNT(*) FROM messages").first { $0.int(0) } ?? 0)
    }

    /// A ticket's messages, oldest first, as their normalized JSON plus outcome and reason.
    public func messages(ticketID: Int64) throws -> [JSONValue] {
        try db.statement("SELECT normalized, outcome, reason, received_at FROM messages WHERE ticket_id = ? ORDER BY id").bind(.integer(ticketID)).rows { s in
            var o = (try? JSONParser.parse(s.text(0)))?.objectValue ?? JSONObject()
            o["outcome"] = .string(s.text(1))
            o["reason"] = .string(s.text(2))
            o["received_at"] = .string(Timestamp(seconds: s.int(3)).iso8601)
            return .object(o)
        }
    }

    // MARK: refs

    private static let insertRef = Query("INSERT OR IGNORE INTO refs (ref, ticket_id) VALUES (?, ?)")
    private static let ticketByRef = Query("SELECT ticket_id FROM refs WHERE ref = ? ORDER BY ticket_id DESC LIMIT 1")

    /// Records that `ref` (an email Message-ID, a Slack `channel:ts`, a WhatsApp id, a call id, a thread
    /// key) belongs to a ticket.
    public func addRef(_ ref: String, ticketID: Int64) throws {
        try db.statement(Self.insertRef).bind(.text(ref), .integer(ticketID)).run()
        memory.refs.insert(ref)
    }

    /// The most recent ticket `ref` points to.
    public func ticketID(forRef ref: String) throws -> Int64? {
        guard try memory.refs.mayContain(ref, db: db) else { return nil }
        return try db.statement(Self.ticketByRef).bind(.text(ref)).first { $0.int(0) }
    }

    // MARK: decisions

    /// One decision the pipeline made about a message: the stage (route, deduplicate, thread, classify)
    /// and what it decided and why.
    public struct Decision: Sendable, Equatable {
        public var stage: String
        public var detail: String

        public init(_ stage: String, _ detail: String) {
            self.stage = stage
            self.detail = detail
        }

        /// `decisions` followed by those of `json`, an array `json(_:)` wrote.
        static func json(_ decisions: [Decision], then json: String) -> String {
            let head = Self.json(decisions)
            guard json != "[]", !decisions.isEmpty else { return decisions.isEmpty ? json : head }
            return head.dropLast() + "," + json.dropFirst()
        }

        /// `[{"stage":…,"detail":…},…]`, as stored with every message.
        static func json(_ decisions: [Decision]) -> String {
            var json = DecisionsJSON()
            for d in decisions { json.add(d.stage, [d.detail]) }
            return json.text
        }
    }

    /// Writes decisions straight into the JSON array kept on a message row; a detail may be given in
    /// pieces, written one after the other without joining them into a string first.
    struct DecisionsJSON {
        private var out: [UInt8] = [0x5B]

        init() {
            out.reserveCapacity(512)
        }

        mutating func add(_ stage: String, _ detail: [String]) {
            out.append(contentsOf: (out.count == 1 ? "{\"stage\":" : ",{\"stage\":").utf8)
            JSONWriter.appendQuoted(stage, to: &out)
            out.append(contentsOf: ",\"detail\":\"".utf8)
            for piece in detail { JSONWriter.appendEscaped(piece, to: &out) }
            out.append(contentsOf: "\"}".utf8)
        }

        var text: String {
            String(decoding: out + [0x5D], as: UTF8.self)
        }
    }

    /// Every decision about a ticket's messages, oldest first.
    /// Every decision about a ticket in the order it was made: those recorded with its messages, and
    /// its events (a status set from outside) placed among them by time.
    public func decisions(ticketID: Int64) throws -> [(stage: String, detail: String, at: Timestamp, messageID: Int64?)] {
        typealias Decision = (stage: String, detail: String, at: Timestamp, messageID: Int64?)
        let onMessages: [Decision] = try db.statement("SELECT decisions, received_at, id FROM messages WHERE ticket_id = ? ORDER BY id").bind(.integer(ticketID)).rows { s in
            let items = (try? JSONParser.parse(s.text(0)))?.arrayValue ?? []
            return items.map { item -> Decision in
                (item["stage"]?.stringValue ?? "?", item["detail"]?.stringValue ?? "", Timestamp(seconds: s.int(1)), Optional(s.int(2)))
            }
        }.flatMap { $0 }
        var events = try ticketEvents(ticketID: ticketID)[...]
        var merged: [Decision] = []
        for decision in onMessages {
            while let e = events.first, e.at < decision.at { merged.append((e.stage, e.detail, e.at, nil)); events.removeFirst() }
            merged.append(decision)
        }
        merged += events.map { ($0.stage, $0.detail, $0.at, nil) }
        return merged
    }

    // MARK: health

    public func recordSuccess(component: String, at: Timestamp) throws {
        try db.statement("INSERT INTO channel_health (component, last_success) VALUES (?, ?) ON CONFLICT (component) DO UPDATE SET last_success = excluded.last_success")
            .bind(.text(component), .integer(at.seconds)).run()
    }

    public func recordFailure(component: String, error: String, at: Timestamp) throws {
        try db.statement("INSERT INTO channel_health (component, last_error, last_error_at) VALUES (?, ?, ?) ON CONFLICT (component) DO UPDATE SET last_error = excluded.last_error, last_error_at = excluded.last_error_at")
            .bind(.text(component), .text(error), .integer(at.seconds)).run()
    }

    public func health() throws -> [(component: String, lastSuccess: Timestamp?, lastError: String?, lastErrorAt: Timestamp?)] {
        try db.statement("SELECT component, last_success, last_error, last_error_at FROM channel_health ORDER BY component").rows { s in
            (s.text(0), s.optionalInt(1).map(Timestamp.init(seconds:)), s.optionalText(2), s.optionalInt(3).map(Timestamp.init(seconds:)))
        }
    }
}
