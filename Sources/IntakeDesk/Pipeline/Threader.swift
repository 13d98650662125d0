public import IntakeCore

/// Stage 3: attaches a message to an existing ticket of the same customer (or of the same sender, opened
/// before the directory knew them) through the subject tag, the reply target, the References chain and
/// the conversation key. A stranger replying to a customer's thread does not join it. A reply to a
/// resolved ticket reopens it inside the reopen window; after it, or to a closed ticket, a new ticket is
/// opened that links the old one.
public struct Threader: Sendable {
    public enum Decision: Sendable, Equatable {
        /// No earlier ticket: open a new one.
        case none
        case existing(Ticket, reason: String)
        case reopen(Ticket, reason: String)
        /// The earlier ticket is closed for good: a new ticket that links it.
        case newLinked(Ticket, reason: String)
    }

    public let ticketPrefix: String
    public let reopenWindowSeconds: Int64

    public init(ticketPrefix: String, reopenWindowSeconds: Int64) {
        self.ticketPrefix = ticketPrefix
        self.reopenWindowSeconds = reopenWindowSeconds
    }

    /// What a message can be threaded by, read from the message alone (so it is worked out before the
    /// store transaction): ticket numbers in subject tags, the refs it links to, its conversation key, and
    /// the ticket numbers the customer names in their own words.
    public struct Keys: Sendable {
        public var tagNumbers: [String]
        public var links: [String]
        public var thread: (ref: String, isStrong: Bool)?
        /// `INT-1042` written without our tag's brackets: a focal point escalating by mail what was
        /// reported on WhatsApp names the ticket the acknowledgement gave. Weaker than a reply's own
        /// chain (a reply may mention another ticket in passing), stronger than a chat's open conversation.
        public var mentionedNumbers: [String] = []
    }

    public func keys(for m: InboundMessage) -> Keys {
        let tags = [m.subject, m.effectiveText].compactMap { $0.flatMap { Ticket.tagNumber(in: $0, prefix: ticketPrefix) } }
        let mentions = [m.subject, m.effectiveText].flatMap { $0.map { Ticket.mentionedNumbers(in: $0, prefix: ticketPrefix) } ?? [] }
        return Keys(tagNumbers: tags, links: MessageRefs.links(m), thread: MessageRefs.thread(m),
                    mentionedNumbers: mentions.filter { !tags.contains($0) })
    }

    public func thread(_ m: InboundMessage, route: Router.Decision, records: DeskRecords, now: Timestamp) throws -> Decision {
        try thread(m, keys: keys(for: m), route: route, records: records, now: now)
    }

    public func thread(_ m: InboundMessage, keys: Keys, route: Router.Decision, records: DeskRecords, now: Timestamp) throws -> Decision {
        // The customer's tickets, and the sender's own from before the directory knew them (a staff
        // member writing from a number the focal point invites afterwards): the pipeline assigns those.
        let inScope = { (t: Ticket) -> Bool in
            if let c = route.customer, t.customerID == c.id { return true }
            return t.customerID == nil && t.senderID == m.customerAddress
        }
        for number in keys.tagNumbers {
            if let t = try records.ticket(number: number), inScope(t) {
                return decide(t, reason: "subject tag [#\(number)]", now: now)
            }
        }
        for ref in keys.links {
            if let id = try records.ticketID(forRef: ref), let t = try records.ticket(id: id), inScope(t) {
                return decide(t, reason: "reply to \(ref)", now: now)
            }
        }
        let conversation = try keys.thread.flatMap { thread in
            try records.ticketID(forRef: thread.ref).flatMap(records.ticket(id:)).map { (ticket: $0, thread: thread) }
        }.flatMap { inScope($0.ticket) ? $0 : nil }
        if let conversation, conversation.thread.isStrong {
            return decide(conversation.ticket, reason: "same conversation \(conversation.thread.ref)", now: now)
        }
        for number in keys.mentionedNumbers {
            if let t = try records.ticket(number: number), inScope(t) {
                return decide(t, reason: "the customer names \(number)", now: now)
            }
        }
        if let conversation, conversation.ticket.status.isOpen {
            return .existing(conversation.ticket, reason: "open conversation \(conversation.thread.ref)")
        }
        // A caller is known by the customer the directory found, or else by a number (the thread key);
        // callers who withheld theirs (`anonymous`, `Restricted`) are not one person. An Argentine mobile
        // is one line in both its forms: a trunk's caller ID has no `9` (`11 5276-9999`), an operator's
        // log or a WhatsApp sender has it (`011 15 5276-9999`, `+54 9 11 ...`).
        if m.channel == .phone, route.customer != nil || m.threadKey != nil {
            for sender in route.customer == nil ? E164.lookupVariants(m.sender.id) : [m.sender.id] {
                if let t = try records.latestOpenTicket(customerID: route.customer?.id, senderID: sender) {
                    return .existing(t, reason: "follow-up call on the caller's open ticket")
                }
            }
        }
        return .none
    }

    /// A resolved ticket reopens inside the window; a closed one never does (closing is the desk's final
    /// word, as in Zendesk or Zammad): what comes after it is a new ticket that links it.
    private func decide(_ t: Ticket, reason: String, now: Timestamp) -> Decision {
        if t.status.isOpen { return .existing(t, reason: reason) }
        let resolved = t.resolvedAt ?? t.updatedAt
        if t.status == .resolved, now.seconds - resolved.seconds <= reopenWindowSeconds {
            return .reopen(t, reason: reason + Self.reopenNote(t))
        }
        return .newLinked(t, reason: reason + Self.linkNote(t))
    }

    private static func reopenNote(_ t: Ticket) -> String { "; reopened \(t.status.rawValue) ticket inside the reopen window" }

    private static func linkNote(_ t: Ticket) -> String {
        let when = t.status == .closed ? "closed" : "\(t.status.rawValue) before the reopen window"
        return "; \(t.number) was \(when), new ticket links it"
    }

    /// What found `t` for a message that leaves it as it is (thanks, an automatic answer): the
    /// decision's reason without what reopening or linking it would have done.
    static func match(of reason: String, ticket t: Ticket) -> String {
        for note in [reopenNote(t), linkNote(t)] where reason.hasSuffix(note) { return String(reason.dropLast(note.count)) }
        return reason
    }
}
