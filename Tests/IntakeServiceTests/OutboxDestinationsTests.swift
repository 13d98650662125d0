import IntakeChannels
import IntakeCore
import IntakeDesk
import IntakeHTTP
@testable import IntakeService
import Synchronization
import IntakeTestSupport
import XCTest

/// Each destination through the worker, the pipeline's real rows and a real listener.
final class OutboxDestinationsTests: XCTestCase {
    func testSlackSecondNoticeGoesIntoTheFirstPostsThread() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(slack: true))
        let receiver = RecordingReceiver { _, index in .json(200, ["ok": true, "ts": .string("1717423261.00020\(index)")]) }
        let url = try receiver.start(in: self)
        XCTAssertEqual(try fixture.ingest(fixture.whatsapp("wamid.IN1", text: "Consulta: cómo cambio el horario")).outcome, .created)
        fixture.advance(60)
        XCTAssertEqual(try fixture.ingest(fixture.whatsapp("wamid.IN2", text: "[#INT-1001] se cayo todo, sistema caido")).outcome, .appended)
        XCTAssertEqual(try fixture.rows("slack").map(\.eventType), ["ticket.created", "ticket.priority_changed"])

        try fixture.worker(OutboxFixture.config { $0.slack.botToken = "xoxb-test"; $0.slack.apiBase = url + "/api" }).tick()

        let requests = receiver.received
        XCTAssertEqual(requests.map(\.path), ["/api/chat.postMessage", "/api/chat.postMessage"])
        XCTAssertEqual(requests.map { $0.header("Authorization") }, ["Bearer xoxb-test", "Bearer xoxb-test"])
        XCTAssertEqual(requests[0].json?["channel"], "C0ACMEPRIV")
        XCTAssertNil(requests[0].json?["thread_ts"])
        XCTAssertEqual(requests[0].json?["text"]?.stringValue?.hasPrefix("Nuevo ticket *INT-1001*"), true)
        XCTAssertEqual(requests[1].json?["thread_ts"], "1717423261.000200")
        XCTAssertEqual(requests[1].json?["text"]?.stringValue?.hasPrefix("Prioridad de *INT-1001* elevada a *crítica*"), true)
        XCTAssertEqual(try fixture.rows("slack").map(\.remoteID), ["1717423261.000200", "1717423261.000201"])
        XCTAssertEqual(try fixture.store.read { try $0.ticket(number: "INT-1001") }?.replyRoute.thread, "1717423261.000200")

        // The customer answers in the thread of our post: the ticket's, though it began on WhatsApp.
        var reply = InboundMessage(channel: .slack, externalID: "EvREPLY1", sender: .init(id: "U0JUANP"), conversation: "C0ACMEPRIV",
                                   threadKey: "C0ACMEPRIV:1717423261.000200", replyTo: "1717423261.000200", text: "Gracias, quedamos atentos")
        reply.metadata["slack_ts"] = "C0ACMEPRIV:1717423300.000100"
        let answer = try fixture.ingest(reply)
        XCTAssertEqual(answer.outcome, .appended)
        XCTAssertEqual(answer.ticketNumber, "INT-1001")
    }

    func testWhatsAppReplyRecordsItsIdAndTheStatusThatComesBack() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(whatsapp: true))
        let receiver = RecordingReceiver { _, _ in .json(200, ["messaging_product": "whatsapp", "messages": [["id": "wamid.OUT1"]]]) }
        let url = try receiver.start(in: self)
        _ = try fixture.ingest(fixture.whatsapp("wamid.IN1", text: "No funciona la central", from: "+5491100001111"))
        fixture.advance(30)
        let config = OutboxFixture.config {
            $0.whatsapp.accessToken = "EAAtest"; $0.whatsapp.phoneNumberID = "106540352242922"; $0.whatsapp.apiBase = url + "/v21.0"
        }

        try fixture.worker(config).tick()

        let request = try XCTUnwrap(receiver.received.first)
        XCTAssertEqual(request.path, "/v21.0/106540352242922/messages")
        XCTAssertEqual(request.header("Authorization"), "Bearer EAAtest")
        XCTAssertEqual(request.json?["to"], "5491100001111")
        XCTAssertEqual(request.json?["type"], "text")
        XCTAssertEqual(try fixture.rows("whatsapp").first?.remoteID, "wamid.OUT1")

        var status = InboundMessage(channel: .whatsapp, externalID: "status-wamid.OUT1-delivered", sender: .init(id: "+5491100001111"),
                                    kind: .status, targetID: "wamid.OUT1")
        status.metadata["status"] = "delivered"
        _ = try fixture.ingest(status)
        XCTAssertEqual(try fixture.rows("whatsapp").first?.remoteStatus, "delivered")

        // The customer quotes our message in the answer (`context.id`): that finds the ticket.
        var quoted = fixture.whatsapp("wamid.IN2", text: "Ahora sí funciona", from: "+5491100001111")
        quoted.replyTo = "wamid.OUT1"
        let answer = try fixture.ingest(quoted)
        XCTAssertEqual(answer.outcome, .appended)
        XCTAssertEqual(answer.reason, "reply to whatsapp:wamid.OUT1")
    }

    func testWhatsAppOutsideTheWindowIsSkippedUnsent() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(whatsapp: true))
        let receiver = RecordingReceiver()
        let url = try receiver.start(in: self)
        _ = try fixture.ingest(fixture.whatsapp("wamid.IN1", text: "No funciona la central", from: "+5491100001111"))
        fixture.advance(25 * 3600)
        let config = OutboxFixture.config {
            $0.whatsapp.accessToken = "EAAtest"; $0.whatsapp.phoneNumberID = "106540352242922"; $0.whatsapp.apiBase = url
        }

        try fixture.worker(config).tick()

        XCTAssertTrue(receiver.received.isEmpty)
        let row = try XCTUnwrap(fixture.rows("whatsapp").first)
        XCTAssertEqual(row.state, .skipped)
        XCTAssertEqual(row.lastError?.hasSuffix("template needed"), true)
    }

    func testZammadTicketIsCreatedThenRepliesBecomeArticles() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(desk: true))
        let receiver = RecordingReceiver { request, _ in
            request.path == "/api/v1/tickets" ? .json(201, ["id": 4711]) : .json(201, ["id": 9001, "ticket_id": 4711])
        }
        let url = try receiver.start(in: self)
        _ = try fixture.ingest(fixture.email("abc@acme.com.ar", text: "No funciona la central"))
        fixture.advance(5)
        _ = try fixture.ingest(fixture.email("def@acme.com.ar", text: "Sigue sin andar", replyTo: "abc@acme.com.ar"))

        try fixture.worker(OutboxFixture.config { $0.outbox.deskURL = url; $0.outbox.deskFormat = "zammad"; $0.outbox.deskToken = "zt" }).tick()

        let requests = receiver.received
        XCTAssertEqual(requests.map(\.path), ["/api/v1/tickets", "/api/v1/ticket_articles"])
        XCTAssertEqual(requests.map { $0.header("Authorization") }, ["Token token=zt", "Token token=zt"])
        XCTAssertEqual(requests[0].json?["customer_id"], "guess:juan.perez@acme.com.ar")
        XCTAssertEqual(requests[1].json?["ticket_id"], 4711)
        XCTAssertEqual(requests[1].json?["body"]?.stringValue?.hasSuffix("Sigue sin andar"), true)
        XCTAssertEqual(try fixture.rows("desk").map(\.remoteID), ["4711", "4711"])
        XCTAssertEqual(try fixture.store.read { try $0.remoteID(ticketID: 1, destination: "desk") }, "4711")
    }

    /// The ticket's first event died (Zammad refused it), a reply's event created the Zammad ticket, and
    /// the operator revived the first one, which became an article. The events after it still go to the
    /// Zammad ticket, never to the ticket whose id happens to equal that article's id (another
    /// customer's: articles are visible to customers).
    func testZammadEventsAfterARevivedFirstEventStayOnTheirTicket() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(desk: true))
        let receiver = RecordingReceiver { request, index in
            if index == 0 { return .error(422, "customer unknown") }
            return request.path == "/api/v1/tickets" ? .json(201, ["id": 4711]) : .json(201, ["id": .int(9000 + index), "ticket_id": 4711])
        }
        let url = try receiver.start(in: self)
        let worker = fixture.worker(OutboxFixture.config { $0.outbox.deskURL = url; $0.outbox.deskFormat = "zammad"; $0.outbox.deskToken = "zt" })
        _ = try fixture.ingest(fixture.email("abc@acme.com.ar", text: "No funciona la central"))
        fixture.advance(5)
        _ = try fixture.ingest(fixture.email("def@acme.com.ar", text: "Sigue sin andar", replyTo: "abc@acme.com.ar"))
        try worker.tick()
        let first = try XCTUnwrap(fixture.rows("desk").first)
        XCTAssertEqual(first.state, .dead)

        XCTAssertEqual(try fixture.store.write { try $0.retryOutbox(id: first.id, now: fixture.now) }, 1)
        try worker.tick()
        fixture.advance(5)
        _ = try fixture.ingest(fixture.email("ghi@acme.com.ar", text: "Ahora tampoco", replyTo: "def@acme.com.ar"))
        try worker.tick()

        let requests = receiver.received
        XCTAssertEqual(requests.map(\.path), ["/api/v1/tickets", "/api/v1/tickets", "/api/v1/ticket_articles", "/api/v1/ticket_articles"])
        XCTAssertEqual(requests[2].json?["ticket_id"], 4711)
        XCTAssertEqual(requests[3].json?["ticket_id"], 4711)
        XCTAssertEqual(try fixture.rows("desk").map(\.state), [.delivered, .delivered, .delivered])
    }

    func testEmailAcknowledgementIsSentOnceAndItsMessageIDFindsTheTicket() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(email: true))
        let mailer = RecordingMailer()
        _ = try fixture.ingest(fixture.email("abc@acme.com.ar", text: "No funciona la central"))

        try fixture.worker(OutboxFixture.config { $0.email.fromAddress = "soporte@example.com" }, mailer: mailer).tick()

        let sent = try XCTUnwrap(mailer.sent.first)
        XCTAssertEqual(mailer.sent.count, 1)
        XCTAssertEqual(sent.from, "soporte@example.com")
        XCTAssertEqual(sent.to, "juan.perez@acme.com.ar")
        let text = String(decoding: sent.message, as: UTF8.self)
        XCTAssertTrue(text.contains("In-Reply-To: <abc@acme.com.ar>"))
        XCTAssertTrue(text.contains("Auto-Submitted: auto-replied"))
        let row = try XCTUnwrap(fixture.rows("email").first)
        XCTAssertEqual(row.state, .delivered)
        let messageID = try XCTUnwrap(row.remoteID)
        XCTAssertTrue(text.contains("Message-ID: <\(messageID)>"))
        XCTAssertEqual(try fixture.store.read { try $0.ticketID(forRef: "email:" + messageID) }, row.ticketID)
        XCTAssertEqual(try fixture.store.read { try $0.acknowledgements(address: "juan.perez@acme.com.ar", day: "2024-06-03") }, 1)
    }

    func testNoAcknowledgementToNoReplySenders() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(email: true))
        let mailer = RecordingMailer()
        _ = try fixture.ingest(fixture.email("n1@acme.com.ar", text: "Aviso de sistema", from: "no-reply@acme.com.ar"))

        try fixture.worker(OutboxFixture.config { _ in }, mailer: mailer).tick()

        XCTAssertTrue(mailer.sent.isEmpty)
        XCTAssertEqual(try fixture.rows("email").first?.state, .skipped)
        XCTAssertEqual(try fixture.rows("email").first?.lastError, "acknowledgement not sent: no_reply")
    }

    func testTemporarySMTPFailureIsRetriedWithTheSameMessage() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(email: true))
        let mailer = RecordingMailer(failures: 1)
        _ = try fixture.ingest(fixture.email("abc@acme.com.ar", text: "No funciona la central"))
        let worker = fixture.worker(OutboxFixture.config { _ in }, mailer: mailer)

        try worker.tick()
        XCTAssertEqual(try fixture.rows("email").first?.state, .pending)
        fixture.advance(10)
        try worker.tick()

        XCTAssertEqual(mailer.attempts.count, 2)
        XCTAssertEqual(mailer.attempts[0], mailer.attempts[1], "the same bytes, the same Message-ID")
        XCTAssertEqual(try fixture.rows("email").first?.state, .delivered)
    }
}

