import IntakeCore
import IntakeHTTP
@testable import IntakeOutbound
import IntakeTestSupport
import XCTest

final class WhatsAppDestinationTests: XCTestCase {
    private func destination(_ base: String) -> WhatsAppDestination {
        WhatsAppDestination(apiBase: base + "/v21.0", phoneNumberID: "106540352242922", accessToken: "EAAtest", client: Samples.client)
    }

    func testTextInsideTheWindowGoesToTheCloudAPI() throws {
        let receiver = RecordingReceiver { _, _ in
            .json(200, ["messaging_product": "whatsapp", "contacts": [["input": "5491152769999", "wa_id": "5491152769999"]],
                        "messages": [["id": "wamid.OUT1"]]])
        }
        let whatsapp = destination(try receiver.start(in: self))
        let now = Samples.created.adding(seconds: 60)

        let result = whatsapp.deliver(Samples.event("ticket.created", payload: Samples.whatsappPayload(sentAt: Samples.created)), now: now)

        XCTAssertEqual(result, .delivered(status: 200, remoteID: "wamid.OUT1"))
        let request = try XCTUnwrap(receiver.received.first)
        XCTAssertEqual(request.path, "/v21.0/106540352242922/messages")
        XCTAssertEqual(request.header("Authorization"), "Bearer EAAtest")
        XCTAssertEqual(request.header("Idempotency-Key"), "evt_0123456789abcdef")
        let body = try XCTUnwrap(request.json)
        XCTAssertEqual(body["messaging_product"], "whatsapp")
        XCTAssertEqual(body["to"], "5491152769999")
        XCTAssertEqual(body["type"], "text")
        XCTAssertEqual(body["text"]?["body"]?.stringValue,
                       "Recibimos su mensaje y registramos el ticket INT-1001 (prioridad alta). Le responderemos antes del 3 de junio de 2024, 15:00 (UTC-03:00).")
    }

    /// A ticket from a WhatsApp group is acknowledged in the group: Meta's groups messaging takes the
    /// group id as `to` with `recipient_type: group` on the same endpoint.
    func testAGroupTicketIsAnsweredInTheGroup() throws {
        let receiver = RecordingReceiver { _, _ in .json(200, ["messaging_product": "whatsapp", "messages": [["id": "wamid.OUT2"]]]) }
        let whatsapp = destination(try receiver.start(in: self))
        let group = "Y2FwaV9ncm91cDoxNTQ5MTE0MDAwMTIzNDoxMjAzNjMzOTQzNjM4ODUwMjQ="
        var ticket = Samples.ticket(channel: .whatsapp, address: group)
        ticket.replyRoute.isGroup = true
        let m = InboundMessage(channel: .whatsapp, externalID: "wamid.IN2", sender: .init(id: "+5493515551234"), group: group,
                               text: "tampoco entran llamadas", sentAt: Samples.created)

        let result = whatsapp.deliver(Samples.event("ticket.created", payload: Samples.payload("ticket.created", ticket: ticket, message: m)),
                                      now: Samples.created.adding(seconds: 60))

        XCTAssertEqual(result, .delivered(status: 200, remoteID: "wamid.OUT2"))
        let body = try XCTUnwrap(receiver.received.first?.json)
        XCTAssertEqual(body["recipient_type"], "group")
        XCTAssertEqual(body["to"]?.stringValue, group)
    }

    /// A customer who adopted a WhatsApp username and whose number Meta left out is answered at their
    /// business-scoped user id, in `recipient`: its digits sent as `to` were some stranger's number.
    func testACustomerKnownOnlyByTheirUserIDIsAnsweredAtIt() throws {
        let receiver = RecordingReceiver { _, _ in .json(200, ["messaging_product": "whatsapp", "messages": [["id": "wamid.OUT4"]]]) }
        let whatsapp = destination(try receiver.start(in: self))
        let userID = "AR.13491208655302741918"
        let ticket = Samples.ticket(channel: .whatsapp, address: userID)
        let m = InboundMessage(channel: .whatsapp, externalID: "wamid.IN4", sender: .init(id: userID), text: "la consola no carga", sentAt: Samples.created)

        let result = whatsapp.deliver(Samples.event("ticket.created", payload: Samples.payload("ticket.created", ticket: ticket, message: m)),
                                      now: Samples.created.adding(seconds: 60))

        XCTAssertEqual(result, .delivered(status: 200, remoteID: "wamid.OUT4"))
        let body = try XCTUnwrap(receiver.received.first?.json)
        XCTAssertEqual(body["recipient"]?.stringValue, userID)
        XCTAssertNil(body["to"])
        XCTAssertEqual(body["recipient_type"], "individual")
        XCTAssertEqual(WhatsAppUserID.isUserID("US.ENT.11815799212886844830"), true)
        XCTAssertEqual(WhatsAppUserID.isUserID("+5491152769999"), false)
        XCTAssertEqual(WhatsAppUserID.isUserID("C04ACME7PRIV"), false)
    }

