import IntakeCore
import IntakeHTTP
@testable import IntakeOutbound
import IntakeTestSupport
import XCTest

final class SlackDestinationTests: XCTestCase {
    func testNewTicketPostsNumberPriorityAndDeadline() throws {
        let receiver = RecordingReceiver { _, _ in .json(200, ["ok": true, "channel": "C0ACMEPRIV", "ts": "1717423261.000200"]) }
        let slack = SlackDestination(apiBase: try receiver.start(in: self) + "/api/", botToken: "xoxb-test", client: Samples.client)

        let result = slack.deliver(Samples.event("ticket.created", payload: Samples.slackPayload()), now: Samples.created)

        XCTAssertEqual(result, .delivered(status: 200, remoteID: "1717423261.000200"))
        let request = try XCTUnwrap(receiver.received.first)
        XCTAssertEqual(request.path, "/api/chat.postMessage")
        XCTAssertEqual(request.header("Authorization"), "Bearer xoxb-test")
        XCTAssertEqual(request.header("Idempotency-Key"), "evt_0123456789abcdef")
        let body = try XCTUnwrap(request.json)
        XCTAssertEqual(body["channel"], "C0ACMEPRIV")
        XCTAssertNil(body["thread_ts"])
        let text = try XCTUnwrap(body["text"]?.stringValue)
        XCTAssertTrue(text.hasPrefix("Nuevo ticket *INT-1001* · prioridad *alta* · primera respuesta antes de <!date^1717437600^"), text)
        XCTAssertTrue(text.contains("|3 de junio de 2024, 15:00 (UTC-03:00)>"), "the fallback reads as the sentence does: \(text)")
    }

    func testLaterNoticeGoesIntoTheTicketThread() throws {
        let receiver = RecordingReceiver { _, _ in .json(200, ["ok": true, "ts": "1717430000.000300"]) }
        let slack = SlackDestination(apiBase: try receiver.start(in: self), botToken: "xoxb-test", client: Samples.client)
        let event = Samples.event("ticket.priority_changed", payload: Samples.slackPayload("ticket.priority_changed"), reference: "1717423261.000200")

        XCTAssertEqual(slack.deliver(event, now: Samples.created), .delivered(status: 200, remoteID: "1717430000.000300"))
        let body = try XCTUnwrap(receiver.received.first?.json)
        XCTAssertEqual(body["thread_ts"], "1717423261.000200")
        XCTAssertEqual(body["text"]?.stringValue?.hasPrefix("Prioridad de *INT-1001* elevada a *alta*"), true)
    }

    func testOkFalseIsAFailure() throws {
        let cases: [(error: String, expected: DeliveryResult)] = [
            ("ratelimited", .retry(status: 200, reason: "Slack: ratelimited")),
            ("internal_error", .retry(status: 200, reason: "Slack: internal_error")),
            ("channel_not_found", .rejected(status: 200, reason: "Slack: channel_not_found")),
            ("not_in_channel", .rejected(status: 200, reason: "Slack: not_in_channel")),
            ("invalid_auth", .rejected(status: 200, reason: "Slack: invalid_auth")),
        ]
        for c in cases {
            let receiver = RecordingReceiver { _, _ in .json(200, ["ok": false, "error": .string(c.error)]) }
            let slack = SlackDestination(apiBase: try receiver.start(in: self), botToken: "xoxb-test", client: Samples.client)
            XCTAssertEqual(slack.deliver(Samples.event("ticket.created", payload: Samples.slackPayload()), now: Samples.created), c.expected, c.error)
        }
    }

    func testHTTP429IsRetriedAfterTheWaitSlackAsks() throws {
        let receiver = RecordingReceiver { _, _ in IntakeHTTP.HTTPResponse(status: 429, headers: [("Retry-After", "30")]) }
        let slack = SlackDestination(apiBase: try receiver.start(in: self), botToken: "xoxb-test", client: Samples.client)
        XCTAssertEqual(slack.deliver(Samples.event("ticket.created", payload: Samples.slackPayload()), now: Samples.created),
                       .retry(status: 429, reason: "HTTP 429", retryAfter: 30))
    }

    func testTextEscapesSlackControlCharacters() {
        let payload = Samples.payload("ticket.created", ticket: Samples.ticket(channel: .slack, address: "C1", subject: "<!channel> & co"),
                                      message: InboundMessage(channel: .slack, externalID: "E", sender: .init(id: "U1")))
        let text = SlackDestination.text(Samples.event("ticket.created", payload: payload))
        XCTAssertTrue(text.hasSuffix("\n> &lt;!channel&gt; &amp; co"), text)
    }
}
