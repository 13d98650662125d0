public import IntakeCore

/// Route → deduplicate → thread → classify → commit. What does not depend on the store (routing,
/// fingerprint, classification, the message's JSON, the ticket draft) is done first by `prepare`, on the
/// caller's thread; `commit` does the rest inside one store transaction, so the single writer thread of
/// the group commit spends its time on SQL. Every decision is written to `decisions`, so `intake explain`
/// can say why.
public struct IngestPipeline: Sendable {
    public let settings: PipelineSettings
    let router: Router
    let threader: Threader
    let classifier: Classifier

    public init(settings: PipelineSettings) {
        self.settings = settings
        router = Router(directory: settings.directory)
        threader = Threader(ticketPrefix: settings.ticketPrefix, reopenWindowSeconds: settings.reopenWindowSeconds)
        classifier = Classifier(rules: settings.classification, sla: settings.sla, missedCallPriority: settings.missedCallPriority)
    }

    /// One payload: its raw bytes are kept, then each message goes through the stages.
    public func ingest(_ payload: IngestPayload, records: DeskRecords, now: Timestamp) throws -> [IngestResult] {
        try commit(prepare(payload, at: now), records: records, now: now)
    }

    /// The store-independent stages. Pure: safe on any thread.
    public func prepare(_ payload: IngestPayload, at now: Timestamp = Timestamp.now()) -> PreparedPayload {
        PreparedPayload(payload: payload, messages: payload.messages.map { m in
            let route = router.route(m)
            let scope = route.scope(sender: m.customerAddress)
            let classification = classifier.classify(m, customer: route.customer)
            let label = "\(m.channel.rawValue) \(m.externalID ?? "-")"
            let isStaffAnswer = m.metadata["staff"]?.boolValue == true
            return PreparedMessage(
                message: m, route: route, scope: scope,
                fingerprint: m.kind == .message || m.kind == .edit ? Fingerprint.of(m.effectiveText) : nil,
                classification: classification, normalizedJSON: JSONWriter.string(m.json),
                threadKeys: threader.keys(for: m), ownRefs: MessageRefs.own(m), draft: draftTicket(m, route: route), label: label,
                // Delivery statuses, edits, deletions and our staff's answers never open a ticket: nothing
                // to work out for them.
                newTicket: isStaffAnswer || [.status, .edit, .deletion].contains(m.kind) ? nil
                    : newTicketPlan(label: label, route: route, scope: scope, classification: classification, at: now),
                isStaffAnswer: isStaffAnswer
            )
        })
    }

    /// What a message that opens a ticket at `now` records: its deadline, the thread reason and the
    /// decisions. Worked out while preparing, off the writer; the writer uses it when its transaction
    /// runs in the same second (nearly always), and works it out again otherwise.
    func newTicketPlan(label: String, route: Router.Decision, scope: String, classification: Classifier.Decision, at now: Timestamp,
                       threadReason: String? = nil) -> NewTicketPlan {
        let deadline = classifier.firstResponseDue(classification.priority, from: now)
        let threadReason = threadReason ?? "no earlier ticket of " + scope + " matched: new ticket"
        // Each detail written in pieces, not joined first: this runs for every message that may open a ticket.
        var json = DeskRecords.DecisionsJSON()
        json.add("route", [label, ": ", route.reason])
        json.add("thread", [label, ": ", threadReason])
        json.add("classify", classification.reasons.flatMap { [$0, "; "] } + [deadline.reason])
        return NewTicketPlan(at: now, due: deadline.due, threadReason: threadReason, decisionsJSON: json.text)
    }

    /// The stages that read and write the store, inside the caller's transaction. A payload whose every
    /// message is a redelivery keeps no second copy of its bytes: the first delivery's are stored.
    public func commit(_ prepared: PreparedPayload, records: DeskRecords, now: Timestamp) throws -> [IngestResult] {
        let p = prepared.payload
        let earlier = try prepared.messages.map { try earlierDelivery(of: $0.message, records: records) }
        let redelivery = !earlier.isEmpty && earlier.allSatisfy { $0.first != nil }
        let rawID = redelivery ? nil : try records.saveRawPayload(channel: p.channel, bytes: p.raw,
                                                                  contentType: p.contentType, source: p.source, receivedAt: now, error: p.error)
        var idsInPayload = Set<String>()
        return try zip(prepared.messages, earlier).map { pm, earlier in
            // A payload can carry the same message twice (a WhatsApp batch): the second copy is a
            // redelivery of the first, found once the first is in. Only a repeated id is looked up again.
            let repeated = pm.message.externalID.map { prepared.messages.count > 1 && !idsInPayload.insert($0).inserted } ?? false
            let seen = try earlier.first ?? (repeated ? pm.message.externalID.flatMap { try records.message(channel: pm.message.channel, externalID: $0) } : nil)
            if let seen { return try redeliveryResult(pm.message, first: seen, records: records) }
            return try process(pm, rawID: rawID, reuse: earlier.reuse, records: records, now: now)
        }
    }

