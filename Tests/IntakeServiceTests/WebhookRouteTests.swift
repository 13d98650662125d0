import Curl
import Foundation
import IntakeChannels
import IntakeCore
import IntakeDesk
import IntakeHTTP
import IntakeService
import IntakeTestSupport
import XCTest

/// The webhook routes through a real server on a loopback port, a real store file, and libcurl as the
/// client: signatures (valid, forged, stale, missing secret), redeliveries, the WhatsApp handshake,
/// Twilio, CTI and call-log tokens, health and metrics.
final class WebhookRouteTests: XCTestCase {
    static let slackSecret = "slack-secret"
    static let metaSecret = "meta-secret"
    static let twilioToken = "twilio-token"
    var dir: String!
    var context: IntakeContext!
    var server: HTTPServer!
    var base: String!
    let client = HTTPClient()

    override func setUpWithError() throws {
        try start(configure: { c in
            c.slack.signingSecret = Self.slackSecret
            c.whatsapp.appSecret = Self.metaSecret
            c.whatsapp.verifyToken = "verify-me"
            c.twilio.authToken = Self.twilioToken
            c.twilio.publicURL = "https://intake.example.com"
            c.phone.ctiToken = "cti-token"
            c.phone.callsToken = "calls-token"
            c.outbox.deskCallbackToken = "desk-token"
        })
    }

    func start(configure: (inout GatewayConfig) -> Void) throws {
        dir = try TestPaths.temporaryDirectory("intake-routes").path
        var config = GatewayConfig()
        configure(&config)
        let store = try DeskStore(path: dir + "/desk.sqlite")
        let directory = CustomerDirectory(customers: [
            Customer(id: "acme", name: "ACME", slackChannel: "C0ACMEPRIV", phones: ["+54 11 4321-5000"], whatsapp: ["+54 9 11 5276-9999"]),
            Customer(id: "andes", name: "Andes", slackChannel: "C0ANDESPRIV", locale: "en"),
            Customer(id: "pampa", name: "Pampa", contract: .suspended, slackChannel: "C0PAMPAPRIV"),
        ])
        context = IntakeContext(config: config, directory: directory, store: store, logger: Logger(level: .error), metrics: Metrics())
        let responder = WebhookResponder(context: context, health: HealthReporter(context: context))
        server = HTTPServer(configuration: HTTPServerConfiguration(port: 0), responder: responder)
        try server.start()
        base = "http://127.0.0.1:\(server.port)"
    }

    override func tearDown() {
        server.shutdown(gracePeriod: 2)
        context.queue.stop()
        try? FileManager.default.removeItem(atPath: dir)
    }

    func post(_ path: String, _ body: [UInt8], _ headers: [(String, String)]) throws -> Curl.HTTPResponse {
        try client.request(method: "POST", url: base + path, headers: headers.map { HTTPHeader(name: $0.0, value: $0.1) }, body: body)
    }

