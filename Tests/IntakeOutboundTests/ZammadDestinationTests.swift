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
    /// the note, without `· ? ·` for a channel and sender it does not have. It also sets the Zammad
    /// ticket's state, in the same request, so the agents' views do not keep a resolved ticket open.
    func testAStatusChangeSetsTheZammadStateWithAnArticleOfTheStatusAndNote() throws {
        let receiver = RecordingReceiver { _, _ in .json(200, ["id": 4711, "state_id": 4]) }
        let zammad = ZammadDestination(baseURL: try receiver.start(in: self), token: "zt-secret", client: Samples.client)

        let result = zammad.deliver(statusChange(to: .resolved, note: "trunk reiniciado"), now: Samples.created)

        XCTAssertEqual(result, .delivered(status: 200, remoteID: "4711"))
        let request = try XCTUnwrap(receiver.received.first)
        XCTAssertEqual(request.method, "PUT")
        XCTAssertEqual(request.path, "/api/v1/tickets/4711")
        XCTAssertEqual(request.header("Authorization"), "Token token=zt-secret")
        let update = try XCTUnwrap(request.json)
        XCTAssertEqual(update["state"], "closed")
        XCTAssertNil(update["priority"])
        XCTAssertEqual(update["article"]?["subject"], "[#INT-1001] status resolved")
        XCTAssertEqual(update["article"]?["body"], "ticket.status_changed\nstatus: resolved\nnote: trunk reiniciado")
        XCTAssertEqual(update["article"]?["internal"], false)
    }

    /// Each status's Zammad state; pending has none without a reminder time, so it stays an article.
    func testEachStatusMapsToAStockZammadStateButPendingIsAnArticleAlone() throws {
        let receiver = RecordingReceiver { request, _ in request.method == "PUT" ? .json(200, ["id": 4711]) : .json(201, ["id": 9003, "ticket_id": 4711]) }
        let zammad = ZammadDestination(baseURL: try receiver.start(in: self), token: "zt-secret", client: Samples.client)
        let cases: [(TicketStatus, String, String?)] = [
            (.new, "/api/v1/tickets/4711", "new"), (.open, "/api/v1/tickets/4711", "open"), (.resolved, "/api/v1/tickets/4711", "closed"),
            (.closed, "/api/v1/tickets/4711", "closed"), (.pending, "/api/v1/ticket_articles", nil),
        ]
        for (status, _, _) in cases {
            XCTAssertEqual(zammad.deliver(statusChange(to: status), now: Samples.created).label, "delivered", "\(status)")
        }
        let requests = receiver.received
        XCTAssertEqual(requests.map(\.path), cases.map(\.1))
        XCTAssertEqual(requests.map { $0.json?["state"]?.stringValue }, cases.map(\.2))
        XCTAssertEqual(requests.last?.json?["ticket_id"], 4711)
    }

    /// A customer's reply that reopens the ticket, and an escalation, change the Zammad ticket too: its
    /// state back to open, its priority up; the message is the article of the same request.
    func testAReopeningOpensTheZammadTicketAndAnEscalationRaisesItsPriority() throws {
        let receiver = RecordingReceiver { _, _ in .json(200, ["id": 4711]) }
        let zammad = ZammadDestination(baseURL: try receiver.start(in: self), token: "zt-secret", client: Samples.client)

        _ = zammad.deliver(Samples.event("ticket.reopened", payload: Samples.emailPayload("ticket.reopened"), reference: "4711"), now: Samples.created)
        _ = zammad.deliver(Samples.event("ticket.priority_changed", payload: Samples.emailPayload("ticket.priority_changed"), reference: "4711"),
                           now: Samples.created)

        let requests = receiver.received
        XCTAssertEqual(requests.map(\.method), ["PUT", "PUT"])
        XCTAssertEqual(requests.map(\.path), ["/api/v1/tickets/4711", "/api/v1/tickets/4711"])
        XCTAssertEqual(requests[0].json?["state"], "open")
        XCTAssertNil(requests[0].json?["priority"])
        XCTAssertEqual(requests[1].json?["priority"], "3 high")
        XCTAssertNil(requests[1].json?["state"])
        XCTAssertEqual(requests[0].json?["article"]?["body"]?.stringValue?.hasSuffix("Desde las 9 no entran llamadas."), true)
    }

    private func statusChange(to status: TicketStatus, note: String? = nil) -> OutboundEvent {
        var ticket = Samples.ticket(channel: .email, address: "juan.perez@acme.com.ar")
        ticket.status = status
        var payload = JSONObject([("event", "ticket.status_changed"), ("ticket", ticket.json), ("message", .null)])
        if let note { payload["note"] = .string(note) }
        return Samples.event("ticket.status_changed", payload: .object(payload), reference: "4711")
    }

    func testUnauthorizedIsPermanent() throws {
        let receiver = RecordingReceiver { _, _ in .error(401, "authentication failed") }
        let zammad = ZammadDestination(baseURL: try receiver.start(in: self), token: "wrong", client: Samples.client)
        XCTAssertEqual(zammad.deliver(Samples.event("ticket.created", payload: Samples.emailPayload()), now: Samples.created),
                       .rejected(status: 401, reason: #"HTTP 401: {"error":{"status":401,"message":"authentication failed"}}"#))
    }
}