    /// The earlier delivery of `m` when `m` is a redelivery (the mail poller asks before it ingests).
    public func redelivery(of m: InboundMessage, records: DeskRecords) throws -> DeskRecords.StoredMessage? {
        try earlierDelivery(of: m, records: records).first
    }

    /// The message stored before under `m`'s external id, if it is the same message; when the id turns
    /// out to be another message's (`MessageIDReuse`), what `m` is stored under instead and whether that
    /// was stored before.
    private func earlierDelivery(of m: InboundMessage, records: DeskRecords) throws -> (first: DeskRecords.StoredMessage?, reuse: MessageIDReuse.Reuse?) {
        guard let id = m.externalID, let first = try records.message(channel: m.channel, externalID: id) else { return (nil, nil) }
        guard MessageIDReuse.isAnotherMessage(m, first: first) else { return (first, nil) }
        let storageID = MessageIDReuse.storageID(of: m)
        return (try records.message(channel: m.channel, externalID: storageID), MessageIDReuse.Reuse(storageID: storageID, first: first))
    }

    private func redeliveryResult(_ m: InboundMessage, first: DeskRecords.StoredMessage, records: DeskRecords) throws -> IngestResult {
        let number = try first.ticketID.flatMap { try records.ticket(id: $0)?.number }
        return IngestResult(channel: m.channel, externalID: m.externalID, outcome: .duplicate, ticketNumber: number,
                            reason: "redelivery of \(m.channel.rawValue) \(m.externalID ?? "-") (first seen: \(first.outcome.rawValue))")
    }

