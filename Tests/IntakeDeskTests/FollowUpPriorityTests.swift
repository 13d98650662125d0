import IntakeCore
import IntakeDesk
import XCTest

/// What a customer's follow-up does to its ticket's priority and first-response deadline.
final class FollowUpPriorityTests: XCTestCase {
    var fx: DeskFixture!

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    private func ticket(_ number: String?) throws -> Ticket {
        try XCTUnwrap(try fx.store.read { try $0.ticket(number: XCTUnwrap(number)) })
    }

    func testAFollowUpSayingTheErrorIsGoneDoesNotEscalate() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let first = try fx.ingest([DeskFixture.whatsapp("wamid.f1", text: "El reporte de campañas está lento")], at: t0)
        let before = try ticket(first[0].ticketNumber)
        XCTAssertEqual(before.priority, .medium)
        let thanks = try fx.ingest([DeskFixture.whatsapp("wamid.f2", text: "Ya no da error, gracias. Sin errores desde ayer")], at: t0.adding(seconds: 3600))
        XCTAssertEqual(thanks[0].ticketNumber, first[0].ticketNumber)
        let after = try ticket(first[0].ticketNumber)
        XCTAssertEqual(after.priority, .medium, "the error being gone raises nothing")
        XCTAssertEqual(after.firstResponseDue, before.firstResponseDue)
    }

    func testAnEscalationCountsTheNewDeadlineFromTheFollowUp() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let first = try fx.ingest([DeskFixture.whatsapp("wamid.e1", text: "Consulta: ¿cómo exporto las grabaciones?")], at: t0)
        XCTAssertEqual(try ticket(first[0].ticketNumber).priority, .low)
        let later = t0.adding(seconds: 26 * 3600)
        let down = try fx.ingest([DeskFixture.whatsapp("wamid.e2", text: "Ahora se cayó el sistema, no podemos operar")], at: later)
        XCTAssertEqual(down[0].ticketNumber, first[0].ticketNumber)
        let raised = try ticket(first[0].ticketNumber)
        XCTAssertEqual(raised.priority, .critical)
        XCTAssertEqual(raised.firstResponseDue, later.adding(seconds: 2 * 3600),
                       "2 h from the message that reported it, not from the query a day earlier (breached the moment it was raised)")
    }

    func testTheCustomerEditingTheOpeningMessageIntoAnOutageEscalates() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let first = try fx.ingest([DeskFixture.slack("Ev20", ts: "950.1", text: "Hola, una consulta")], at: t0)
        XCTAssertEqual(try ticket(first[0].ticketNumber).priority, .low)
        var edit = DeskFixture.slack("Ev21", ts: "950.2", text: "Se cayó el sistema, nadie puede atender")
        edit.kind = .edit
        edit.targetID = "C0ACME:950.1"
        let r = try fx.ingest([edit], at: t0.adding(seconds: 60))
        XCTAssertEqual(r[0].outcome, .appended)
        let raised = try ticket(first[0].ticketNumber)
        XCTAssertEqual(raised.priority, .critical)
        XCTAssertEqual(raised.firstResponseDue, t0.adding(seconds: 60 + 2 * 3600))
        var calmer = DeskFixture.slack("Ev22", ts: "950.3", text: "Perdón, era una consulta")
        calmer.kind = .edit
        calmer.targetID = "C0ACME:950.1"
        try fx.ingest([calmer], at: t0.adding(seconds: 120))
        XCTAssertEqual(try ticket(first[0].ticketNumber).priority, .critical, "an edit never lowers a priority")
    }
}