    func slackEvent(_ id: String, text: String = "no funciona el discador") -> [UInt8] {
        Array(#"{"type":"event_callback","team_id":"T1","event_id":"\#(id)","event_time":1764000000,"event":{"type":"message","channel":"C0ACMEPRIV","user":"U0JUANP","text":"\#(text)","ts":"1764000000.000100"}}"#.utf8)
    }

    func slackHeaders(_ body: [UInt8], secret: String = WebhookRouteTests.slackSecret, timestamp: Int64 = Timestamp.now().seconds) -> [(String, String)] {
        let sig = "v0=" + Hex.encode(HMAC.sha256(key: Array(secret.utf8), message: Array("v0:\(timestamp):".utf8) + body))
        return [("Content-Type", "application/json"), ("X-Slack-Request-Timestamp", String(timestamp)), ("X-Slack-Signature", sig)]
    }

    func tickets() throws -> Int { try context.store.read { try $0.ticketCount() } }

    func testSignedSlackEventIsStoredOnceAndRedeliveriesAreAcknowledged() throws {
        let body = slackEvent("EvROUTE1")
        XCTAssertEqual(try post("/webhooks/slack/events", body, slackHeaders(body)).status, 200)
        var retry = slackHeaders(body)
        retry.append(("X-Slack-Retry-Num", "1"))
        let again = try post("/webhooks/slack/events", body, retry)
        XCTAssertEqual(again.status, 200)
        XCTAssertTrue(String(decoding: again.body, as: UTF8.self).contains("duplicate"))
        XCTAssertEqual(try tickets(), 1)
    }

    func testForgedStaleAndUnsignedSlackRequestsAreRefusedWithJSON() throws {
        let body = slackEvent("EvROUTE2")
        let forged = try post("/webhooks/slack/events", body, slackHeaders(body, secret: "other"))
        XCTAssertEqual(forged.status, 401)
        XCTAssertEqual(try JSONParser.parse(forged.body)["error"]?["status"], 401)
        XCTAssertEqual(try post("/webhooks/slack/events", body, slackHeaders(body, timestamp: Timestamp.now().seconds - 600)).status, 401)
        XCTAssertEqual(try post("/webhooks/slack/events", body, [("Content-Type", "application/json")]).status, 401)
        var doubled = slackHeaders(body)
        doubled.append(doubled[2])
        XCTAssertEqual(try post("/webhooks/slack/events", body, doubled).status, 400)
        XCTAssertEqual(try tickets(), 0)
        XCTAssertEqual(context.metrics.counter(MetricNames.signatureFailures, [("channel", "slack")]), 3)
    }

    func testURLVerificationAnswersTheChallenge() throws {
        let body = Array(#"{"type":"url_verification","token":"x","challenge":"abc123"}"#.utf8)
        let r = try post("/webhooks/slack/events", body, slackHeaders(body))
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(try JSONParser.parse(r.body)["challenge"], "abc123")
    }

    /// A signed `/soporte` command with `text`; the answer must be a 200 with an ephemeral message.
    func slashCommand(_ text: String, extra: String = "", channel: String = "C0ACMEPRIV") throws -> JSONValue {
        let body = Array("command=%2Fsoporte&text=\(text)&user_id=U0JUANP&user_name=juan&channel_id=\(channel)&team_id=T1\(extra)".utf8)
        var headers = slackHeaders(body)
        headers[0] = ("Content-Type", "application/x-www-form-urlencoded")
        let r = try post("/webhooks/slack/commands", body, headers)
        XCTAssertEqual(r.status, 200)
        let json = try JSONParser.parse(r.body)
        XCTAssertEqual(json["response_type"], "ephemeral")
        return json
    }

    func testSlashCommandAnswersWithTheTicketAndDeadline() throws {
        let json = try slashCommand("critica+no+entra+ninguna+llamada", extra: "&trigger_id=13345224609.738474920.8088930838d88f008e0")
        let text = try XCTUnwrap(json["text"]?.stringValue)
        XCTAssertTrue(text.contains("INT-") && text.contains("crítica"), text)
        // The deadline is Slack's date token, read in each person's time zone, not a UTC ISO timestamp.
        XCTAssertTrue(text.contains("primera respuesta antes de <!date^"), text)
        XCTAssertFalse(text.contains("Z>"), "no ISO timestamp, not even in the token's fallback: \(text)")
    }

    /// `/soporte` alone (or with only a priority) has nothing to open a ticket about: it gets the usage.
    func testAnEmptySlashCommandAnswersWithUsageAndOpensNoTicket() throws {
        for text in ["", "+++", "critica", "ayuda", "help", "alta+AYUDA"] {
            let json = try slashCommand(text)
            XCTAssertTrue(json["text"]?.stringValue?.contains("/soporte [critica|alta|media|baja]") == true, "\(text): \(json)")
        }
        XCTAssertEqual(try tickets(), 0)
    }

    /// In the channel of a customer whose locale is English, both answers are in English (they were Spanish).
    func testASlashCommandInAnEnglishCustomersChannelIsAnsweredInEnglish() throws {
        let usage = try slashCommand("help", channel: "C0ANDESPRIV")
        XCTAssertTrue(usage["text"]?.stringValue?.hasPrefix("Tell us what is happening: /soporte [critical|high|medium|low]") == true, "\(usage)")
        let json = try slashCommand("high+the+IVR+is+down", extra: "&trigger_id=13345224609.738474920.1", channel: "C0ANDESPRIV")
        let text = try XCTUnwrap(json["text"]?.stringValue)
        XCTAssertTrue(text.hasPrefix("Ticket INT-") && text.contains("registered — priority high, first response by <!date^"), text)
    }

    /// A customer whose contract is suspended is outside the agreement: the answer promises no deadline.
    func testASlashCommandOfASuspendedCustomerPromisesNoDeadline() throws {
        let json = try slashCommand("alta+no+entran+llamadas", extra: "&trigger_id=13345224609.738474920.2", channel: "C0PAMPAPRIV")
        let text = try XCTUnwrap(json["text"]?.stringValue)
        XCTAssertTrue(text.hasPrefix("Ticket INT-") && text.hasSuffix("registrado — prioridad alta."), text)
    }

    /// Slack's certificate check of a command URL: a signed `ssl_check=1` without a command.
    func testASlackSSLCheckIsAnsweredOKAndStoresNothing() throws {
        let body = Array("ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO".utf8)
        var headers = slackHeaders(body)
        headers[0] = ("Content-Type", "application/x-www-form-urlencoded")
        XCTAssertEqual(try post("/webhooks/slack/commands", body, headers).status, 200)
        XCTAssertEqual(try tickets(), 0)
        XCTAssertEqual(try context.store.read { try $0.messageCount() }, 0)
    }

    func testAChannelWithoutItsSecretRefusesEverything() throws {
        tearDown()
        try start(configure: { _ in })
        let body = slackEvent("EvROUTE3")
        let r = try post("/webhooks/slack/events", body, slackHeaders(body))
        XCTAssertEqual(r.status, 403)
        XCTAssertTrue(String(decoding: r.body, as: UTF8.self).contains("signing secret"))
        XCTAssertEqual(try post("/webhooks/whatsapp", [1], []).status, 403)
        XCTAssertEqual(try post("/webhooks/cti", [1], []).status, 403)
        XCTAssertEqual(try post("/webhooks/desk", [1], []).status, 403)
        XCTAssertEqual(try tickets(), 0)
    }

    func testWhatsAppHandshakeAndSignedCloudPost() throws {
        let ok = try client.request(method: "GET", url: base + "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444")
        XCTAssertEqual(ok.status, 200)
        XCTAssertEqual(String(decoding: ok.body, as: UTF8.self), "1158201444")
        XCTAssertEqual(try client.request(method: "GET", url: base + "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1").status, 403)
        let body = Array(#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"5491100000000","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Juan"},"wa_id":"5491152769999"}],"messages":[{"from":"5491152769999","id":"wamid.ROUTE1","timestamp":"1764000000","type":"text","text":{"body":"el discador no marca"}}]}}]}]}"#.utf8)
        let sig = "sha256=" + Hex.encode(HMAC.sha256(key: Array(Self.metaSecret.utf8), message: body))
        XCTAssertEqual(try post("/webhooks/whatsapp", body, [("X-Hub-Signature-256", "sha256=" + String(repeating: "0", count: 64))]).status, 401)
        XCTAssertEqual(try post("/webhooks/whatsapp", body, [("X-Hub-Signature-256", sig)]).status, 200)
        let t = try XCTUnwrap(try context.store.read { try $0.tickets() }.first)
        XCTAssertEqual(t.customerID, "acme")
    }

    /// A form body and its `X-Twilio-Signature` over the public URL and the sorted parameters.
    func twilioForm(_ params: [(String, String)]) -> (body: [UInt8], signature: String) {
        let body = Array(params.map { "\($0.0)=\(FormURLEncoded.encode($0.1))" }.joined(separator: "&").utf8)
        let signed = "https://intake.example.com/webhooks/twilio" + params.sorted { $0.0 < $1.0 }.map { $0.0 + $0.1 }.joined()
        return (body, Base64.encode(HMAC.sha1(key: Array(Self.twilioToken.utf8), message: Array(signed.utf8))))
    }

    func testTwilioSignatureCoversThePublicURLAndSortedParameters() throws {
        let (body, sig) = twilioForm([("From", "whatsapp:+5491152769999"), ("To", "whatsapp:+14155238886"), ("Body", "no anda el softphone"),
                                      ("MessageSid", "SM0123456789abcdef0123456789abcdef"), ("NumMedia", "0"), ("ProfileName", "Juan"),
                                      ("WaId", "5491152769999")])
        let form = ("Content-Type", "application/x-www-form-urlencoded")
        XCTAssertEqual(try post("/webhooks/twilio", body, [form, ("X-Twilio-Signature", "AAAA")]).status, 401)
        let r = try post("/webhooks/twilio", body, [form, ("X-Twilio-Signature", sig)])
        XCTAssertEqual(r.status, 200)
        XCTAssertTrue(String(decoding: r.body, as: UTF8.self).contains("<Response>"))
        XCTAssertEqual(try tickets(), 1)
    }

    func testTwilioConversationsWebhooksAreAcceptedAndOnlyAWhatsAppAuthorsMessageIsATicket() throws {
        let conversation = ("ConversationSid", "CH5a1e0c3f2b7d4e6a8c9b0d1e2f3a4b5c")
        let events: [[(String, String)]] = [
            [("EventType", "onConversationAdded"), conversation, ("MessagingBinding.Address", "whatsapp:+5491152769999")],
            [("EventType", "onParticipantAdded"), conversation, ("ParticipantSid", "MB3b4c5d6e7f80912a3b4c5d6e7f809123")],
            [("EventType", "onMessageAdded"), conversation, ("Author", "whatsapp:+5491152769999"), ("Body", "no anda el softphone"),
             ("MessageSid", "IM7c2e5a9b0d1f4e3c8a6b2d0f9e8c7a6b"), ("Source", "WHATSAPP"), ("DateCreated", "2025-11-24T12:05:31.482Z")],
            [("EventType", "onDeliveryUpdated"), conversation, ("MessageSid", "IM7c2e5a9b0d1f4e3c8a6b2d0f9e8c7a6b"), ("Status", "read")],
        ]
        for params in events {
            let (body, sig) = twilioForm(params)
            let r = try post("/webhooks/twilio", body, [("Content-Type", "application/x-www-form-urlencoded"), ("X-Twilio-Signature", sig)])
            XCTAssertEqual(r.status, 200, "\(params[0].1): \(String(decoding: r.body, as: UTF8.self))")
        }
        let t = try XCTUnwrap(try context.store.read { try $0.tickets() }.first)
        XCTAssertEqual(t.customerID, "acme")
        XCTAssertEqual(try tickets(), 1)
    }

    /// `twilio.public_url` names the site Twilio posts to, with or without a trailing slash, or the whole
    /// webhook URL as entered in Twilio's console; the request's query string is signed too.
    func testThePublicURLMayBeTheSiteOrTheWholeWebhookURL() throws {
        let table: [(publicURL: String, path: String, signedURL: String)] = [
            ("https://intake.example.com/", "/webhooks/twilio", "https://intake.example.com/webhooks/twilio"),
            ("https://intake.example.com/webhooks/twilio", "/webhooks/twilio", "https://intake.example.com/webhooks/twilio"),
            ("https://intake.example.com:8443/webhooks/twilio/", "/webhooks/twilio", "https://intake.example.com:8443/webhooks/twilio"),
            ("https://intake.example.com/webhooks/twilio", "/webhooks/twilio?tenant=acme", "https://intake.example.com/webhooks/twilio?tenant=acme"),
            ("https://example.com/intake", "/webhooks/twilio", "https://example.com/intake/webhooks/twilio"),
            ("https://intake.example.com/webhooks/twilio?tenant=acme", "/webhooks/twilio?tenant=acme",
             "https://intake.example.com/webhooks/twilio?tenant=acme"),
        ]
        for (index, row) in table.enumerated() {
            tearDown()
            try start(configure: { c in
                c.twilio.authToken = Self.twilioToken
                c.twilio.publicURL = row.publicURL
            })
            let sid = "SM\(index)"
            let body = Array("Body=hola&From=whatsapp%3A%2B5491152769999&MessageSid=\(sid)&To=whatsapp%3A%2B14155238886".utf8)
            let signed = row.signedURL + "Bodyhola" + "Fromwhatsapp:+5491152769999" + "MessageSid\(sid)" + "Towhatsapp:+14155238886"
            let sig = Base64.encode(HMAC.sha1(key: Array(Self.twilioToken.utf8), message: Array(signed.utf8)))
            let r = try post(row.path, body, [("Content-Type", "application/x-www-form-urlencoded"), ("X-Twilio-Signature", sig)])
            XCTAssertEqual(r.status, 200, "\(row.publicURL) \(row.path): " + String(decoding: r.body, as: UTF8.self))
        }
    }

    func testCTIHangupOfAnUnansweredCallCreatesAMissedCallTicketOnce() throws {
        let auth = ("Authorization", "Bearer cti-token")
        let newCall = Array(#"{"event":"newCall","from":"+541143215000","to":"+541140000000","direction":"inbound","callId":"call-42"}"#.utf8)
        let hangup = Array(#"{"event":"hangup","from":"+541143215000","to":"+541140000000","direction":"inbound","callId":"call-42","cause":"NO_ANSWER"}"#.utf8)
        XCTAssertEqual(try post("/webhooks/cti", newCall, [("Authorization", "Bearer wrong")]).status, 401)
        XCTAssertEqual(try post("/webhooks/cti", hangup, [auth]).status, 200)
        XCTAssertEqual(try post("/webhooks/cti", newCall, [auth]).status, 200)
        XCTAssertEqual(try post("/webhooks/cti", hangup, [auth]).status, 200)
        let list = try context.store.read { try $0.tickets() }
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(list.first?.customerID, "acme")
    }

    /// The tracker loads only the call an event names: a call whose hangup never reached us is closed by
    /// a later CTI request, once silent for the abandon time, as a missed call; once.
    func testACallWhoseHangupWasLostBecomesAMissedCallAtALaterRequest() throws {
        let auth = ("Authorization", "Bearer cti-token")
        let fiveHoursAgo = Timestamp.now().adding(seconds: -5 * 3600)
        var tracker = CTICallTracker()
        _ = tracker.apply(CTIEvent(kind: .newCall, callID: "lost-1", from: "+541143215000", to: "+541140000000", direction: .inbound), now: fiveHoursAgo)
        let state = try XCTUnwrap(tracker.calls["lost-1"]).json
        try context.store.write { try $0.saveCTICall(id: "lost-1", state: state, at: fiveHoursAgo) }
        let other = Array(#"{"event":"newCall","from":"+541143215001","to":"+541140000000","direction":"inbound","callId":"call-43"}"#.utf8)
        XCTAssertEqual(try post("/webhooks/cti", other, [auth]).status, 200)
        let tickets = try context.store.read { try $0.tickets() }
        XCTAssertEqual(tickets.count, 1)
        XCTAssertEqual(tickets.first?.customerID, "acme")
        XCTAssertEqual(try post("/webhooks/cti", other, [auth]).status, 200)
        XCTAssertEqual(try context.store.read { try $0.tickets() }.count, 1)
    }

    func testOperatorCallLogNeedsItsTokenAndNamesABadField() throws {
        let log = Array(#"{"from":"+54 9 11 5276-9999","operator":"ana","direction":"inbound","started_at":"2026-11-25T12:00:00Z","duration":180,"notes":"No puede loguearse en la consola","priority":"high"}"#.utf8)
        XCTAssertEqual(try post("/calls", log, []).status, 401)
        XCTAssertEqual(try post("/calls", log, [("Authorization", "Bearer calls-token")]).status, 200)
        let bad = try post("/calls", Array(#"{"from":"no tengo","operator":"ana","notes":"x"}"#.utf8), [("Authorization", "Bearer calls-token")])
        XCTAssertEqual(bad.status, 400)
        XCTAssertTrue(String(decoding: bad.body, as: UTF8.self).contains("from"))
        XCTAssertEqual(try context.store.read { try $0.tickets().first?.priority }, .high)
    }

    /// The desk resolves a ticket: recorded with the token, refused without it, 404 for a number we do
    /// not have, 400 for a body we cannot read; the change is not queued back to the desk.
    func testTheDeskSetsATicketsStatusWithItsToken() throws {
        let created = try post("/webhooks/slack/events", slackEvent("Ev1"), slackHeaders(slackEvent("Ev1")))
        XCTAssertEqual(created.status, 200)
        let number = try XCTUnwrap(try context.store.read { try $0.tickets().first?.number })
        let auth = ("Authorization", "Bearer desk-token")
        let body = Array(#"{"ticket":"\#(number)","status":"resolved","note":"fixed in the desk"}"#.utf8)
        XCTAssertEqual(try post("/webhooks/desk", body, [("Authorization", "Bearer nope")]).status, 401)
        let resolved = try post("/webhooks/desk", body, [auth])
        XCTAssertEqual(resolved.status, 200, String(decoding: resolved.body, as: UTF8.self))
        XCTAssertEqual(try JSONParser.parse(resolved.body)["changed"], true)
        XCTAssertEqual(try context.store.read { try $0.ticket(number: number)?.status }, .resolved)
        // Zammad's `closed` is done, not final: resolved stays resolved; a ticket we closed stays closed.
        let zammad = Array(#"{"ticket":{"number":"31001","title":"No funciona el discador [#\#(number)]","state":{"name":"closed"}}}"#.utf8)
        XCTAssertEqual(try post("/webhooks/desk", zammad, [auth]).status, 200)
        XCTAssertEqual(try context.store.read { try $0.ticket(number: number)?.status }, .resolved)
        XCTAssertEqual(try post("/webhooks/desk", Array(#"{"ticket":"\#(number)","status":"closed"}"#.utf8), [auth]).status, 200)
        let echo = try post("/webhooks/desk", zammad, [auth])
        XCTAssertEqual(try JSONParser.parse(echo.body)["changed"], false)
        XCTAssertEqual(try context.store.read { try $0.ticket(number: number)?.status }, .closed)
        XCTAssertEqual(try post("/webhooks/desk", Array(#"{"ticket":"INT-9999","status":"closed"}"#.utf8), [auth]).status, 404)
        let bad = try post("/webhooks/desk", Array(#"{"ticket":"\#(number)","status":"listo"}"#.utf8), [auth])
        XCTAssertEqual(bad.status, 400)
        XCTAssertTrue(String(decoding: bad.body, as: UTF8.self).contains("unknown status"))
        XCTAssertTrue(try context.store.read { try $0.outbox() }.filter { $0.eventType == "ticket.status_changed" }.isEmpty)
    }

    func testHealthAndMetrics() throws {
        let health = try client.request(method: "GET", url: base + "/healthz")
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(try JSONParser.parse(health.body)["store"]?["writable"], true)
        let body = slackEvent("EvROUTE9")
        _ = try post("/webhooks/slack/events", body, slackHeaders(body))
        let after = try JSONParser.parse(try client.request(method: "GET", url: base + "/healthz").body)
        XCTAssertNotNil(after["channels"]?["slack"]?["last_success"]?.stringValue, "the Slack channel's last success is shown")
        XCTAssertEqual(after["channels"]?["email"]?["last_success"], .null)
        let metrics = String(decoding: try client.request(method: "GET", url: base + "/metrics").body, as: UTF8.self)
        XCTAssertTrue(metrics.contains("# TYPE intake_messages_total counter"), metrics)
        XCTAssertTrue(metrics.contains(#"intake_messages_total{channel="slack",outcome="created"} 1"#), metrics)
        XCTAssertTrue(metrics.contains(#"intake_sla_open_tickets{priority="high"} 1"#), metrics)
        XCTAssertEqual(try client.request(method: "GET", url: base + "/nope").status, 404)
        let refused = try client.request(method: "DELETE", url: base + "/healthz")
        XCTAssertEqual(refused.status, 405)
        XCTAssertEqual(refused.headers.first { $0.name.lowercased() == "allow" }?.value, "GET, HEAD", "a 405 names what the route allows")
        XCTAssertEqual(try client.request(method: "PUT", url: base + "/webhooks/slack/events").headers.first { $0.name.lowercased() == "allow" }?.value, "POST")
        let head = try client.request(method: "HEAD", url: base + "/metrics")
        XCTAssertEqual(head.status, 200, "HEAD wherever GET is answered")
        XCTAssertTrue(head.body.isEmpty)
    }
}
