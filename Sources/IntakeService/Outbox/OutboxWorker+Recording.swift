import IntakeCore
import IntakeDesk
import IntakeOutbound

extension OutboxWorker {
    /// Records delivered results in one transaction (one commit for a chunk of deliveries, not one
    /// each: those commits took the store's lock from the webhooks' group commit thousands of times a
    /// second under load), then counts and logs each (the reason, never the body).
    func record(_ items: [(row: OutboxEvent, result: DeliveryResult)]) throws {
        guard !items.isEmpty else { return }
        let now = clock()
        let outcomes = try store.write { records in
            try items.map { try apply($0.result, to: $0.row, records: records, now: now) }
        }
        for ((row, result), (outcome, reason)) in zip(items, outcomes) {
            report(result, for: row, outcome: outcome, reason: reason)
        }
    }

    /// Writes one result on its row, inside the caller's transaction; returns the outcome's label and
    /// reason for the log.
    private func apply(_ result: DeliveryResult, to row: OutboxEvent, records: DeskRecords, now: Timestamp) throws -> (String, String?) {
        switch result {
        case .delivered(let status, let remoteID):
            try records.markDelivered(id: row.id, status: status, remoteID: remoteID, at: now)
            if let remoteID { try recordFollowUps(row, remoteID: remoteID, records: records, now: now) }
            return (result.label, nil)
        case .retry(let status, let why, let retryAfter):
            switch policy.afterFailure(attempts: row.attempts + 1, createdAt: row.createdAt, now: now, retryAfter: retryAfter, random: random()) {
            case .retry(let at):
                try records.markFailed(id: row.id, status: status, error: why, nextAttemptAt: at, dead: false)
                if let retryAfter, retryAfter > 0 {
                    try records.postponeOutbox(destination: row.destination, until: now.adding(seconds: policy.honoured(retryAfter: retryAfter)))
                }
                return (result.label, why)
            case .dead(let limit):
                let reason = "\(why); \(limit)"
                try records.markFailed(id: row.id, status: status, error: reason, nextAttemptAt: nil, dead: true)
                return ("dead", reason)
            }
        case .rejected(let status, let why):
            try records.markFailed(id: row.id, status: status, error: why, nextAttemptAt: nil, dead: true)
            return ("dead", why)
        case .skipped(let why):
            try records.markSkipped(id: row.id, reason: why)
            return (result.label, why)
        }
    }

    private func report(_ result: DeliveryResult, for row: OutboxEvent, outcome: String, reason: String?) {
        metrics.increment(MetricNames.outboxAttempts, [("destination", row.destination), ("result", outcome)])
        var fields: [(String, JSONValue)] = [
            ("id", .number(Double(row.id))), ("event_id", .string(row.eventID)), ("destination", .string(row.destination)),
            ("event_type", .string(row.eventType)), ("ticket_id", row.ticketID.map { .number(Double($0)) } ?? .null),
            ("attempt", .int(row.attempts + 1)), ("status", .optional(result.status)),
        ]
        if case .delivered(_, let remoteID) = result { fields.append(("remote_id", .optional(remoteID))) }
        if let reason { fields.append(("reason", .string(reason))) }
        switch outcome {
        case "delivered", "skipped": logger.info("outbox", outcome, fields)
        case "dead": logger.error("outbox", outcome, fields)
        default: logger.warning("outbox", outcome, fields)
        }
    }

    /// What a delivery leaves on the ticket: the Slack thread its later notices go to (when the ticket
    /// had none), our acknowledgement's Message-ID, and a ref to what we posted, so the customer's answer
    /// to it finds the ticket (a reply in our Slack post's thread, a WhatsApp reply quoting our message)
    /// as a reply to our mail does through its Message-ID.
    private func recordFollowUps(_ row: OutboxEvent, remoteID: String, records: DeskRecords, now: Timestamp) throws {
        switch row.destination {
        case "slack":
            if let ticketID = row.ticketID, let ticket = try records.ticket(id: ticketID), ticket.replyRoute.channel == .slack {
                if ticket.replyRoute.thread == nil {
                    try records.updateTicket(id: ticketID, replyThread: remoteID, updatedAt: ticket.updatedAt)
                }
                try records.addRef("slack:\(ticket.replyRoute.address):\(remoteID)", ticketID: ticketID)
            }
        case "whatsapp":
            if let ticketID = row.ticketID { try records.addRef("whatsapp:" + remoteID, ticketID: ticketID) }
        case "email":
            try EmailAcknowledgementDestination.recordSent(row, messageID: remoteID, records: records, now: now)
        default:
            break
        }
    }

    /// `intake_outbox_depth{state}` and `intake_outbox_dead_letters`.
    func publishDepth() throws {
        let counts = try store.read { try $0.outboxCounts() }
        for state in OutboxEvent.State.allCases {
            metrics.set(MetricNames.outboxDepth, [("state", state.rawValue)], Double(counts[state] ?? 0))
        }
        metrics.set(MetricNames.deadLetters, [], Double(counts[.dead] ?? 0))
    }
}
