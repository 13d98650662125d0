public import IntakeCore
import SQLite

extension DeskRecords {
    /// Records what happened to a ticket outside a message (`ticket_events`), for `intake explain`.
    public func addTicketEvent(ticketID: Int64, stage: String, detail: String, at: Timestamp) throws {
        try db.statement("INSERT INTO ticket_events (ticket_id, stage, detail, at) VALUES (?, ?, ?, ?)")
            .bind(.integer(ticketID), .text(stage), .text(detail), .integer(at.seconds)).run()
    }

    func ticketEvents(ticketID: Int64) throws -> [(stage: String, detail: String, at: Timestamp)] {
        try db.statement("SELECT stage, detail, at FROM ticket_events WHERE ticket_id = ? ORDER BY id").bind(.integer(ticketID)).rows { s in
            (s.text(0), s.text(1), Timestamp(seconds: s.int(2)))
        }
    }
}
