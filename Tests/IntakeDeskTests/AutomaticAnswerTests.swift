import IntakeCore
import IntakeDesk
import XCTest

/// Automatic answers (out-of-office, a customer helpdesk's acknowledgement, a meeting reply) never open,
/// reopen or escalate a ticket; mass mail and notifications still open a flagged one.
final class AutomaticAnswerTests: XCTestCase {
    var fx: DeskFixture!

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    static func automatic(_ m: InboundMessage, reason: String) -> InboundMessage {
        var m = m
        m.isAutoReply = true
        m.metadata["auto_reply_reason"] = .string(reason)
        return m
    }

    func testAHelpdeskAcknowledgementAnsweringNoTicketOpensNone() throws {
        let ack = Self.automatic(DeskFixture.email("zd-1@cliente", from: "soporte@acme.com.ar", subject: "Recibimos su solicitud [#48211]",
                                                   text: "URGENTE: su solicitud fue recibida", replyTo: "staff-9@intake"), reason: "auto-submitted")
        let r = try fx.ingest([ack])
        XCTAssertEqual(r[0].outcome, .ignored)
        XCTAssertNil(r[0].ticketNumber)
        XCTAssertEqual(try fx.store.read { try $0.messageCount() }, 1, "kept, with the reason")
    }

    func testAnOutOfOfficeOnAResolvedTicketLeavesItResolved() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let first = try fx.ingest([DeskFixture.email("root@acme", text: "No graban las llamadas del sector ventas")], at: t0)
        let ticket = try XCTUnwrap(try fx.store.read { try $0.ticket(number: first[0].ticketNumber!) })
        try fx.store.write { try $0.updateTicket(id: ticket.id, status: .resolved, resolvedAt: .some(t0.adding(seconds: 60)), updatedAt: t0) }
        let oof = Self.automatic(DeskFixture.email("oof@acme", subject: "Respuesta automática: Consulta", text: "Estoy fuera de la oficina",
                                                   replyTo: "root@acme", references: ["root@acme"]), reason: "subject")
        let r = try fx.ingest([oof], at: t0.adding(seconds: 3600))
        XCTAssertEqual(r[0].outcome, .appended)
        XCTAssertEqual(r[0].ticketNumber, ticket.number)
        XCTAssertEqual(try fx.store.read { try $0.ticket(id: ticket.id)?.status }, .resolved)
    }

    func testAListPostStillOpensAFlaggedTicket() throws {
        let post = Self.automatic(DeskFixture.email("list-1@acme", text: "La central no levanta desde las 9"), reason: "mailing-list")
        let r = try fx.ingest([post])
        XCTAssertEqual(r[0].outcome, .created)
        XCTAssertEqual(try fx.store.read { try $0.ticket(number: r[0].ticketNumber!)?.flags.autoReply }, true)
    }

    func testAMonitoringAlertOpensAFlaggedTicket() throws {
        let alert = Self.automatic(DeskFixture.email("alert-1@noc.acme.com.ar", from: "grafana@acme.com.ar", subject: "[FIRING:1] Troncal SIP sin registro",
                                                     text: "registrado=0 desde 04:07"), reason: "auto-generated")
        let r = try fx.ingest([alert])
        XCTAssertEqual(r[0].outcome, .created)
        XCTAssertEqual(try fx.store.read { try $0.ticket(number: r[0].ticketNumber!)?.flags.autoReply }, true)
    }
}