    func process(_ prepared: PreparedMessage, rawID: Int64?, reuse: MessageIDReuse.Reuse? = nil, records: DeskRecords, now: Timestamp) throws -> IngestResult {
        let m = prepared.message
        func result(_ outcome: Outcome, _ ticket: String?, _ reason: String) -> IngestResult {
            IngestResult(channel: m.channel, externalID: m.externalID, outcome: outcome, ticketNumber: ticket, reason: reason)
        }
        func store(_ outcome: Outcome, ticket: Ticket?, reason: String, fingerprint: String? = nil, scope: String? = nil,
                   decisions: [DeskRecords.Decision] = [], decisionsJSON: String? = nil) throws {
            var decisions = decisions
            var decisionsJSON = decisionsJSON
            if let reuse {
                let note = reuse.decision(label: prepared.label, messageID: m.externalID ?? "-", channel: m.channel)
                if let json = decisionsJSON { decisionsJSON = DeskRecords.Decision.json([note], then: json) } else { decisions.insert(note, at: 0) }
            }
            try records.insertMessage(.init(message: m, normalizedJSON: prepared.normalizedJSON, ticketID: ticket?.id, outcome: outcome, reason: reason,
                                            fingerprint: fingerprint, scope: scope, rawID: rawID, receivedAt: now, decisions: decisions,
                                            decisionsJSON: decisionsJSON, storageID: reuse?.storageID),
                                      attachmentCap: settings.attachmentCapBytes)
        }

        switch m.kind {
        case .status:
            // A platform event about no one message (a chat history sync, a participant joining a Twilio
            // conversation): the adapter says why it is no request (`metadata.ignored_reason`).
            if let reason = m.metadata["ignored_reason"]?.stringValue {
                try store(.ignored, ticket: nil, reason: reason)
                return result(.ignored, nil, reason)
            }
            // A WhatsApp reaction is the customer's, to a message of theirs or ours: it belongs on that
            // message's ticket, as an edit does; it is no delivery status of our message to record.
            if m.metadata["type"]?.stringValue == "reaction" {
                let what = m.text.map { "reaction \($0)" } ?? "reaction removed"
                if let target = m.targetID, let id = try records.ticketID(forRef: "\(m.channel.rawValue):\(target)"), let t = try records.ticket(id: id) {
                    let reason = "\(what) to message \(target)"
                    try store(.appended, ticket: t, reason: reason, decisions: [.init("thread", reason)])
                    try records.updateTicket(id: t.id, updatedAt: now)
                    return result(.appended, t.number, reason)
                }
                let reason = "\(what) to a message of no ticket (\(m.targetID ?? "no target"))"
                try store(.ignored, ticket: nil, reason: reason)
                return result(.ignored, nil, reason)
            }
            let target = m.targetID ?? "?"
            let status = m.metadata["status"]?.stringValue ?? "unknown"
            let matched = try m.targetID.map { try records.recordRemoteStatus(remoteID: $0, status: status) } ?? false
            let reason = "delivery status \(status) for \(target)" + (matched ? " (recorded on its outbox row)" : " (no outbound message of ours)")
            try store(.ignored, ticket: nil, reason: reason)
            return result(.ignored, nil, reason)
        case .edit, .deletion:
            let what = m.kind == .edit ? "edit" : "deletion"
            let ref = m.targetID.map { "\(m.channel.rawValue):\($0)" }
            if let ref, let id = try records.ticketID(forRef: ref), let t = try records.ticket(id: id) {
                let reason = "\(what) of message \(m.targetID!)"
                var decisions: [DeskRecords.Decision] = [.init("thread", reason)]
                // The customer who edits "Hola, una consulta" into "Se cayó el sistema" says what the ticket is.
                let escalation = m.kind == .edit && !prepared.isStaffAnswer ? escalation(of: t, by: prepared, at: now) : nil
                if let escalation { decisions.append(.init("classify", escalation.detail)) }
                try store(.appended, ticket: t, reason: reason, decisions: decisions)
                try records.updateTicket(id: t.id, priority: escalation?.priority, firstResponseDue: escalation?.due, updatedAt: now)
                if let escalation {
                    var updated = t
                    updated.priority = escalation.priority
                    updated.firstResponseDue = escalation.due
                    try enqueue("ticket.priority_changed", ticket: updated, message: m, normalizedJSON: prepared.normalizedJSON, records: records, now: now)
                }
                return result(.appended, t.number, reason)
            }
            // Neither Slack nor Meta guarantees order: a customer's edit may come before the message it edits,
            // and it carries the whole message as it now reads. It is taken as that message (the original,
            // arriving later, finds its ticket by `MessageRefs.address`); dropped, the ticket would read the
            // words the customer took back. A deletion, or our staff's edit, has nothing to open.
            guard m.kind == .edit, !prepared.isStaffAnswer, m.effectiveText != nil || !m.attachments.isEmpty else {
                let reason = "\(what) of a message we never received (\(m.targetID ?? "no target"))"
                try store(.ignored, ticket: nil, reason: reason)
                return result(.ignored, nil, reason)
            }
        case .call where m.metadata["internal"]?.boolValue == true:
            // The customer's number as we dialled it may be the other Argentine form (with or without the 9).
            if let callee = AnsweredCall.callee(ofOurCall: m),
               let t = try E164.lookupVariants(callee).lazy.compactMap({ try records.ticketID(forRef: "thread:phone:\($0)").flatMap(records.ticket(id:)) })
                   .first(where: { $0.status.isOpen })
            {
                let reason = "our call to \(callee), answered: an answer on \(t.number)"
                try store(.appended, ticket: t, reason: reason, decisions: [.init("thread", "\(prepared.label): \(reason)")])
                try records.recordFirstResponse(ticketID: t.id, at: m.sentAt ?? now, updatedAt: now)
                return result(.appended, t.number, reason)
            }
            let reason = "internal or outbound call, not a customer request"
            try store(.ignored, ticket: nil, reason: reason)
            return result(.ignored, nil, reason)
        default:
            break
        }

        // Our staff answering in a customer's channel (`metadata.staff`: `slack.staff_*`, or an echo of what
        // they wrote to the customer's number from the WhatsApp Business app): it answers the ticket of its
        // thread, the first such answer being the ticket's first response, and never opens, reopens or
        // escalates one, nor counts as the customer repeating itself.
        if prepared.isStaffAnswer {
            // Our agent in a Twilio conversation names the conversation, not the customer: its ticket is found by it.
            let conversationTicket = try MessageRefs.conversation(m).flatMap { try records.ticketID(forRef: $0) }.flatMap { try records.ticket(id: $0) }
            switch try conversationTicket.map({ .existing($0, reason: "same Twilio conversation") })
                ?? threader.thread(m, keys: prepared.threadKeys, route: prepared.route, records: records, now: now) {
            case .existing(let t, _), .reopen(let t, _), .newLinked(let t, _):
                let reason = "answer by our staff in the thread of \(t.number)"
                try store(.appended, ticket: t, reason: reason, decisions: [.init("thread", "\(prepared.label): \(reason)")])
                // The customer may quote our answer, and our staff edit or delete it: both find it by its id.
                try addRefs(prepared, ticket: t, records: records)
                // Our automatic mail (an acknowledgement that came back in copy) is no one's response.
                if !m.isAutoReply { try records.recordFirstResponse(ticketID: t.id, at: m.sentAt ?? now, updatedAt: now) }
                try enqueue("message.appended", ticket: t, message: m, normalizedJSON: prepared.normalizedJSON, records: records, now: now)
                return result(.appended, t.number, reason)
            case .none:
                let reason = "written by our staff outside any ticket's thread: not a customer request"
                try store(.ignored, ticket: nil, reason: reason)
                return result(.ignored, nil, reason)
            }
        }

        let route = prepared.route
        let scope = prepared.scope
        let fingerprint = prepared.fingerprint
        // The same content again is a duplicate on an open ticket only: sent again after we resolved the
        // ticket, it says the problem is still there, and is threaded (reopening it) like any follow-up.
        if let fingerprint,
           let id = try records.ticketWithFingerprint(fingerprint, scope: scope, since: now.adding(seconds: -settings.dedupeWindowSeconds)),
           let t = try records.ticket(id: id), t.status.isOpen
        {
            let reason = "same content from \(scope) within \(settings.dedupeWindowSeconds / 60) min as a message on \(t.number)"
            try store(.duplicate, ticket: t, reason: reason, fingerprint: fingerprint, scope: scope,
                      decisions: [.init("deduplicate", "\(prepared.label): \(reason)")])
            try addRefs(prepared, ticket: t, records: records)
            return result(.duplicate, t.number, reason)
        }

        // The original of an edit that came first: the ticket already reads the edited words.
        if let address = MessageRefs.address(m), let id = try records.ticketID(forRef: address), let t = try records.ticket(id: id) {
            let reason = "\(address) is already on \(t.number), by its edit that came first: recorded, the ticket keeps the edited text"
            try store(.duplicate, ticket: t, reason: reason, fingerprint: fingerprint, scope: scope,
                      decisions: [.init("deduplicate", "\(prepared.label): \(reason)")])
            try addRefs(prepared, ticket: t, records: records)
            return result(.duplicate, t.number, reason)
        }
        let editFirst = m.kind == .edit ? "edit of \(m.targetID ?? "-"), a message we never received, taken as that message; " : ""
        var threadKeys = prepared.threadKeys
        // A mail that starts its own conversation has its Message-ID as conversation key: when that id
        // was another mail's, the key names the other mail's conversation, not this one's.
        if reuse != nil, m.threadKey == m.externalID { threadKeys.thread = nil }
        let threading = try threader.thread(m, keys: threadKeys, route: route, records: records, now: now)
        // The customer's thanks for a ticket we resolved, or an automatic answer, is recorded on its
        // ticket and leaves it as it is.
        let thanked = try ClosingThanks.ticket(thankedBy: m, threading: threading, thread: threadKeys.thread, route: route, records: records)
        if thanked != nil || AutomaticAnswer.matches(m) {
            switch thanked.map({ Threader.Decision.existing($0.ticket, reason: $0.reason) }) ?? threading {
            case .existing(var t, let reason), .reopen(var t, let reason), .newLinked(var t, let reason):
                let what = thanked != nil ? "thanks alone leave" : "an automatic answer leaves"
                let note = t.status.isOpen ? reason : "\(Threader.match(of: reason, ticket: t)); \(what) \(t.number) \(t.status.rawValue)"
                var decisions: [DeskRecords.Decision] = [.init("thread", "\(prepared.label): \(note)")]
                if let adopted = try UnknownSenderTicket.adopt(t, route: route, label: prepared.label, records: records, now: now) {
                    t = adopted.ticket
                    decisions.insert(adopted.decision, at: 0)
                }
                try store(.appended, ticket: t, reason: note, fingerprint: fingerprint, scope: scope, decisions: decisions)
                try addRefs(prepared, ticket: t, records: records)
                try records.updateTicket(id: t.id, updatedAt: now)
                try enqueue("message.appended", ticket: t, message: m, normalizedJSON: prepared.normalizedJSON, records: records, now: now)
                return result(.appended, t.number, note)
            case .none:
                let why = m.metadata["auto_reply_reason"]?.stringValue ?? "automatic"
                let reason = "automatic answer (\(why)) to no ticket of ours: not a customer request"
                try store(.ignored, ticket: nil, reason: reason, decisions: [.init("thread", "\(prepared.label): \(reason)")])
                return result(.ignored, nil, reason)
            }
        }
        switch threading {
        case .existing(var t, let found), .reopen(var t, let found):
            let reason = editFirst + found
            let reopened: Bool
            if case .reopen = threading { reopened = true } else { reopened = false }
            var decisions: [DeskRecords.Decision] = [.init("thread", "\(prepared.label): \(reason)")]
            if let adopted = try UnknownSenderTicket.adopt(t, route: route, label: prepared.label, records: records, now: now) {
                t = adopted.ticket
                decisions.insert(adopted.decision, at: 0)
            }
            // A ticket pending (waiting on the customer) goes back to open when the customer writes, as a
            // desk moves it: left pending, the answer waited outside every agent's queue.
            let answered = !reopened && t.status == .pending
            if answered { decisions.append(.init("status", "\(prepared.label): pending → open: the customer answered")) }
            var updated = t
            updated.status = reopened || answered ? .open : t.status
            let escalation = escalation(of: t, by: prepared, at: now)
            if let escalation {
                updated.priority = escalation.priority
                updated.firstResponseDue = escalation.due
                decisions.append(.init("classify", escalation.detail))
            }
            try store(.appended, ticket: t, reason: reason, fingerprint: fingerprint, scope: scope, decisions: decisions)
            try addRefs(prepared, ticket: t, records: records)
            if AnsweredCall.isAnsweredInbound(m) { try records.recordFirstResponse(ticketID: t.id, at: m.sentAt ?? now, updatedAt: now) }
            try records.updateTicket(id: t.id, status: reopened || answered ? .open : nil, priority: escalation?.priority, firstResponseDue: escalation?.due,
                                     resolvedAt: reopened ? .some(nil) : nil, updatedAt: now)
            let event = reopened ? "ticket.reopened" : (m.kind == .missedCall ? "call.missed" : "message.appended")
            try enqueue(event, ticket: updated, message: m, normalizedJSON: prepared.normalizedJSON, records: records, now: now)
            if escalation != nil { try enqueue("ticket.priority_changed", ticket: updated, message: m, normalizedJSON: prepared.normalizedJSON, records: records, now: now) }
            return result(.appended, t.number, reason)
        case .none, .newLinked:
            var ticket = prepared.draft
            ticket.createdAt = now
            ticket.updatedAt = now
            ticket.priority = prepared.classification.priority
            ticket.requestType = prepared.classification.requestType
            var linkReason: String?
            if case .newLinked(let old, let reason) = threading {
                ticket.linkedTicket = old.number
                linkReason = reason
            }
            let plan: NewTicketPlan
            if linkReason == nil, let early = prepared.newTicket, early.at == now {
                plan = early
            } else {
                let threadReason = editFirst.isEmpty ? linkReason : editFirst + (linkReason ?? "no earlier ticket of " + scope + " matched: new ticket")
                plan = newTicketPlan(label: prepared.label, route: route, scope: scope, classification: prepared.classification, at: now,
                                     threadReason: threadReason)
            }
            ticket.firstResponseDue = plan.due
            ticket = try records.insertTicket(ticket, prefix: settings.ticketPrefix, start: settings.ticketStart)
            try store(.created, ticket: ticket, reason: plan.threadReason, fingerprint: fingerprint, scope: scope, decisionsJSON: plan.decisionsJSON)
            try addRefs(prepared, ticket: ticket, records: records)
            if AnsweredCall.isAnsweredInbound(m) { try records.recordFirstResponse(ticketID: ticket.id, at: m.sentAt ?? now, updatedAt: now) }
            try enqueue(m.kind == .missedCall ? "call.missed" : "ticket.created", ticket: ticket, message: m, normalizedJSON: prepared.normalizedJSON, records: records, now: now)
            return result(.created, ticket.number, plan.threadReason)
        }
    }

