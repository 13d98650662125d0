import IntakeCore
import IntakeDesk
import XCTest

/// Our staff writing in a customer's channel answer tickets; they do not open them.
final class StaffAnswerTests: XCTestCase {
    var fx: DeskFixture!

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    private func staff(_ message: InboundMessage) -> InboundMessage {
        var m = message
        m.metadata["staff"] = true
        return m
    }

    func testAStaffReplyAnswersItsThreadsTicketOnceAndAStaffPostOpensNothing() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let request = try fx.ingest([DeskFixture.slack("EvC1", ts: "1764000000.000100", text: "la consola de agentes no carga")], at: t0)
        let number = try XCTUnwrap(request[0].ticketNumber)
        let before = try XCTUnwrap(try fx.store.read { try $0.ticket(number: number) })

        let answer = staff(DeskFixture.slack("EvS1", ts: "1764000600.000200", threadTS: "1764000000.000100",
                                             text: "[CRITICA] ya lo estamos revisando, ¿pueden reiniciar el softphone?"))
        let answered = try fx.ingest([answer], at: t0.adding(seconds: 600))
        XCTAssertEqual(answered[0].outcome, .appended)
        XCTAssertEqual(answered[0].ticketNumber, number)
        let ticket = try XCTUnwrap(try fx.store.read { try $0.ticket(number: number) })
        XCTAssertEqual(ticket.status, .open, "answered: no longer new")
        XCTAssertNil(before.firstRespondedAt)
        XCTAssertNotNil(ticket.firstRespondedAt)
        XCTAssertEqual(ticket.json["first_responded_at"]?.stringValue, ticket.firstRespondedAt?.iso8601)
        XCTAssertEqual(ticket.priority, before.priority, "a marker in our own answer does not escalate the customer's ticket")
        XCTAssertEqual(ticket.firstResponseDue, before.firstResponseDue)
        // Past its deadline, an answered ticket is not breached.
        let late = t0.adding(seconds: 3 * 86_400)
        XCTAssertEqual(try fx.store.read { try $0.slaSummary(now: late) }.reduce(0) { $0 + $1.breached }, 0)

        let post = staff(DeskFixture.slack("EvS2", ts: "1764000700.000300", text: "recordatorio: mantenimiento el sábado"))
        let posted = try fx.ingest([post], at: t0.adding(seconds: 700))
        XCTAssertEqual(posted[0].outcome, .ignored)
        XCTAssertNil(posted[0].ticketNumber)
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 1)
    }

    /// An agent's mail in the thread (the support mailbox in copy) answers the customer's ticket it is
    /// addressed to; our automatic mail back in the inbox is recorded there but answers nothing.
    func testAStaffMailAnswersTheTicketOfTheCustomerItIsAddressedTo() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let request = try fx.ingest([DeskFixture.email("c1@acme.com.ar", from: "ana@acme.com.ar", text: "la consola no carga")], at: t0)
        let number = try XCTUnwrap(request[0].ticketNumber)
        var ack = staff(DeskFixture.email("ack1@neotel.com", from: "soporte@neotel.com", subject: "Recibimos su consulta",
                                          text: "Registramos su pedido", replyTo: "c1@acme.com.ar", references: ["c1@acme.com.ar"]))
        ack.recipient = "ana@acme.com.ar"
        ack.isAutoReply = true
        XCTAssertEqual(try fx.ingest([ack], at: t0.adding(seconds: 5))[0].ticketNumber, number)
        XCTAssertEqual(try fx.store.read { try $0.ticket(number: number)?.status }, .new, "an acknowledgement is no response")
        XCTAssertNil(try fx.store.read { try $0.ticket(number: number)?.firstRespondedAt })

        var answer = staff(DeskFixture.email("a1@neotel.com", from: "pedro@neotel.com", subject: "RE: Consulta",
                                             text: "Ya lo estamos revisando", replyTo: "c1@acme.com.ar", references: ["c1@acme.com.ar"]))
        answer.recipient = "ana@acme.com.ar"
        let answered = try fx.ingest([answer], at: t0.adding(seconds: 600))
        XCTAssertEqual(answered[0].outcome, .appended)
        XCTAssertEqual(answered[0].ticketNumber, number)
        XCTAssertEqual(try fx.store.read { try $0.ticket(number: number)?.status }, .open)
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 1)
    }

    func testWithoutAnAnswerTheTicketIsBreachedPastItsDeadline() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        _ = try fx.ingest([DeskFixture.slack("EvC2", ts: "1764000000.000100", text: "la consola de agentes no carga")], at: t0)
        XCTAssertEqual(try fx.store.read { try $0.slaSummary(now: t0.adding(seconds: 3 * 86_400)) }.reduce(0) { $0 + $1.breached }, 1)
    }
}
