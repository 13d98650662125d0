public import IntakeCore

/// A ticket's status set from outside the pipeline: an operator (`intake ticket NUMBER --status`) or
/// the desk where the team works the ticket. Resolving stamps `resolved_at`, from which the reopen window
/// counts (a customer's reply inside it reopens the ticket; after it, a new ticket links this one);
/// making a resolved ticket open again clears it. The change is recorded for `intake explain`, and the
/// desk is told (`ticket.status_changed`) unless the desk is who changed it.
public struct TicketStatusChange: Sendable {
    public var status: TicketStatus
    /// Who asked, as `explain` prints it: "an operator (intake ticket)", "the desk".
    public var actor: String
    public var note: String?
    public var tellsTheDesk: Bool
    /// A closed ticket stays closed: the change only says the ticket is done (a desk whose one done
    /// state stands for resolved and closed alike).
    public var keepsClosed: Bool

    public init(status: TicketStatus, actor: String, note: String? = nil, tellsTheDesk: Bool, keepsClosed: Bool = false) {
        self.status = status
        self.actor = actor
        self.note = note
        self.tellsTheDesk = tellsTheDesk
        self.keepsClosed = keepsClosed
    }

    public enum Outcome: Sendable, Equatable {
        case changed(Ticket, from: TicketStatus)
        case unchanged(Ticket)
        case noSuchTicket
    }

    /// Applies the change to ticket `number` inside the caller's transaction.
    public func apply(toTicket number: String, records: DeskRecords, destinations: PipelineSettings.Destinations, now: Timestamp) throws -> Outcome {
        guard let ticket = try records.ticket(number: number) else { return .noSuchTicket }
        guard ticket.status != status, !(keepsClosed && ticket.status == .closed) else { return .unchanged(ticket) }
        let resolvedAt: Timestamp?? = switch status {
        case .resolved: .some(now)
        case .closed: .some(ticket.resolvedAt ?? now)
        case .new, .open, .pending: .some(nil)
        }
        try records.updateTicket(id: ticket.id, status: status, resolvedAt: resolvedAt, updatedAt: now)
        let detail = "status \(ticket.status.rawValue) → \(status.rawValue) by \(actor)" + (note.map { ": " + $0 } ?? "")
        try records.addTicketEvent(ticketID: ticket.id, stage: "status", detail: detail, at: now)
        guard let updated = try records.ticket(id: ticket.id) else { return .noSuchTicket }
        if tellsTheDesk, destinations.desk {
            var event = JSONObject()
            event["event"] = "ticket.status_changed"
            event["ticket"] = updated.json
            event["message"] = .null
            if let note { event["note"] = .string(note) }
            try records.enqueueOutbox(ticketID: ticket.id, destination: "desk", eventType: "ticket.status_changed",
                                      payload: JSONWriter.string(.object(event)), at: now)
        }
        return .changed(updated, from: ticket.status)
    }
}