    /// The new ticket a message would open, without its id, number and times (set at commit).
    private func draftTicket(_ m: InboundMessage, route: Router.Decision) -> Ticket {
        let replyRoute: Ticket.ReplyRoute
        // An edit opens a ticket only for a message we never received: its thread is that message's, not
        // the change event's own `ts`.
        let slackAddress = m.kind == .edit ? m.targetID : m.metadata["slack_ts"]?.stringValue
        if let channel = route.customer?.slackChannel {
            let thread = (m.channel == .slack && m.conversation == channel) ? slackAddress.flatMap(Self.ts(of:)) ?? nil : nil
            replyRoute = Ticket.ReplyRoute(channel: .slack, address: channel, thread: thread)
        } else {
            switch m.channel {
            case .slack:
                replyRoute = Ticket.ReplyRoute(channel: .slack, address: m.conversation ?? m.sender.id, thread: slackAddress.flatMap(Self.ts(of:)))
            case .email: replyRoute = Ticket.ReplyRoute(channel: .email, address: m.sender.id, thread: m.externalID)
            case .whatsapp, .phone:
                replyRoute = Ticket.ReplyRoute(channel: m.channel, address: m.group ?? m.sender.id, isGroup: m.group != nil)
            }
        }
        let subject = m.subject ?? Self.summary(of: m.effectiveText) ?? AttachmentSubject.of(m)
        return Ticket(
            id: 0, number: "", customerID: route.customer?.id, status: .new, priority: .medium, requestType: .incident, subject: subject,
            originChannel: m.channel, replyRoute: replyRoute, firstResponseDue: Timestamp(seconds: 0), createdAt: Timestamp(seconds: 0), updatedAt: Timestamp(seconds: 0),
            flags: Ticket.Flags(unknownCustomer: route.isUnknown, contractInactive: route.isContractInactive, autoReply: m.isAutoReply),
            senderID: m.sender.id
        )
    }

