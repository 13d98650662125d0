import IntakeCore
import IntakeHTTP
@testable import IntakeOutbound
import IntakeTestSupport
import XCTest

final class DeskWebhookDestinationTests: XCTestCase {
    private let secret = "whsec_" + Base64.encode(Array("a shared desk secret, 32 bytes!!".utf8))

    func testPostsThePayloadSignedTheStandardWebhooksWay() throws {
        let receiver = RecordingReceiver()
        let url = try receiver.start(in: self) + "/hooks/intake"
        let desk = DeskWebhookDestination(url: url, secret: secret, client: Samples.client)
        let payload = Samples.emailPayload()
        let now = Timestamp(seconds: 1_717_423_260)

        XCTAssertEqual(desk.deliver(Samples.event("ticket.created", payload: payload), now: now), .delivered(status: 200, remoteID: nil))

        let request = try XCTUnwrap(receiver.received.first)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.path, "/hooks/intake")
        XCTAssertEqual(request.header("Content-Type"), "application/json; charset=utf-8")
        XCTAssertEqual(request.header("webhook-id"), "evt_0123456789abcdef")
        XCTAssertEqual(request.header("Idempotency-Key"), "evt_0123456789abcdef")
        XCTAssertEqual(request.header("webhook-timestamp"), "1717423260")
        XCTAssertEqual(request.json, payload)
        // The receiver's check, written from the specification: HMAC-SHA256 keyed with the base64 part.
        let key = try XCTUnwrap(Base64.decode(String(secret.dropFirst(6))))
        let signed = Array("evt_0123456789abcdef.1717423260.".utf8) + request.body
        let expected = "v1," + Base64.encode(HMAC.sha256(key: key, message: signed))
        XCTAssertEqual(request.header("webhook-signature"), expected)
    }

    func testStatusesMapToDeliveredRetryOrRejected() throws {
        let cases: [(status: Int, retryAfter: String?, expected: DeliveryResult)] = [
            (204, nil, .delivered(status: 204, remoteID: nil)),
            (500, nil, .retry(status: 500, reason: "HTTP 500")),
            (503, "120", .retry(status: 503, reason: "HTTP 503", retryAfter: 120)),
            (429, "7", .retry(status: 429, reason: "HTTP 429", retryAfter: 7)),
            (408, nil, .retry(status: 408, reason: "HTTP 408")),
            (400, nil, .rejected(status: 400, reason: "HTTP 400")),
            (404, nil, .rejected(status: 404, reason: "HTTP 404")),
            (410, nil, .rejected(status: 410, reason: "HTTP 410")),
        ]
        for c in cases {
            let receiver = RecordingReceiver { _, _ in
                IntakeHTTP.HTTPResponse(status: c.status, headers: c.retryAfter.map { [("Retry-After", $0)] } ?? [])
            }
            let desk = DeskWebhookDestination(url: try receiver.start(in: self), secret: nil, client: Samples.client)
            let result = desk.deliver(Samples.event("ticket.created", payload: Samples.emailPayload()), now: Samples.created)
            XCTAssertEqual(result, c.expected, "HTTP \(c.status)")
            XCTAssertNil(receiver.received.first?.header("webhook-signature"), "unsigned without a secret")
        }
    }

    /// A desk in maintenance answers `503` with `Retry-After` as a date (RFC 9110 §10.2.3); the wait is
    /// the time until then, in any of the three HTTP-date forms, and 0 once the date has passed.
    func testRetryAfterAsAnHTTPDateIsTheWaitUntilThatDate() throws {
        let now = Samples.created  // Mon, 03 Jun 2024 14:00:00 GMT
        let cases: [(header: String, wait: Int64?)] = [
            ("Mon, 03 Jun 2024 14:05:00 GMT", 300),
            ("Monday, 03-Jun-24 14:02:00 GMT", 120),
            ("Mon Jun  3 15:00:00 2024", 3600),
            ("Mon, 03 Jun 2024 13:00:00 GMT", 0),
            ("soon", nil),
        ]
        for c in cases {
            let receiver = RecordingReceiver { _, _ in IntakeHTTP.HTTPResponse(status: 503, headers: [("Retry-After", c.header)]) }
            let desk = DeskWebhookDestination(url: try receiver.start(in: self), secret: nil, client: Samples.client)
            let result = desk.deliver(Samples.event("ticket.created", payload: Samples.emailPayload()), now: now)
            XCTAssertEqual(result, .retry(status: 503, reason: "HTTP 503", retryAfter: c.wait), c.header)
        }
    }

    /// What the desk said is kept with the status (it is what `intake outbox list` shows), on one line
    /// and cut short: a validation message is useful, a 1 MB error page is not.
    func testAFailureKeepsTheStartOfWhatTheReceiverSaid() throws {
        let page = "<html>\r\n<body>\t" + String(repeating: "proxy error ", count: 1000) + "</body></html>"
        let cases: [(status: Int, body: String, expected: DeliveryResult)] = [
            (422, "{\"error\": \"field \\\"priority\\\" is invalid\"}\n",
             .rejected(status: 422, reason: #"HTTP 422: {"error": "field \"priority\" is invalid"}"#)),
            (502, page, .retry(status: 502, reason: "HTTP 502: <html> <body> " + String(String(repeating: "proxy error ", count: 20).prefix(186)) + "…")),
        ]
        for c in cases {
            let receiver = RecordingReceiver { _, _ in IntakeHTTP.HTTPResponse(status: c.status, headers: [("Content-Type", "text/plain")], body: Array(c.body.utf8)) }
            let desk = DeskWebhookDestination(url: try receiver.start(in: self), secret: nil, client: Samples.client)
            XCTAssertEqual(desk.deliver(Samples.event("ticket.created", payload: Samples.emailPayload()), now: Samples.created), c.expected)
        }
    }

    /// The reason is logged and kept in the store: it names the failure, never the URL, whose user
    /// information or path (a hook URL is often its own secret) must not end up in either.
    func testClosedPortIsRetriedWithAReasonThatKeepsTheURLOut() throws {
        let closed = try RecordingReceiver.closedURL()
        let url = closed.replacingOccurrences(of: "http://", with: "http://intake:s3cret@") + "/hooks/T0SECRETPATH"
        let desk = DeskWebhookDestination(url: url, secret: secret, client: Samples.client)
        guard case .retry(nil, let reason, nil) = desk.deliver(Samples.event("ticket.created", payload: Samples.emailPayload()), now: Samples.created) else {
            return XCTFail("a refused connection is retried")
        }
        XCTAssertTrue(reason.hasPrefix("curl error 7: "), reason)
        XCTAssertFalse(reason.contains("s3cret"), reason)
        XCTAssertFalse(reason.contains("T0SECRETPATH"), reason)
    }
}
