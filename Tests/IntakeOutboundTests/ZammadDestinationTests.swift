import IntakeCore
import IntakeHTTP
@testable import IntakeOutbound
import IntakeTestSupport
import XCTest

final class ZammadDestinationTests: XCTestCase {
    func testFirstEventCreatesTheTicketAndLaterOnesAddArticles() throws {
        let receiver = RecordingReceiver { request, _ in
            request.path == "/api/v1/tickets" ? .json(201, ["id": 4711, "number": "31001"]) : .json(201, ["id": 9001, "ticket_id": 4711])
        }
        let zammad = ZammadDestination(baseURL: try receiver.start(in: self) + "/", token: "zt-secret", client: Samples.client)

        let created = zammad.deliver(Samples.event("ticket.created", payload: Samples.emailPayload()), now: Samples.created)
        XCTAssertEqual(created, .delivered(status: 201, remoteID: "4711"))
        let appended = zammad.deliver(Samples.event("message.appended", payload: Samples.emailPayload("message.appended"), reference: "4711"),
                                      now: Samples.created)
        XCTAssertEqual(appended, .delivered(status: 201, remoteID: "4711"), "the ticket the article went to")

        let requests = receiver.received
        XCTAssertEqual(requests.map(\.path), ["/api/v1/tickets", "/api/v1/ticket_articles"])
        XCTAssertEqual(requests.map { $0.header("Authorization") }, ["Token token=zt-secret", "Token token=zt-secret"])
        XCTAssertEqual(requests.map { $0.header("Idempotency-Key") }, ["evt_0123456789abcdef", "evt_0123456789abcdef"])
        let ticket = try XCTUnwrap(requests[0].json)
        XCTAssertEqual(ticket["title"], "No funciona la central [#INT-1001]")
        XCTAssertEqual(ticket["group"], "Users")
        XCTAssertEqual(ticket["customer_id"], "guess:juan.perez@acme.com.ar")
        XCTAssertEqual(ticket["article"]?["type"], "note")
        XCTAssertEqual(ticket["article"]?["internal"], false)
        XCTAssertEqual(ticket["article"]?["subject"], "[#INT-1001] No funciona la central")
        XCTAssertEqual(ticket["article"]?["body"]?.stringValue?.hasSuffix("Desde las 9 no entran llamadas."), true)
        let article = try XCTUnwrap(requests[1].json)
        XCTAssertEqual(article["ticket_id"], 4711)
        XCTAssertEqual(article["type"], "note")
        XCTAssertEqual(article["internal"], false)
    }

    /// A status change (from `intake ticket --status`) has no message: the article says the status and
    /// the note, without `· ? ·` for a channel and sender it does not have.
    func testAStatusChangeIsAnArticleWithTheStatusAndNote() throws {
        let receiver = RecordingReceiver { _, _ in .json(201, ["id": 9002, "ticket_id": 4711]) }
        let zammad = ZammadDestination(baseURL: try receiver.start(in: self), token: "zt-secret", client: Samples.client)
        var ticket = Samples.ticket(channel: .email, address: "juan.perez@acme.com.ar")
        ticket.status = .resolved
        let payload: JSONValue = ["event": "ticket.status_changed", "ticket": ticket.json, "message": .null, "note": "trunk reiniciado"]

        let result = zammad.deliver(Samples.event("ticket.status_changed", payload: payload, reference: "4711"), now: Samples.created)

        XCTAssertEqual(result, .delivered(status: 201, remoteID: "4711"))
        let article = try XCTUnwrap(receiver.received.first?.json)
        XCTAssertEqual(article["ticket_id"], 4711)
        XCTAssertEqual(article["subject"], "[#INT-1001] status resolved")
        XCTAssertEqual(article["body"], "ticket.status_changed\nstatus: resolved\nnote: trunk reiniciado")
    }

    func testUnauthorizedIsPermanent() throws {
        let receiver = RecordingReceiver { _, _ in .error(401, "authentication failed") }
        let zammad = ZammadDestination(baseURL: try receiver.start(in: self), token: "wrong", client: Samples.client)
        XCTAssertEqual(zammad.deliver(Samples.event("ticket.created", payload: Samples.emailPayload()), now: Samples.created),
                       .rejected(status: 401, reason: #"HTTP 401: {"error":{"status":401,"message":"authentication failed"}}"#))
    }
}
