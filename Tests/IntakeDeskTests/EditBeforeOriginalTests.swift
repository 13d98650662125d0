import IntakeCore
import IntakeDesk
import XCTest

/// Neither Slack nor Meta guarantees the order of events: a customer's edit can arrive before the message
/// it edits. The edit is then taken as the message it now is, and the original, arriving later, is
/// recorded on its ticket without changing it.
final class EditBeforeOriginalTests: XCTestCase {
    var fx: DeskFixture!

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    private func ticket(_ number: String?) throws -> Ticket {
        try XCTUnwrap(try fx.store.read { try $0.ticket(number: XCTUnwrap(number)) })
    }

    private static func edit(_ m: InboundMessage, of target: String) -> InboundMessage {
        var edit = m
        edit.kind = .edit
        edit.targetID = target
        return edit
    }

    func testASlackEditBeforeItsOriginalOpensTheTicketWithTheEditedText() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let edit = Self.edit(DeskFixture.slack("Ev41", ts: "960.9", text: "Se cayó el sistema, nadie puede atender"), of: "C0ACME:960.1")
        let first = try fx.ingest([edit], at: t0)
        XCTAssertEqual(first[0].outcome, .created, first[0].reason)
        let opened = try ticket(first[0].ticketNumber)
        XCTAssertEqual(opened.priority, .critical)
        XCTAssertEqual(opened.subject, "Se cayó el sistema, nadie puede atender")
        XCTAssertEqual(opened.replyRoute.thread, "960.1", "our notice goes in the thread of the message, not of the change event")

        let original = try fx.ingest([DeskFixture.slack("Ev40", ts: "960.1", text: "Hola, una consulta")], at: t0.adding(seconds: 5))
        XCTAssertEqual(original[0].outcome, .duplicate, original[0].reason)
        XCTAssertEqual(original[0].ticketNumber, first[0].ticketNumber)
        let after = try ticket(first[0].ticketNumber)
        XCTAssertEqual(after.priority, .critical)
        XCTAssertEqual(after.subject, opened.subject)
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 1)

        let reply = try fx.ingest([DeskFixture.slack("Ev42", ts: "961.0", threadTS: "960.1", text: "¿alguna novedad?")], at: t0.adding(seconds: 60))
        XCTAssertEqual(reply[0].ticketNumber, first[0].ticketNumber, "a reply in the message's thread finds the ticket its edit opened")
    }

    func testAWhatsAppEditBeforeItsOriginalOpensTheTicketWithTheEditedText() throws {
        let edit = Self.edit(DeskFixture.whatsapp("wamid.ed2", text: "No entran llamadas a la cola de ventas"), of: "wamid.ed1")
        let first = try fx.ingest([edit])
        XCTAssertEqual(first[0].outcome, .created, first[0].reason)
        let original = try fx.ingest([DeskFixture.whatsapp("wamid.ed1", text: "no entran llamdas")])
        XCTAssertEqual(original[0].outcome, .duplicate, original[0].reason)
        XCTAssertEqual(original[0].ticketNumber, first[0].ticketNumber)
    }

    func testAnEditOfAKnownMessageStillOnlyAppends() throws {
        let first = try fx.ingest([DeskFixture.slack("Ev50", ts: "970.1", text: "el softphone se desconecta")])
        let edit = Self.edit(DeskFixture.slack("Ev51", ts: "970.5", text: "el softphone se desconecta cada 5 minutos"), of: "C0ACME:970.1")
        let r = try fx.ingest([edit])
        XCTAssertEqual(r[0].outcome, .appended)
        XCTAssertEqual(r[0].ticketNumber, first[0].ticketNumber)
    }

    func testADeletionOrAStaffEditOfAMessageNeverReceivedOpensNothing() throws {
        var deletion = DeskFixture.slack("Ev60", ts: "980.5", text: "")
        (deletion.kind, deletion.targetID, deletion.text) = (.deletion, "C0ACME:980.1", nil)
        var staff = Self.edit(DeskFixture.slack("Ev61", ts: "980.6", text: "Ya lo revisamos"), of: "C0ACME:980.2")
        staff.metadata["staff"] = true
        let r = try fx.ingest([deletion, staff])
        XCTAssertEqual(r.map(\.outcome), [.ignored, .ignored])
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 0)
    }
}
