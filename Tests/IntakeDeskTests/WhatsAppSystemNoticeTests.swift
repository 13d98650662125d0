import Foundation
import IntakeChannels
import IntakeCore
import IntakeDesk
import IntakeTestSupport
import XCTest

/// WhatsApp's `system` messages (a customer's new number or identity) are notices written by no one:
/// they join the customer's open ticket for the agent to see and never open one.
final class WhatsAppSystemNoticeTests: XCTestCase {
    var fx: DeskFixture!

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    func testANumberChangeJoinsTheCustomersOpenTicket() throws {
        let t0 = Timestamp(seconds: 1_732_540_000)
        let number = try XCTUnwrap(try fx.ingest(try DeskFixture.whatsappFixture("text.json"), at: t0)[0].ticketNumber)
        let notice = try fx.ingest(try DeskFixture.whatsappFixture("system.json"), at: t0.adding(seconds: 600))
        XCTAssertEqual(notice[0].outcome, .appended)
        XCTAssertEqual(notice[0].ticketNumber, number)
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 1)
    }

    func testANoticeWithNoOpenTicketOpensNone() throws {
        let notice = try fx.ingest(try DeskFixture.whatsappFixture("system_identity_changed.json"))
        XCTAssertEqual(notice[0].outcome, .ignored)
        XCTAssertNil(notice[0].ticketNumber)
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 0)
    }
}
