public import IntakeCore
import SQLite

extension DeskRecords {
    static let ticketColumns = """
        id, number, customer_id, status, priority, request_type, subject, origin_channel, reply_channel, reply_address,
        reply_thread, first_response_due, created_at, updated_at, resolved_at, unknown_customer, contract_inactive,
        auto_reply, sender_id, linked_ticket, reply_recipient_type
        """
    /// What a ticket is read with: the columns it is inserted with, and when our first response came
    /// (set later, by `recordFirstResponse`).
    static let ticketSelection = ticketColumns + ", first_responded_at"

    static func ticket(_ s: Statement) -> Ticket {
        Ticket(
            id: s.int(0), number: s.text(1), customerID: s.optionalText(2), status: TicketStatus(rawValue: s.text(3)) ?? .open,
            priority: Priority(rawValue: s.text(4)) ?? .medium, requestType: RequestType(rawValue: s.text(5)) ?? .incident,
            subject: s.optionalText(6), originChannel: Channel(rawValue: s.text(7)) ?? .email,
            replyRoute: Ticket.ReplyRoute(channel: Channel(rawValue: s.text(8)) ?? .email, address: s.text(9), thread: s.optionalText(10),
                                          isGroup: s.optionalText(20) == "group"),
            firstResponseDue: Timestamp(seconds: s.int(11)), createdAt: Timestamp(seconds: s.int(12)), updatedAt: Timestamp(seconds: s.int(13)),
            resolvedAt: s.optionalInt(14).map(Timestamp.init(seconds:)),
            flags: Ticket.Flags(unknownCustomer: s.int(15) != 0, contractInactive: s.int(16) != 0, autoReply: s.int(17) != 0),
            senderID: s.text(18), linkedTicket: s.optionalText(19), firstRespondedAt: s.optionalInt(21).map(Timestamp.init(seconds:))
        )
    }

