import IntakeCore
import IntakeDesk
import XCTest

/// A Message-ID is a redelivery only when it is the same mail: an appliance that gives every alert the
/// same id must not lose the second one, and a list's copy of a mail (footer, tagged subject) must not
/// open a second ticket.
final class MessageIDReuseTests: XCTestCase {
    var fx: DeskFixture!

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    private func mail(from: String = "alertas@acme.com.ar", sent: Int64, subject: String, text: String) -> InboundMessage {
        InboundMessage(channel: .email, externalID: "1@localhost", sender: .init(id: from), threadKey: "1@localhost",
                       subject: subject, text: text, sentAt: Timestamp(seconds: sent))
    }

    func testAnotherMailUnderAKnownMessageIDIsKeptAndItsOwnRedeliveryFound() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let disk = mail(sent: 1_763_990_000, subject: "Disco lleno en srv-pbx-01", text: "El disco /var de srv-pbx-01 está al 98 %")
        let trunk = mail(sent: 1_763_999_000, subject: "Troncal SIP caída", text: "La troncal SIP del proveedor no registra desde las 9:40")
        let first = try fx.ingest([disk], at: t0)
        let second = try fx.ingest([trunk], at: t0.adding(seconds: 60))
        XCTAssertEqual(first[0].outcome, .created)
        XCTAssertEqual(second[0].outcome, .created, "not taken for a redelivery of the first alert")
        XCTAssertNotEqual(second[0].ticketNumber, first[0].ticketNumber)
        XCTAssertEqual(second[0].externalID, "1@localhost", "what is printed keeps the Message-ID")
        let ticket = try XCTUnwrap(try fx.store.read { try $0.ticket(number: second[0].ticketNumber!) })
        let details = try fx.store.read { try $0.decisions(ticketID: ticket.id).map(\.detail) }.joined(separator: "\n")
        XCTAssertTrue(details.contains("not a redelivery: Message-ID 1@localhost was first used by another mail (from alertas@acme.com.ar"), details)

        let again = try fx.ingest([trunk], at: t0.adding(seconds: 7200))
        XCTAssertEqual(again[0].outcome, .duplicate, "the second alert delivered again is its redelivery")
        XCTAssertEqual(again[0].ticketNumber, second[0].ticketNumber)
        XCTAssertEqual(try fx.ingest([disk], at: t0.adding(seconds: 7200))[0].ticketNumber, first[0].ticketNumber)
        XCTAssertEqual(try fx.store.read { try $0.messageCount() }, 2)
    }

    func testTheSameMailThroughAListIsARedeliveryWhateverTheListAdded() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let direct = mail(from: "ana@acme.com.ar", sent: 1_763_999_000, subject: "Discador", text: "El discador no marca desde las 9.")
        let viaList = mail(from: "ana@acme.com.ar", sent: 1_763_999_000, subject: "[soporte] Discador",
                           text: "El discador no marca desde las 9.\n\n--\nYou received this message because you are subscribed to the Google Groups \"soporte\" group.")
        let first = try fx.ingest([direct], at: t0)
        let second = try fx.ingest([viaList], at: t0.adding(seconds: 3600))
        XCTAssertEqual(second[0].outcome, .duplicate)
        XCTAssertEqual(second[0].ticketNumber, first[0].ticketNumber)
    }

    func testAnotherAuthorUnderTheSameMessageIDAtTheSameSecondIsAnotherMail() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let a = mail(from: "pbx-ar@acme.com.ar", sent: 1_763_999_000, subject: "Voicemail", text: "Nuevo mensaje de voz de +54 11 5276-9999")
        let b = mail(from: "pbx-cl@acme.cl", sent: 1_763_999_000, subject: "Voicemail", text: "Nuevo mensaje de voz de +56 2 2928 8900")
        XCTAssertEqual(try fx.ingest([a], at: t0)[0].outcome, .created)
        XCTAssertEqual(try fx.ingest([b], at: t0)[0].outcome, .created)
    }
}