    /// `C123:1712345678.000100` → `1712345678.000100`.
    static func ts(of slackRef: String) -> String? {
        guard let colon = slackRef.utf8.lastIndex(of: UInt8(ascii: ":")) else { return slackRef.isEmpty ? nil : slackRef }
        let ts = slackRef[slackRef.utf8.index(after: colon)...]
        return ts.isEmpty ? nil : String(ts)
    }

    /// A follow-up, or the customer's edit of a message, more urgent than its ticket raises the ticket's
    /// priority (never lowers it); the deadline moves earlier when the new SLA, counted from the message
    /// that reports it, ends sooner. Counted from the ticket's creation, a low ticket raised to critical
    /// a day later was breached the moment it was raised.
    private func escalation(of t: Ticket, by prepared: PreparedMessage, at now: Timestamp) -> (priority: Priority, due: Timestamp, detail: String)? {
        guard [.message, .missedCall, .edit].contains(prepared.message.kind) else { return nil }
        let decision = prepared.classification
        guard decision.priority > t.priority else { return nil }
        let due = min(t.firstResponseDue, classifier.firstResponseDue(decision.priority, from: now).due)
        return (decision.priority, due,
                "priority raised \(t.priority.rawValue) → \(decision.priority.rawValue) by \(prepared.message.kind == .edit ? "an edit" : "a follow-up"); first response due \(due.iso8601)")
    }

