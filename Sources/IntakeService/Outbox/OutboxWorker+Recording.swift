import IntakeCore
import IntakeDesk
import IntakeOutbound

extension OutboxWorker {
    /// Records one attempt's result in its own short transaction, then counts and logs it (the
    /// reason, never the body).
    func record(_ result: DeliveryResult, for row: OutboxEvent) throws {
        let now = clock()
        var outcome = result.label
        var reason: String?
        try store.write { records in
            switch result {
            case .delivered(let status, let remoteID):
                try records.markDelivered(id: row.id, status: status, remoteID: remoteID, at: now)
                if let remoteID { try recordFollowUps(row, remoteID: remoteID, records: records, now: now) }
            case .retry(let status, let why, let retryAfter):
                reason = why
                switch policy.afterFailure(attempts: row.attempts + 1, createdAt: row.createdAt, now: now, retryAfter: retryAfter, random: random()) {
                case .retry(let at):
                    try records.markFailed(id: row.id, status: status, error: why, nextAttemptAt: at, dead: false)
                case .dead(let limit):
                    outcome = "dead"
                    reason = "\(why); \(limit)"
                    try records.markFailed(id: row.id, status: status, error: reason ?? why, nextAttemptAt: nil, dead: true)
                }
            case .rejected(let status, let why):
                outcome = "dead"
                reason = why
                try records.markFailed(id: row.id, status: status, error: why, nextAttemptAt: nil, dead: true)
            case .skipped(let why):
                reason = why
                try records.markSkipped(id: row.id, reason: why)
            }
        }
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
    /// had none), our acknowledgement's Message-ID.
    private func recordFollowUps(_ row: OutboxEvent, remoteID: String, records: DeskRecords, now: Timestamp) throws {
        switch row.destination {
        case "slack":
            if let ticketID = row.ticketID, let ticket = try records.ticket(id: ticketID), ticket.replyRoute.thread == nil {
                try records.updateTicket(id: ticketID, replyThread: remoteID, updatedAt: ticket.updatedAt)
            }
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
