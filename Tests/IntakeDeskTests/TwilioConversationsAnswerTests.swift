import IntakeCore
import IntakeDesk
import XCTest

/// In a Twilio Conversations service, our agents (Flex) answer in the customer's conversation: their message
/// names the conversation, not the customer, and is our answer on the ticket the customer's message opened
/// there, its first response. A bot's message through the API answers nothing.
final class TwilioConversationsAnswerTests: XCTestCase {
    var fx: DeskFixture!

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    func testAnAgentsMessageInTheConversationIsItsTicketsFirstResponse() throws {
        let t0 = Timestamp(seconds: 1_763_985_931)
        let request = try fx.ingest(try DeskFixture.whatsappFixture("twilio_conversations_message_added.form"), at: t0)
        let number = try XCTUnwrap(request[0].ticketNumber)

        let bot = try fx.ingest(try DeskFixture.whatsappFixture("twilio_conversations_studio_message.form"), at: t0.adding(seconds: 2))
        XCTAssertEqual(bot[0].outcome, .ignored)
        XCTAssertNil(try fx.store.read { try $0.ticket(number: number) }?.firstRespondedAt, "a Studio greeting is no response")

        let agent = try fx.ingest(try DeskFixture.whatsappFixture("twilio_conversations_agent_message.form"), at: t0.adding(seconds: 220))
        XCTAssertEqual(agent[0].outcome, .appended, agent[0].reason)
        XCTAssertEqual(agent[0].ticketNumber, number)
        let ticket = try XCTUnwrap(try fx.store.read { try $0.ticket(number: number) })
        XCTAssertEqual(ticket.firstRespondedAt, Timestamp(iso8601: "2025-11-24T12:09:10Z"))
        XCTAssertEqual(ticket.status, .open)
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 1)
    }

    func testAnAgentsMessageInAConversationWithNoTicketOpensNothing() throws {
        let agent = try fx.ingest(try DeskFixture.whatsappFixture("twilio_conversations_agent_message.form"))
        XCTAssertEqual(agent[0].outcome, .ignored)
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 0)
    }
}
