import IntakeCore
import IntakeDesk
import XCTest

/// A status set from outside the pipeline: the ticket, `resolved_at`, the explain trail, the desk's
/// outbox row, and the reopen rule that counts from the resolution.
final class TicketStatusChangeTests: XCTestCase {
    private var fx: DeskFixture!
    private let t0 = Timestamp(seconds: 1_764_000_000)

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    private func set(_ status: TicketStatus, _ number: String, at: Timestamp, tellsTheDesk: Bool = true, desk: Bool = true) throws -> TicketStatusChange.Outcome {
        let change = TicketStatusChange(status: status, actor: "an operator (intake ticket)", note: "reiniciado", tellsTheDesk: tellsTheDesk)
        return try fx.store.write { try change.apply(toTicket: number, records: $0, destinations: .init(desk: desk), now: at) }
    }

    func testResolvingRecordsTheChangeTellsTheDeskAndAReplyInsideTheWindowReopens() throws {
        let number = try XCTUnwrap(try fx.ingest([DeskFixture.slack("E1", ts: "100.1", text: "la grabación de llamadas falla")], at: t0)[0].ticketNumber)
        guard case .changed(let resolved, from: .new) = try set(.resolved, number, at: t0.adding(seconds: 600)) else { return XCTFail("not changed") }
        XCTAssertEqual(resolved.status, .resolved)
        XCTAssertEqual(resolved.resolvedAt, t0.adding(seconds: 600))
        let decisions = try fx.store.read { try $0.decisions(ticketID: resolved.id) }
        XCTAssertEqual(decisions.last?.stage, "status")
        XCTAssertEqual(decisions.last?.detail, "status new → resolved by an operator (intake ticket): reiniciado")
        let rows = try fx.store.read { try $0.outbox() }.filter { $0.ticketID == resolved.id && $0.eventType == "ticket.status_changed" }
        XCTAssertEqual(rows.map(\.destination), ["desk"])

        let reply = try fx.ingest([DeskFixture.slack("E2", ts: "200.1", threadTS: "100.1", text: "volvió a fallar")], at: t0.adding(seconds: 3_600))
        XCTAssertEqual(reply[0].outcome, .appended)
        let reopened = try fx.store.read { try $0.ticket(number: number) }
        XCTAssertEqual(reopened?.status, .open)
        XCTAssertNil(reopened?.resolvedAt)
    }

    func testTheCustomersAnswerMovesAPendingTicketBackToOpen() throws {
        let number = try XCTUnwrap(try fx.ingest([DeskFixture.slack("E1", ts: "100.1", text: "la grabación de llamadas falla")], at: t0)[0].ticketNumber)
        _ = try set(.pending, number, at: t0.adding(seconds: 600))
        let reply = try fx.ingest([DeskFixture.slack("E2", ts: "200.1", threadTS: "100.1", text: "Les paso el id de la llamada: 1717416842.42")],
                                  at: t0.adding(seconds: 3_600))
        XCTAssertEqual(reply[0].outcome, .appended)
        let ticket = try XCTUnwrap(try fx.store.read { try $0.ticket(number: number) })
        XCTAssertEqual(ticket.status, .open, "the customer answered: the ticket waits on us again")
        XCTAssertEqual(try fx.store.read { try $0.decisions(ticketID: ticket.id) }.last?.detail, "slack E2: pending → open: the customer answered")
    }

    func testTheSameStatusAgainChangesNothingAndAnUnknownTicketIsSaid() throws {
        let number = try XCTUnwrap(try fx.ingest([DeskFixture.slack("E1", ts: "100.1", text: "consulta por la factura")], at: t0)[0].ticketNumber)
        _ = try set(.closed, number, at: t0.adding(seconds: 60))
        guard case .unchanged(let ticket) = try set(.closed, number, at: t0.adding(seconds: 120)) else { return XCTFail("changed twice") }
        XCTAssertEqual(ticket.resolvedAt, t0.adding(seconds: 60))
        XCTAssertEqual(try fx.store.read { try $0.decisions(ticketID: ticket.id) }.filter { $0.stage == "status" }.count, 1)
        XCTAssertEqual(try set(.open, "INT-9999", at: t0), .noSuchTicket)
    }

    func testAChangeTheDeskMadeIsNotSentBackToTheDesk() throws {
        let number = try XCTUnwrap(try fx.ingest([DeskFixture.slack("E1", ts: "100.1", text: "consulta por la factura")], at: t0)[0].ticketNumber)
        guard case .changed(let t, _) = try set(.resolved, number, at: t0.adding(seconds: 60), tellsTheDesk: false) else { return XCTFail("not changed") }
        XCTAssertTrue(try fx.store.read { try $0.outbox() }.filter { $0.ticketID == t.id && $0.eventType == "ticket.status_changed" }.isEmpty)
    }

    /// Closing is final: a reply even the next minute opens a new ticket that links the closed one.
    func testAReplyToAClosedTicketOpensANewOneThatLinksIt() throws {
        let number = try XCTUnwrap(try fx.ingest([DeskFixture.slack("E1", ts: "100.1", text: "la grabación falla")], at: t0)[0].ticketNumber)
        _ = try set(.closed, number, at: t0.adding(seconds: 60))
        let reply = try fx.ingest([DeskFixture.slack("E2", ts: "200.1", threadTS: "100.1", text: "volvió a fallar")], at: t0.adding(seconds: 120))
        XCTAssertEqual(reply[0].outcome, .created)
        XCTAssertEqual(try fx.store.read { try $0.ticket(number: reply[0].ticketNumber!)?.linkedTicket }, number)
        XCTAssertEqual(try fx.store.read { try $0.ticket(number: number)?.status }, .closed)
    }

    func testStatusWordsInEnglishSpanishAndZammads() {
        let table: [(String, TicketStatus?)] = [
            ("resolved", .resolved), ("Resuelto", .resolved), ("cerrado", .closed), ("closed", .closed), ("merged", .closed),
            ("pendiente", .pending), ("pending reminder", .pending), ("abierto", .open), ("open", .open), ("Nuevo", .new),
            ("listo", nil), ("", nil),
        ]
        for (word, status) in table { XCTAssertEqual(TicketStatus(word: word), status, word) }
    }
}