    private func addRefs(_ prepared: PreparedMessage, ticket: Ticket, records: DeskRecords) throws {
        for ref in prepared.ownRefs { try records.addRef(ref, ticketID: ticket.id) }
    }

    /// Writes the outbox rows for a change, in the same transaction as the change.
    private func enqueue(_ event: String, ticket: Ticket, message m: InboundMessage, normalizedJSON: String, records: DeskRecords, now: Timestamp) throws {
        let d = settings.destinations
        let notice = ["ticket.created", "ticket.reopened", "ticket.priority_changed", "call.missed"].contains(event)
        var destinations: [String] = []
        if d.desk { destinations.append("desk") }
        if d.slack, notice, ticket.replyRoute.channel == .slack { destinations.append("slack") }
        if d.whatsapp, event == "ticket.created", m.channel == .whatsapp { destinations.append("whatsapp") }
        if d.email, event == "ticket.created", m.channel == .email, !m.isAutoReply { destinations.append("email") }
        guard !destinations.isEmpty else { return }
        // The message's JSON was written while preparing, off the writer thread; only the ticket's is new.
        let payload = "{\"event\":" + JSONWriter.string(.string(event)) + ",\"ticket\":" + JSONWriter.string(ticket.json)
            + ",\"message\":" + normalizedJSON + "}"
        for destination in destinations {
            try records.enqueueOutbox(ticketID: ticket.id, destination: destination, eventType: event, payload: payload, at: now)
        }
    }
}