/// Records what would go to the SMTP server; fails the first `failures` sends with a 4yz.
final class RecordingMailer: AcknowledgementMailer {
    private let state = Mutex<(attempts: [[UInt8]], sent: [(from: String, to: String, message: [UInt8])], failures: Int)>(([], [], 0))

    init(failures: Int = 0) {
        state.withLock { $0.failures = failures }
    }

    var attempts: [[UInt8]] { state.withLock { $0.attempts } }
    var sent: [(from: String, to: String, message: [UInt8])] { state.withLock { $0.sent } }

    func send(from: String, to: String, message: [UInt8]) throws(AcknowledgementMailError) {
        let fail = state.withLock { s -> Bool in
            s.attempts.append(message)
            if s.failures > 0 {
                s.failures -= 1
                return true
            }
            s.sent.append((from, to, message))
            return false
        }
        if fail { throw AcknowledgementMailError(isPermanent: false, message: "451 4.3.0 try again later") }
    }

    /// The mailbox we poll, when its login is an address, is never acknowledged (a mail an agent sends from
    /// it, or forwards back into it, would get an acknowledgement from itself).
    func testThePolledMailboxIsOneOfOurOwnAddresses() {
        var config = GatewayConfig()
        config.email.fromAddress = "no-reply@acme.com.ar"
        config.email.ownAddresses = ["mesa@acme.com.ar"]
        config.email.username = "soporte@acme.com.ar"
        XCTAssertEqual(ChannelAdapters.ownEmailAddresses(config), ["mesa@acme.com.ar", "no-reply@acme.com.ar", "soporte@acme.com.ar"])
        config.email.username = "soporte"
        XCTAssertEqual(ChannelAdapters.ownEmailAddresses(config), ["mesa@acme.com.ar", "no-reply@acme.com.ar"])
    }
}
