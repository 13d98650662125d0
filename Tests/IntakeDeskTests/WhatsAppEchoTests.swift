import Foundation
import IntakeChannels
import IntakeCore
import IntakeDesk
import IntakeTestSupport
import XCTest

/// On a number shared with the WhatsApp Business app, what our staff write there comes back as
/// `smb_message_echoes`: our answer on the customer's ticket, never a ticket of its own. The app's history
/// and contacts syncs are recorded and open nothing.
final class WhatsAppEchoTests: XCTestCase {
    var fx: DeskFixture!

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    private func breached(at now: Timestamp) throws -> Int {
        try fx.store.read { try $0.slaSummary(now: now) }.reduce(0) { $0 + $1.breached }
    }

    func testAnEchoAnswersTheCustomersOpenTicketAndIsItsFirstResponse() throws {
        let t0 = Timestamp(seconds: 1_732_540_800)
        let request = try fx.ingest(try DeskFixture.whatsappFixture("text.json"), at: t0)
        let number = try XCTUnwrap(request[0].ticketNumber)

        let echo = try DeskFixture.whatsappFixture("smb_message_echo_text.json")
        XCTAssertEqual(echo.map(\.customerAddress), ["+5491152769999"])
        let answered = try fx.ingest(echo, at: t0.adding(seconds: 600))
        XCTAssertEqual(answered[0].outcome, .appended)
        XCTAssertEqual(answered[0].ticketNumber, number)
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 1)
        XCTAssertEqual(try fx.store.read { try $0.ticket(number: number) }?.status, .open)
        XCTAssertEqual(try breached(at: t0.adding(seconds: 5 * 86_400)), 0, "answered: not breached past its deadline")
    }

    func testAnEchoToAnUnknownNumberAnswersThatNumbersTicket() throws {
        let t0 = Timestamp(seconds: 1_732_540_800)
        let stranger = DeskFixture.whatsapp("wamid.S1", from: "+5491177778888", text: "hola, necesito ayuda con el portal")
        let number = try XCTUnwrap(try fx.ingest([stranger], at: t0)[0].ticketNumber)
        var echo = try DeskFixture.whatsappFixture("smb_message_echo_text.json")
        echo[0].recipient = "+5491177778888"
        echo[0].threadKey = "+5491177778888"
        let answered = try fx.ingest(echo, at: t0.adding(seconds: 60))
        XCTAssertEqual(answered[0].outcome, .appended)
        XCTAssertEqual(answered[0].ticketNumber, number)
    }

    func testAnEchoWithNoOpenTicketOpensNothing() throws {
        let result = try fx.ingest(try DeskFixture.whatsappFixture("smb_message_echo_document.json"))
        XCTAssertEqual(result[0].outcome, .ignored)
        XCTAssertNil(result[0].ticketNumber)
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 0)
    }

    func testHistoryAndContactsSyncsAreRecordedAsIgnoredWithTheirReason() throws {
        for name in ["history_chunk.json", "history_declined.json", "smb_app_state_sync.json"] {
            let result = try fx.ingest(try DeskFixture.whatsappFixture(name))
            XCTAssertEqual(result.map(\.outcome), [.ignored], name)
            XCTAssertTrue(result[0].reason.contains("WhatsApp Business app"), "\(name): \(result[0].reason)")
            XCTAssertEqual(try fx.ingest(try DeskFixture.whatsappFixture(name)).map(\.outcome), [.duplicate], "\(name): redelivered")
        }
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 0)
    }
}
