import Foundation
import IntakeCore
import IntakeDesk
import IntakeHTTP
@testable import IntakeService
import IntakeTestSupport
import Synchronization
import XCTest

final class OutboxWorkerTests: XCTestCase {
    /// Ticket created, then a reply appended: two desk events of one ticket.
    private func twoDeskEvents(_ fixture: OutboxFixture) throws -> [OutboxEvent] {
        XCTAssertEqual(try fixture.ingest(fixture.email("abc@acme.com.ar", text: "No funciona la central desde las 9")).outcome, .created)
        fixture.advance(5)
        XCTAssertEqual(try fixture.ingest(fixture.email("def@acme.com.ar", text: "Sigue sin andar", replyTo: "abc@acme.com.ar")).outcome, .appended)
        let rows = try fixture.rows("desk")
        XCTAssertEqual(rows.map(\.eventType), ["ticket.created", "message.appended"])
        return rows
    }

    func testFiveFailuresThenSuccessDeliversOnceAndInOrder() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(desk: true))
        let receiver = RecordingReceiver { _, index in index < 5 ? .error(500, "desk is down") : .json(200, ["ok": true]) }
        let url = try receiver.start(in: self)
        let rows = try twoDeskEvents(fixture)
        let worker = fixture.worker(OutboxFixture.config { $0.outbox.deskURL = url; $0.outbox.deskSecret = "whsec_c2VjcmV0" })

        for _ in 0..<10 { try worker.tick() }

        let keys = receiver.received.map { $0.header("Idempotency-Key") }
        XCTAssertEqual(keys, Array(repeating: rows[0].eventID, count: 6) + [rows[1].eventID], "the appended event waits behind the created one")
        let after = try fixture.rows("desk")
        XCTAssertEqual(after.map(\.state), [.delivered, .delivered])
        XCTAssertEqual(after.map(\.attempts), [6, 1])
        XCTAssertEqual(after[0].lastStatus, 200)
        XCTAssertNil(after[0].lastError)
        XCTAssertEqual(fixture.metrics.counter(MetricNames.outboxAttempts, [("destination", "desk"), ("result", "retry")]), 5)
        XCTAssertEqual(fixture.metrics.counter(MetricNames.outboxAttempts, [("destination", "desk"), ("result", "delivered")]), 2)
    }

    func testReceiverDownDeadLettersAtTheAttemptLimit() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(desk: true))
        let url = try RecordingReceiver.closedURL()
        _ = try twoDeskEvents(fixture)
        let worker = fixture.worker(OutboxFixture.config { $0.outbox.deskURL = url; $0.outbox.maxAttempts = 3 })

        try worker.tick()
        XCTAssertEqual(try fixture.rows("desk").map(\.state), [.pending, .pending])
        XCTAssertEqual(try fixture.rows("desk").map(\.attempts), [1, 0])
        try worker.tick()
        try worker.tick()
        let first = try XCTUnwrap(fixture.rows("desk").first)
        XCTAssertEqual(first.state, .dead)
        XCTAssertEqual(first.attempts, 3)
        XCTAssertEqual(first.lastError?.hasSuffix("gave up after 3 attempts"), true, first.lastError ?? "")
        XCTAssertEqual(fixture.metrics.counter(MetricNames.outboxAttempts, [("destination", "desk"), ("result", "dead")]), 1)
    }

    func testDeadLettersWhenTheEventOutlivesMaxAge() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(desk: true))
        let url = try RecordingReceiver.closedURL()
        _ = try fixture.ingest(fixture.email("abc@acme.com.ar", text: "No funciona la central"))
        let worker = fixture.worker(OutboxFixture.config { $0.outbox.deskURL = url; $0.outbox.maxAgeSeconds = 3600 })

        try worker.tick()
        XCTAssertEqual(try fixture.rows("desk").first?.state, .pending)
        fixture.advance(3600)
        try worker.tick()
        XCTAssertEqual(try fixture.rows("desk").first?.state, .dead)
        XCTAssertEqual(try fixture.rows("desk").first?.attempts, 2)
    }

    func testFailureWaitsForTheScheduledTime() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(desk: true))
        let receiver = RecordingReceiver { _, index in index == 0 ? .error(503, "busy") : .json(200, ["ok": true]) }
        let url = try receiver.start(in: self)
        _ = try fixture.ingest(fixture.email("abc@acme.com.ar", text: "No funciona la central"))
        let worker = fixture.worker(OutboxFixture.config { $0.outbox.deskURL = url; $0.outbox.scheduleSeconds = [60] })

        try worker.tick()
        XCTAssertEqual(try fixture.rows("desk").first?.nextAttemptAt, fixture.now.adding(seconds: 60))
        fixture.advance(59)
        try worker.tick()
        XCTAssertEqual(receiver.received.count, 1, "not due yet")
        fixture.advance(1)
        try worker.tick()
        XCTAssertEqual(receiver.received.count, 2)
        XCTAssertEqual(try fixture.rows("desk").first?.state, .delivered)
    }

    /// A crash after the receiver answered and before our commit: the row is still pending, so the
    /// next run sends it again, with the same key, and never a third time.
    func testSendWithoutCommitIsRedeliveredWithTheSameKeyOnce() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(desk: true))
        let receiver = RecordingReceiver()
        let url = try receiver.start(in: self)
        _ = try fixture.ingest(fixture.email("abc@acme.com.ar", text: "No funciona la central"))
        let worker = fixture.worker(OutboxFixture.config { $0.outbox.deskURL = url })

        let row = try XCTUnwrap(fixture.rows("desk").first)
        _ = try worker.deliverAll([row]).results
        XCTAssertEqual(try fixture.rows("desk").first?.state, .pending, "the result was never recorded")

        try worker.tick()
        try worker.tick()

        XCTAssertEqual(receiver.received.map { $0.header("Idempotency-Key") }, [row.eventID, row.eventID])
        XCTAssertEqual(receiver.received.map { $0.header("webhook-id") }, [row.eventID, row.eventID])
        XCTAssertEqual(try fixture.rows("desk").first?.state, .delivered)
    }

    func testPermanentRefusalGoesStraightToTheDeadLetters() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(desk: true))
        let receiver = RecordingReceiver { _, _ in .error(422, "unknown event") }
        let url = try receiver.start(in: self)
        _ = try fixture.ingest(fixture.email("abc@acme.com.ar", text: "No funciona la central"))
        let worker = fixture.worker(OutboxFixture.config { $0.outbox.deskURL = url })

        try worker.tick()

        let row = try XCTUnwrap(fixture.rows("desk").first)
        XCTAssertEqual(row.state, .dead)
        XCTAssertEqual(row.lastStatus, 422)
        XCTAssertEqual(row.lastError, #"HTTP 422: {"error":{"status":422,"message":"unknown event"}}"#, "what `outbox list` shows")
        XCTAssertEqual(receiver.received.count, 1)
        XCTAssertEqual(try fixture.store.write { try $0.retryOutbox(id: nil, now: fixture.now) }, 1, "retry --dead revives it")
        XCTAssertEqual(try fixture.rows("desk").first?.state, .pending)
    }

    /// An operator revives one dead event after fixing the desk (`intake outbox retry ID`): it gets its
    /// attempts back, as `retry --dead` gives them, instead of one attempt before it is dead again.
    func testOneRetriedDeadEventGetsItsAttemptsBack() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(desk: true))
        let url = try RecordingReceiver.closedURL()
        _ = try fixture.ingest(fixture.email("abc@acme.com.ar", text: "No funciona la central"))
        let worker = fixture.worker(OutboxFixture.config { $0.outbox.deskURL = url; $0.outbox.maxAttempts = 2 })
        try worker.tick()
        try worker.tick()
        let dead = try XCTUnwrap(fixture.rows("desk").first)
        XCTAssertEqual(dead.state, .dead)

        XCTAssertEqual(try fixture.store.write { try $0.retryOutbox(id: dead.id, now: fixture.now) }, 1)
        try worker.tick()

        let row = try XCTUnwrap(fixture.rows("desk").first)
        XCTAssertEqual(row.state, .pending, "one failure after the revival is not the end")
        XCTAssertEqual(row.attempts, 1)
    }

    /// The due events belong to different tickets: a slow desk gets several at once, and a ticket's
    /// second event still leaves only after its first is recorded.
    func testEventsOfDifferentTicketsAreDeliveredSeveralAtOnceEachTicketInOrder() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(desk: true))
        let inFlight = Mutex((now: 0, most: 0))
        let receiver = RecordingReceiver { _, _ in
            inFlight.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            Thread.sleep(forTimeInterval: 0.2)
            inFlight.withLock { $0.now -= 1 }
            return .json(200, ["ok": true])
        }
        let url = try receiver.start(in: self)
        for i in 0..<6 {
            let sender = "persona\(i)@acme.com.ar"
            XCTAssertEqual(try fixture.ingest(fixture.email("m\(i)@acme.com.ar", text: "Pedido \(i): la central no anda", from: sender)).outcome, .created)
        }
        XCTAssertEqual(try fixture.ingest(fixture.email("r0@acme.com.ar", text: "Sigue sin andar", replyTo: "m0@acme.com.ar",
                                                        from: "persona0@acme.com.ar")).outcome, .appended)
        let rows = try fixture.rows("desk")
        XCTAssertEqual(rows.count, 7)

        try fixture.worker(OutboxFixture.config { $0.outbox.deskURL = url; $0.outbox.concurrency = 4 }).tick()

        XCTAssertEqual(try fixture.rows("desk").map(\.state), Array(repeating: .delivered, count: 7))
        XCTAssertGreaterThan(inFlight.withLock { $0.most }, 1, "deliveries overlapped")
        let keys = receiver.received.map { $0.header("Idempotency-Key") }
        let created = try XCTUnwrap(keys.firstIndex(of: rows[0].eventID))
        let appended = try XCTUnwrap(keys.firstIndex(of: rows[6].eventID))
        XCTAssertLessThan(created, appended, "the reply's event waits for the ticket's first")
    }

    /// A 429 with `Retry-After` is the destination's limit, not the event's: the other tickets' events
    /// wait for it too instead of each spending an attempt on a certain refusal.
    func testRetryAfterHoldsEveryEventOfTheDestination() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(desk: true))
        let receiver = RecordingReceiver { _, index in
            index == 0 ? IntakeHTTP.HTTPResponse(status: 429, headers: [("Retry-After", "120")]) : .json(200, ["ok": true])
        }
        let url = try receiver.start(in: self)
        for i in 0..<3 {
            _ = try fixture.ingest(fixture.email("m\(i)@acme.com.ar", text: "Pedido \(i): la central no anda", from: "persona\(i)@acme.com.ar"))
        }
        let worker = fixture.worker(OutboxFixture.config { $0.outbox.deskURL = url; $0.outbox.concurrency = 1 })

        try worker.tick()
        XCTAssertEqual(receiver.received.count, 1, "nothing more after the 429")
        let held = try fixture.rows("desk")
        XCTAssertEqual(held.map(\.state), [.pending, .pending, .pending])
        XCTAssertEqual(held.map(\.attempts), [1, 0, 0])
        XCTAssertEqual(held.map(\.nextAttemptAt), Array(repeating: fixture.now.adding(seconds: 120), count: 3))

        fixture.advance(119)
        try worker.tick()
        XCTAssertEqual(receiver.received.count, 1, "still waiting")
        fixture.advance(1)
        try worker.tick()
        XCTAssertEqual(receiver.received.count, 4)
        XCTAssertEqual(try fixture.rows("desk").map(\.state), [.delivered, .delivered, .delivered])
    }

    /// A Retry-After longer than an event may live (a proxy's bogus header) holds the destination only
    /// that long: waiting longer could only end with its events pending for years, unsent and unnoticed.
    func testRetryAfterIsHonouredAtMostForTheEventsMaxAge() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(desk: true))
        let receiver = RecordingReceiver { _, _ in IntakeHTTP.HTTPResponse(status: 503, headers: [("Retry-After", "999999999")]) }
        let url = try receiver.start(in: self)
        for i in 0..<2 {
            _ = try fixture.ingest(fixture.email("m\(i)@acme.com.ar", text: "Pedido \(i): la central no anda", from: "persona\(i)@acme.com.ar"))
        }
        let worker = fixture.worker(OutboxFixture.config { $0.outbox.deskURL = url; $0.outbox.concurrency = 1; $0.outbox.maxAgeSeconds = 3600 })

        try worker.tick()
        XCTAssertEqual(try fixture.rows("desk").map(\.nextAttemptAt), Array(repeating: fixture.now.adding(seconds: 3600), count: 2))
        fixture.advance(3600)
        try worker.tick()
        XCTAssertEqual(try fixture.rows("desk").first?.state, .dead)
    }

    /// A backlog (the desk was down for an hour) is worked off over several ticks of about two
    /// intervals each, not in one: `/healthz` counts a worker whose tick has not finished for three
    /// intervals as stuck, and `serve` stops between ticks.
    func testATickStopsDeliveringAfterTwoIntervals() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(desk: true))
        let receiver = RecordingReceiver { _, _ in
            Thread.sleep(forTimeInterval: 0.2)
            return .json(200, ["ok": true])
        }
        let url = try receiver.start(in: self)
        for i in 0..<12 {
            _ = try fixture.ingest(fixture.email("m\(i)@acme.com.ar", text: "Pedido \(i): la central no anda", from: "persona\(i)@acme.com.ar"))
        }
        let worker = fixture.worker(OutboxFixture.config {
            $0.outbox.deskURL = url; $0.outbox.concurrency = 1; $0.outbox.pollIntervalSeconds = 0.25
        })

        let started = Date()
        try worker.tick()
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.2, "two intervals of work, and the delivery under way")
        XCTAssertGreaterThan(try fixture.rows("desk").filter { $0.state == .pending }.count, 0)
        for _ in 0..<12 { try worker.tick() }
        XCTAssertEqual(try fixture.rows("desk").map(\.state), Array(repeating: .delivered, count: 12))
        XCTAssertEqual(receiver.received.count, 12)
    }

    func testEventOfAnUnconfiguredDestinationIsSkipped() throws {
        let fixture = try OutboxFixture(test: self, destinations: .init(email: true))
        _ = try fixture.ingest(fixture.email("abc@acme.com.ar", text: "No funciona la central"))
        try fixture.worker(OutboxFixture.config { _ in }).tick()
        let row = try XCTUnwrap(fixture.rows("email").first)
        XCTAssertEqual(row.state, .skipped)
        XCTAssertEqual(row.lastError, "no email destination is configured")
    }
}