    private static let insertTicketQuery = Query("INSERT INTO tickets (\(ticketColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    private static let ticketByID = Query("SELECT \(ticketSelection) FROM tickets WHERE id = ?")
    private static let ticketByNumber = Query("SELECT \(ticketSelection) FROM tickets WHERE number = ?")

    /// Inserts a ticket, choosing its id and number inside the transaction: `PREFIX-(start + id)`, or
    /// one past the newest ticket's number when that is as high (`ticket_start` was lowered, or the
    /// prefix changed and changed back): a number is never given twice, and a configuration change
    /// never makes every new ticket fail on the unique number.
    public func insertTicket(_ t: Ticket, prefix: String, start: Int) throws -> Ticket {
        let next = try memory.ticketIDs.peek(db)
        let prefix = prefix.uppercased()
        var suffix = Int64(start) + next
        if let last = memory.ticketIDs.lastSuffix(prefix: prefix), last >= suffix {
            suffix = last + 1
        }
        var ticket = t
        ticket.id = next
        ticket.number = "\(prefix)-\(suffix)"
        do {
            try runInsertTicket(ticket)
        } catch let error as SQLiteError where error.isConstraintViolation {
            // An older ticket of this prefix holds the number (the newest has another prefix): go past
            // the highest of them. Only after a failed insert, so the usual path reads nothing more.
            let highest = try db.statement(Self.numbersWithPrefix).bind(.text(prefix + "-%"))
                .rows { TicketIDs.parts(of: $0.text(0)) }.compactMap { $0?.prefix == prefix ? $0?.suffix : nil }.max() ?? suffix
            suffix = max(suffix, highest + 1)
            ticket.number = "\(prefix)-\(suffix)"
            try runInsertTicket(ticket)
        }
        memory.ticketIDs.used(next, prefix: prefix, suffix: suffix)
        return ticket
    }

    private static let numbersWithPrefix = Query("SELECT number FROM tickets WHERE number LIKE ?")

    private func runInsertTicket(_ ticket: Ticket) throws {
        let st = try db.statement(Self.insertTicketQuery)
        st.bind(ticket.id, at: 1)
        st.bind(ticket.number, at: 2)
        st.bind(ticket.customerID, at: 3)
        st.bind(ticket.status.rawValue, at: 4)
        st.bind(ticket.priority.rawValue, at: 5)
        st.bind(ticket.requestType.rawValue, at: 6)
        st.bind(ticket.subject, at: 7)
        st.bind(ticket.originChannel.rawValue, at: 8)
        st.bind(ticket.replyRoute.channel.rawValue, at: 9)
        st.bind(ticket.replyRoute.address, at: 10)
        st.bind(ticket.replyRoute.thread, at: 11)
        st.bind(ticket.firstResponseDue.seconds, at: 12)
        st.bind(ticket.createdAt.seconds, at: 13)
        st.bind(ticket.updatedAt.seconds, at: 14)
        st.bind(ticket.resolvedAt?.seconds, at: 15)
        st.bind(ticket.flags.unknownCustomer, at: 16)
        st.bind(ticket.flags.contractInactive, at: 17)
        st.bind(ticket.flags.autoReply, at: 18)
        st.bind(ticket.senderID, at: 19)
        st.bind(ticket.linkedTicket, at: 20)
        st.bind(ticket.replyRoute.isGroup ? "group" : nil, at: 21)
        try st.run()
    }

    public func ticket(id: Int64) throws -> Ticket? {
        try db.statement(Self.ticketByID).bind(.integer(id)).first(Self.ticket)
    }

    /// Numbers are stored upper-case, so a case-insensitive lookup is an exact one on the unique index
    /// (a `COLLATE NOCASE` comparison would scan every ticket).
    public func ticket(number: String) throws -> Ticket? {
        try db.statement(Self.ticketByNumber).bind(.text(number.uppercased())).first(Self.ticket)
    }

    /// The most recent ticket of a customer (or, for unknown senders, of the sender) that is still open.
    public func latestOpenTicket(customerID: String?, senderID: String) throws -> Ticket? {
        if let customerID {
            return try db.statement("SELECT \(Self.ticketSelection) FROM tickets WHERE customer_id = ? AND status IN ('new','open','pending') ORDER BY id DESC LIMIT 1")
                .bind(.text(customerID)).first(Self.ticket)
        }
        return try db.statement("SELECT \(Self.ticketSelection) FROM tickets WHERE customer_id IS NULL AND sender_id = ? AND status IN ('new','open','pending') ORDER BY id DESC LIMIT 1")
            .bind(.text(senderID)).first(Self.ticket)
    }

    public func updateTicket(id: Int64, status: TicketStatus? = nil, priority: Priority? = nil, firstResponseDue: Timestamp? = nil,
                             replyThread: String? = nil, resolvedAt: Timestamp?? = nil, updatedAt: Timestamp) throws {
        var sets = ["updated_at = ?"]
        var values: [SQLValue] = [.integer(updatedAt.seconds)]
        if let status { sets.append("status = ?"); values.append(.text(status.rawValue)) }
        if let priority { sets.append("priority = ?"); values.append(.text(priority.rawValue)) }
        if let firstResponseDue { sets.append("first_response_due = ?"); values.append(.integer(firstResponseDue.seconds)) }
        if let replyThread { sets.append("reply_thread = ?"); values.append(.text(replyThread)) }
        if let resolvedAt { sets.append("resolved_at = ?"); values.append(.int64(resolvedAt?.seconds)) }
        values.append(.integer(id))
        try db.statement("UPDATE tickets SET \(sets.joined(separator: ", ")) WHERE id = ?").bind(values).run()
    }

    /// A ticket opened for an unknown sender becomes `customer`'s once the directory knows the sender
    /// (their number invited, their domain added): no longer flagged for triage, and inside or outside
    /// the agreement as that customer's contract says.
    public func assignCustomer(ticketID: Int64, customer: Customer, updatedAt: Timestamp) throws {
        try db.statement("""
            UPDATE tickets SET customer_id = ?, unknown_customer = 0, contract_inactive = ?, updated_at = ?
            WHERE id = ? AND customer_id IS NULL
            """).bind(.text(customer.id), .integer(customer.isContractActive ? 0 : 1), .integer(updatedAt.seconds), .integer(ticketID)).run()
    }

    /// Our first answer on a ticket: its time is kept (the SLA view counts a ticket answered from then
    /// on; a later answer changes nothing) and a new ticket becomes open.
    public func recordFirstResponse(ticketID: Int64, at time: Timestamp, updatedAt: Timestamp) throws {
        try db.statement("""
            UPDATE tickets SET first_responded_at = COALESCE(first_responded_at, ?),
                status = CASE WHEN status = 'new' THEN 'open' ELSE status END, updated_at = ? WHERE id = ?
            """).bind(.integer(time.seconds), .integer(updatedAt.seconds), .integer(ticketID)).run()
    }

    public struct TicketFilter: Sendable {
        public var status: TicketStatus?
        public var customerID: String?
        public var limit: Int?

        public init(status: TicketStatus? = nil, customerID: String? = nil, limit: Int? = nil) {
            self.status = status
            self.customerID = customerID
            self.limit = limit
        }
    }

    public func tickets(_ filter: TicketFilter = TicketFilter()) throws -> [Ticket] {
        var sql = "SELECT \(Self.ticketSelection) FROM tickets"
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let s = filter.status { conditions.append("status = ?"); values.append(.text(s.rawValue)) }
        if let c = filter.customerID { conditions.append("customer_id = ?"); values.append(.text(c)) }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY id"
        if let limit = filter.limit { sql += " LIMIT \(limit)" }
        return try db.statement(sql).bind(values).rows(Self.ticket)
    }

    public func ticketCount() throws -> Int {
        Int(try db.statement("SELECT COUNT(*) FROM tickets").first { $0.int(0) } ?? 0)
    }

    /// Open tickets per priority: how many, how many due within the hour, how many breached, and how many
    /// belong to a customer whose contract is inactive or suspended. Those are outside the service agreement,
    /// so they count as open but never as due or breached; the last column shows them apart. A ticket is
    /// outside when its customer's contract was not active when it opened (its flag), or is not now
    /// (`inactiveCustomers`, from today's directory): a contract suspended while its ticket is open takes
    /// the ticket out of the agreement from then on.
    public func slaSummary(now: Timestamp, inactiveCustomers: [String] = []) throws
        -> [(priority: Priority, open: Int, dueWithinHour: Int, breached: Int, contractInactive: Int)]
    {
        let rows = try db.statement("""
            SELECT priority, COUNT(*),
                SUM(CASE WHEN NOT outside AND first_responded_at IS NULL
                    AND first_response_due > ?1 AND first_response_due <= ?1 + 3600 THEN 1 ELSE 0 END),
                SUM(CASE WHEN NOT outside AND first_responded_at IS NULL
                    AND first_response_due <= ?1 THEN 1 ELSE 0 END),
                SUM(outside)
            FROM (SELECT priority, first_responded_at, first_response_due,
                      contract_inactive != 0 OR customer_id IN (SELECT value FROM json_each(?2)) AS outside
                  FROM tickets WHERE status IN ('new','open','pending'))
            GROUP BY priority
            """).bind(.integer(now.seconds), .text(JSONWriter.string(.array(inactiveCustomers.map { .string($0) })))).rows { s in
                (s.text(0), Int(s.int(1)), Int(s.int(2)), Int(s.int(3)), Int(s.int(4)))
            }
        return Priority.allCases.map { p in
            let r = rows.first { $0.0 == p.rawValue }
            return (p, r?.1 ?? 0, r?.2 ?? 0, r?.3 ?? 0, r?.4 ?? 0)
        }
    }
}
