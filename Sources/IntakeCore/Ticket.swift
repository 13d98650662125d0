/// A ticket as the desk store keeps it.
public struct Ticket: Sendable, Equatable {
    public var id: Int64
    /// Human-friendly number such as `INT-1042`; the subject tag `[#INT-1042]` identifies it.
    public var number: String
    public var customerID: String?
    public var status: TicketStatus
    public var priority: Priority
    public var requestType: RequestType
    public var subject: String?
    public var originChannel: Channel
    /// Where replies go: the customer's private Slack channel, else the sender's own channel.
    public var replyRoute: ReplyRoute
    public var firstResponseDue: Timestamp
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    public var resolvedAt: Timestamp?
    public var flags: Flags
    public var senderID: String
    public var linkedTicket: String?
    /// When our first answer came (a staff reply, an echo from the WhatsApp Business app): what the SLA
    /// view counts as responded.
    public var firstRespondedAt: Timestamp?

    public struct Flags: Sendable, Equatable {
        public var unknownCustomer = false
        public var contractInactive = false
        public var autoReply = false

        public init(unknownCustomer: Bool = false, contractInactive: Bool = false, autoReply: Bool = false) {
            self.unknownCustomer = unknownCustomer
            self.contractInactive = contractInactive
            self.autoReply = autoReply
        }
    }

    public struct ReplyRoute: Sendable, Equatable {
        public var channel: Channel
        /// Slack channel id, E.164 number or email address; a WhatsApp group id when `isGroup`.
        public var address: String
        /// Slack thread ts, email Message-ID to answer, or nil.
        public var thread: String?
        /// The address is a WhatsApp group (Meta's `recipient_type: group`), not one person's number:
        /// the ticket came from a message written in the group. JSON `recipient_type: "group"`, written
        /// only then.
        public var isGroup: Bool

        public init(channel: Channel, address: String, thread: String? = nil, isGroup: Bool = false) {
            self.channel = channel
            self.address = address
            self.thread = thread
            self.isGroup = isGroup
        }

        public var json: JSONValue {
            var o = JSONObject([("channel", .string(channel.rawValue)), ("address", .string(address)), ("thread", .optional(thread))])
            if isGroup { o["recipient_type"] = "group" }
            return .object(o)
        }
    }

    public init(
        id: Int64, number: String, customerID: String?, status: TicketStatus, priority: Priority, requestType: RequestType,
        subject: String?, originChannel: Channel, replyRoute: ReplyRoute, firstResponseDue: Timestamp, createdAt: Timestamp,
        updatedAt: Timestamp, resolvedAt: Timestamp? = nil, flags: Flags = Flags(), senderID: String, linkedTicket: String? = nil,
        firstRespondedAt: Timestamp? = nil
    ) {
        self.id = id
        self.number = number
        self.customerID = customerID
        self.status = status
        self.priority = priority
        self.requestType = requestType
        self.subject = subject
        self.originChannel = originChannel
        self.replyRoute = replyRoute
        self.firstResponseDue = firstResponseDue
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.resolvedAt = resolvedAt
        self.flags = flags
        self.senderID = senderID
        self.linkedTicket = linkedTicket
        self.firstRespondedAt = firstRespondedAt
    }

    /// `[#INT-1042]`, the tag put in subjects so replies find the ticket.
    public var tag: String { "[#\(number)]" }

    public var json: JSONValue {
        var o = JSONObject()
        o["number"] = .string(number)
        o["customer"] = .optional(customerID)
        o["status"] = .string(status.rawValue)
        o["priority"] = .string(priority.rawValue)
        o["request_type"] = .string(requestType.rawValue)
        o["subject"] = .optional(subject)
        o["origin_channel"] = .string(originChannel.rawValue)
        o["reply_route"] = replyRoute.json
        o["first_response_due"] = .string(firstResponseDue.iso8601)
        o["first_responded_at"] = .optional(firstRespondedAt?.iso8601)
        o["created_at"] = .string(createdAt.iso8601)
        o["updated_at"] = .string(updatedAt.iso8601)
        o["resolved_at"] = .optional(resolvedAt?.iso8601)
        o["flags"] = ["unknown_customer": .bool(flags.unknownCustomer), "contract_inactive": .bool(flags.contractInactive), "auto_reply": .bool(flags.autoReply)]
        o["sender"] = .string(senderID)
        o["linked_ticket"] = .optional(linkedTicket)
        return .object(o)
    }

    /// Finds `[#PREFIX-123]` (also without `#`, any case) in a subject or text. Scans bytes: it runs on
    /// every message.
    public static func tagNumber(in text: String, prefix: String) -> String? {
        let p = Array(prefix.uppercased().utf8)
        let b = Array(text.utf8)
        var i = 0
        while i < b.count {
            defer { i += 1 }
            guard b[i] == UInt8(ascii: "[") else { continue }
            var j = i + 1
            if j < b.count, b[j] == UInt8(ascii: "#") { j += 1 }
            guard j + p.count < b.count else { continue }
            var matches = true
            for k in 0..<p.count where b[j + k] & 0xDF != p[k] & 0xDF { matches = false; break }
            guard matches, b[j + p.count] == UInt8(ascii: "-") else { continue }
            var end = j + p.count + 1
            while end < b.count, (0x30...0x39).contains(b[end]) { end += 1 }
            guard end > j + p.count + 1, end < b.count, b[end] == UInt8(ascii: "]") else { continue }
            return prefix.uppercased() + "-" + String(decoding: b[(j + p.count + 1)..<end], as: UTF8.self)
        }
        return nil
    }
}

/// What the pipeline did with one message.
public enum Outcome: String, Sendable, CaseIterable {
    case created
    case appended
    case duplicate
    case ignored
}