    /// A customer with a private Slack channel has its tickets routed there; the WhatsApp acknowledgement
    /// still goes to who wrote on WhatsApp (it went to the digits of the Slack channel id).
    func testATicketRoutedToTheCustomersSlackChannelIsAcknowledgedToTheWhatsAppSender() throws {
        let receiver = RecordingReceiver { _, _ in .json(200, ["messaging_product": "whatsapp", "messages": [["id": "wamid.OUT3"]]]) }
        let whatsapp = destination(try receiver.start(in: self))
        let ticket = Samples.ticket(channel: .slack, address: "C04ACME7PRIV")
        let group = "Y2FwaV9ncm91cDoxNTQ5MTE0MDAwMTIzNDoxMjAzNjMzOTQzNjM4ODUwMjQ="
        let person = InboundMessage(channel: .whatsapp, externalID: "wamid.IN3", sender: .init(id: "+5491152769999"),
                                    text: "no anda el discador", sentAt: Samples.created)
        var inGroup = person
        inGroup.group = group

        for (m, to, kind) in [(person, "5491152769999", "individual"), (inGroup, group, "group")] {
            let result = whatsapp.deliver(Samples.event("ticket.created", payload: Samples.payload("ticket.created", ticket: ticket, message: m)),
                                          now: Samples.created.adding(seconds: 60))
            XCTAssertEqual(result, .delivered(status: 200, remoteID: "wamid.OUT3"))
            let body = try XCTUnwrap(receiver.received.last?.json)
            XCTAssertEqual(body["to"]?.stringValue, to)
            XCTAssertEqual(body["recipient_type"]?.stringValue, kind)
        }
    }

    func testOutsideTheWindowNothingIsSent() throws {
        let receiver = RecordingReceiver()
        let whatsapp = destination(try receiver.start(in: self))
        let now = Samples.created.adding(seconds: 24 * 3600)

        let result = whatsapp.deliver(Samples.event("ticket.created", payload: Samples.whatsappPayload(sentAt: Samples.created)), now: now)

        XCTAssertEqual(result, .skipped(reason: "outside the 24-hour customer-service window: template needed"))
        XCTAssertTrue(receiver.received.isEmpty)
    }

    func testWindowIsOpenForJustUnderADay() {
        let t = Samples.created
        XCTAssertTrue(WhatsAppDestination.isWindowOpen(lastInbound: t, now: t.adding(seconds: 86_399), windowSeconds: 86_400))
        XCTAssertFalse(WhatsAppDestination.isWindowOpen(lastInbound: t, now: t.adding(seconds: 86_400), windowSeconds: 86_400))
        XCTAssertFalse(WhatsAppDestination.isWindowOpen(lastInbound: nil, now: t, windowSeconds: 86_400))
    }

    func testGraphErrorsMapToSkipRetryOrReject() throws {
        let cases: [(code: Int, status: Int, expected: DeliveryResult)] = [
            (131047, 400, .skipped(reason: "WhatsApp 131047: outside the customer-service window: template needed")),
            (130429, 400, .retry(status: 400, reason: "WhatsApp 130429: throttled")),
            (131056, 429, .retry(status: 429, reason: "WhatsApp 131056: throttled")),
            (131026, 400, .rejected(status: 400, reason: "WhatsApp 131026 (HTTP 400): x")),
            (190, 401, .rejected(status: 401, reason: "WhatsApp 190 (HTTP 401): x")),
            (131057, 400, .retry(status: 400, reason: "WhatsApp 131057: x")),
            (2, 400, .retry(status: 400, reason: "WhatsApp 2: x")),
            (131000, 500, .retry(status: 500, reason: "WhatsApp 131000: x")),
        ]
        for c in cases {
            let receiver = RecordingReceiver { _, _ in .json(c.status, ["error": ["message": "x", "type": "OAuthException", "code": .int(c.code)]]) }
            let whatsapp = destination(try receiver.start(in: self))
            let event = Samples.event("ticket.created", payload: Samples.whatsappPayload(sentAt: Samples.created))
            XCTAssertEqual(whatsapp.deliver(event, now: Samples.created), c.expected, "code \(c.code)")
        }
    }

    /// A Chilean customer reads the deadline in Santiago's time, which is UTC-4 in winter: the same
    /// deadline as 15:00 UTC-03:00, written as they read their clock.
    func testTheDeadlineReadsInTheCustomersTimeZone() throws {
        guard let tzif = FileManager.default.contents(atPath: "/usr/share/zoneinfo/America/Santiago") else { throw XCTSkip("no tzdata") }
        var event = Samples.event("ticket.created", payload: Samples.whatsappPayload(sentAt: Samples.created))
        event.timeZone = LocalTimeZone(zone: try ZoneInfo(name: "America/Santiago", tzif: [UInt8](tzif)))
        XCTAssertEqual(destination("http://127.0.0.1:9").text(event),
                       "Recibimos su mensaje y registramos el ticket INT-1001 (prioridad alta). Le responderemos antes del 3 de junio de 2024, 14:00 (UTC-04:00).")
    }

    /// A customer whose contract is suspended is outside the service agreement: `intake sla` never counts
    /// the ticket due, and the customer is promised no deadline (in WhatsApp, nor in the Slack notice).
    func testACustomerOutsideTheAgreementIsPromisedNoDeadline() throws {
        var ticket = Samples.ticket(channel: .whatsapp, address: "+5492215550101")
        ticket.flags.contractInactive = true
        let m = InboundMessage(channel: .whatsapp, externalID: "wamid.IN9", sender: .init(id: "+5492215550101"), text: "No anda la central",
                               sentAt: Samples.created)
        let event = Samples.event("ticket.created", payload: Samples.payload("ticket.created", ticket: ticket, message: m))
        XCTAssertEqual(destination("http://127.0.0.1:9").text(event), "Recibimos su mensaje y registramos el ticket INT-1001 (prioridad alta).")
        XCTAssertEqual(SlackDestination.text(event), "Nuevo ticket *INT-1001* · prioridad *alta*\n> No funciona la central")
    }
}
