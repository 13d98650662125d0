import Foundation
import IntakeCore
@testable import IntakeDesk
import SQLite
import XCTest

/// The store's append-ordered layout (schema 4): raw payloads by id, content fingerprints found through
/// the in-memory window, decisions on the message row, and the upgrade of a version 3 store.
final class StoreLayoutTests: XCTestCase {
    var fx: DeskFixture!

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    func testAPayloadOfRedeliveriesKeepsNoSecondCopyOfItsBytes() throws {
        let m = DeskFixture.slack("Ev10", ts: "10.1", text: "el softphone se desconecta cada 5 minutos")
        try fx.ingest([m])
        try fx.ingest([m])
        let partly = [m, DeskFixture.slack("Ev11", ts: "11.1", text: "y ahora tampoco hay audio en las llamadas")]
        let results = try fx.ingest(partly)
        XCTAssertEqual(results.map(\.outcome), [.duplicate, .created])
        XCTAssertEqual(try fx.store.read { try $0.rawPayloads().count }, 2, "the first delivery and the payload with a new message")
    }

    func testAnEmptyBodyIsKeptAsAnEmptyPayload() throws {
        let pipeline = IngestPipeline(settings: fx.settings)
        let empty = IngestPayload(channel: .slack, raw: [], source: "test", messages: [], error: "empty body")
        XCTAssertEqual(try fx.store.write { try pipeline.ingest(empty, records: $0, now: Timestamp(seconds: 1_764_000_000)) }.count, 0)
        XCTAssertEqual(try fx.store.read { try $0.rawPayloads().map(\.body) }, [[]])
    }

    func testTheSameMessageTwiceInOnePayloadIsOneMessage() throws {
        let m = DeskFixture.whatsapp("wamid.twice", text: "no entra ninguna llamada a la cola de ventas")
        let results = try fx.ingest([m, m])
        XCTAssertEqual(results.map(\.outcome), [.created, .duplicate])
        XCTAssertEqual(try fx.store.read { try $0.messageCount() }, 1)
    }

    func testContentCommittedByAnotherConnectionIsADuplicate() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let other = try fx.reopen()
        // Both connections have loaded their window before the other one writes.
        try fx.ingest([DeskFixture.slack("Ev20", ts: "20.1", text: "consulta por el reporte mensual de llamadas")], at: t0)
        try fx.ingest([DeskFixture.slack("Ev21", ts: "21.1", text: "consulta por la facturación de noviembre")], at: t0, into: other)
        let first = try fx.ingest([DeskFixture.whatsapp("wamid.20", text: "la grabadora no guarda las llamadas salientes")], at: t0.adding(seconds: 10), into: other)
        let again = try fx.ingest([DeskFixture.whatsapp("wamid.21", text: "La grabadora no guarda las llamadas salientes")], at: t0.adding(seconds: 20))
        XCTAssertEqual(again[0].outcome, .duplicate)
        XCTAssertEqual(again[0].ticketNumber, first[0].ticketNumber)
    }

    func testFingerprintsOfARolledBackTransactionAreForgotten() throws {
        struct Abort: Error {}
        let pipeline = IngestPipeline(settings: fx.settings)
        let t0 = Timestamp(seconds: 1_764_000_000)
        let m = DeskFixture.whatsapp("wamid.30", text: "el IVR corta la llamada al elegir la opción 2")
        let payload = IngestPayload(channel: .whatsapp, raw: Array("x".utf8), source: "test", messages: [m])
        XCTAssertThrowsError(try fx.store.write { records in
            _ = try pipeline.ingest(payload, records: records, now: t0)
            throw Abort()
        })
        let retry = try fx.ingest([DeskFixture.whatsapp("wamid.31", text: "el IVR corta la llamada al elegir la opción 2")], at: t0)
        XCTAssertEqual(retry[0].outcome, .created)
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 1)
    }

    func testTheWindowReadBackAfterARestartEndsAtItsEdge() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let window = Int64(fx.settings.dedupeWindowSeconds)
        let text = "el softphone no registra en la central desde el corte de luz"
        let first = try fx.ingest([DeskFixture.whatsapp("wamid.70", text: text)], at: t0)
        // Many newer messages after it: the read back walks past them to reach it.
        try fx.ingest((0..<50).map { DeskFixture.whatsapp("wamid.7\($0 + 10)", text: "mensaje distinto número \($0)") }, at: t0.adding(seconds: 30))
        let inside = try fx.ingest([DeskFixture.whatsapp("wamid.71", text: text)], at: t0.adding(seconds: window - 1), into: try fx.reopen())
        XCTAssertEqual(inside[0].outcome, .duplicate)
        XCTAssertEqual(inside[0].ticketNumber, first[0].ticketNumber)
        let outside = try fx.ingest([DeskFixture.whatsapp("wamid.72", text: text)], at: t0.adding(seconds: 2 * window + 60), into: try fx.reopen())
        XCTAssertNotEqual(outside[0].outcome, .duplicate, "past the window the same text is a new message (appended or a new ticket)")
    }

    func testANewTicketsDecisionsWrittenInPiecesAreTheDecisionsAsJSON() throws {
        let pipeline = IngestPipeline(settings: fx.settings)
        let t0 = Timestamp(seconds: 1_764_000_000)
        let m = DeskFixture.whatsapp("wamid.\"quoted\"\n", from: "+5491100000000", text: "urgente: \"todo\" caído\tya")
        let prepared = pipeline.prepare(IngestPayload(channel: .whatsapp, raw: [1], source: "t", messages: [m]), at: t0).messages[0]
        let plan = try XCTUnwrap(prepared.newTicket)
        let deadline = pipeline.classifier.firstResponseDue(prepared.classification.priority, from: t0)
        let expected = DeskRecords.Decision.json([
            .init("route", "\(prepared.label): \(prepared.route.reason)"),
            .init("thread", "\(prepared.label): \(plan.threadReason)"),
            .init("classify", (prepared.classification.reasons + [deadline.reason]).joined(separator: "; ")),
        ])
        XCTAssertEqual(plan.decisionsJSON, expected)
        XCTAssertNotNil(try? JSONParser.parse(plan.decisionsJSON))
    }

    func testACheckpointCopiesTheWALBackAndTheNextCommitStartsItOverInTheSameFile() throws {
        try fx.ingest((0..<20).map { DeskFixture.slack("Ev8\($0)", ts: "8\($0).1", text: "consulta número \($0) sobre la grabación") })
        let walPath = fx.dir + "/desk.sqlite-wal"
        let grown = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: walPath)[.size] as? Int)
        XCTAssertTrue(try fx.store.checkpoint())
        try fx.ingest([DeskFixture.slack("Ev820", ts: "820.1", text: "una consulta más después del checkpoint")])
        // Started over at the beginning of the file (its pages reused), not appended after the old frames
        // and not trimmed away.
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: walPath)[.size] as? Int, grown)
        XCTAssertEqual(try fx.reopen().read { try $0.messageCount() }, 21)
    }

    func testReadingTheWindowBackLeavesNoReadTransactionOpen() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        try fx.ingest([DeskFixture.slack("Ev90", ts: "90.1", text: "mensaje viejo fuera de la ventana")], at: t0)
        try fx.ingest([DeskFixture.slack("Ev91", ts: "91.1", text: "mensaje nuevo dentro de la ventana")], at: t0.adding(seconds: 3600))
        let store = try fx.reopen()
        // The read stops at the old message, before the end of its rows.
        try store.read { try $0.preloadFingerprints(since: t0.adding(seconds: 3000)) }
        try fx.ingest([DeskFixture.slack("Ev92", ts: "92.1", text: "otro proceso escribe mientras tanto")], at: t0.adding(seconds: 3601))
        let r = try fx.ingest([DeskFixture.slack("Ev93", ts: "93.1", text: "y este proceso escribe después")], at: t0.adding(seconds: 3602), into: store)
        XCTAssertEqual(r.first?.outcome, .created)
        // A read transaction left open would keep the checkpoint from copying every frame back.
        XCTAssertTrue(try store.checkpoint())
    }

    func testTicketNumbersFollowTicketsAnotherConnectionCreated() throws {
        let other = try fx.reopen()
        let a = try fx.ingest([DeskFixture.slack("Ev40", ts: "40.1", text: "no se puede exportar el reporte de campañas")])
        let b = try fx.ingest([DeskFixture.slack("Ev41", ts: "41.1", text: "los agentes no ven la cola de espera")], into: other)
        let c = try fx.ingest([DeskFixture.slack("Ev42", ts: "42.1", text: "la integración con el CRM devuelve error 500")])
        let numbers = [a, b, c].compactMap { $0.first?.ticketNumber }
        XCTAssertEqual(Set(numbers).count, 3, "each connection counts on from the other's last ticket: \(numbers)")
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 3)
    }

    func testATicketNumberOfARolledBackTransactionIsGivenAgain() throws {
        struct Abort: Error {}
        let pipeline = IngestPipeline(settings: fx.settings)
        let m = DeskFixture.whatsapp("wamid.50", text: "el marcador predictivo no respeta el horario")
        let payload = IngestPayload(channel: .whatsapp, raw: Array("x".utf8), source: "test", messages: [m])
        var lost: String?
        XCTAssertThrowsError(try fx.store.write { records in
            lost = try pipeline.ingest(payload, records: records, now: Timestamp(seconds: 1_764_000_000)).first?.ticketNumber
            throw Abort()
        })
        let kept = try fx.ingest([m])
        XCTAssertNotNil(lost)
        XCTAssertEqual(kept.first?.ticketNumber, lost, "no gap: the rolled back ticket's number was never committed")
    }

    func testFollowUpDecisionsAreKeptInOrderOnEachMessage() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let first = try fx.ingest([DeskFixture.slack("Ev40", ts: "40.1", text: "consulta: cómo exporto el reporte de pausas")], at: t0)
        try fx.ingest([DeskFixture.slack("Ev41", ts: "41.1", threadTS: "40.1", text: "urgente, sistema caído en todo el piso")], at: t0.adding(seconds: 60))
        let ticket = try XCTUnwrap(try fx.store.read { try $0.ticket(number: first[0].ticketNumber!) })
        let decisions = try fx.store.read { try $0.decisions(ticketID: ticket.id) }
        XCTAssertEqual(decisions.map(\.stage), ["route", "thread", "classify", "thread", "classify"])
        XCTAssertTrue(decisions[4].detail.contains("priority raised"), decisions[4].detail)
        XCTAssertEqual(ticket.priority, .critical)
        XCTAssertEqual(ticket.firstResponseDue, Timestamp(seconds: t0.seconds + 60 + 2 * 3600), "2 h from the follow-up that raised it")
    }

    func testADeadlineWorkedOutWhilePreparingIsRedoneWhenTheCommitRunsInALaterSecond() throws {
        let pipeline = IngestPipeline(settings: fx.settings)
        let t0 = Timestamp(seconds: 1_764_000_000)
        let m = DeskFixture.slack("Ev60", ts: "60.1", text: "urgente: sistema caído en todo el piso")
        let prepared = pipeline.prepare(IngestPayload(channel: .slack, raw: [1], source: "t", messages: [m]), at: t0)
        let later = t0.adding(seconds: 7)
        let r = try fx.store.write { try pipeline.commit(prepared, records: $0, now: later) }
        let ticket = try XCTUnwrap(try fx.store.read { try $0.ticket(number: r[0].ticketNumber!) })
        XCTAssertEqual(ticket.createdAt, later)
        XCTAssertEqual(ticket.firstResponseDue, later.adding(seconds: 2 * 3600))
        let classify = try fx.store.read { try $0.decisions(ticketID: ticket.id) }.last?.detail ?? ""
        XCTAssertTrue(classify.contains("from \(later.iso8601)"), classify)
    }

    func testOutboxEventIDsAreDistinctRandomKeys() throws {
        fx = try DeskFixture(destinations: .init(desk: true))
        let t0 = Timestamp(seconds: 1_764_000_000)
        try fx.ingest([DeskFixture.slack("Ev50", ts: "50.1", text: "no funciona el login de supervisores")], at: t0)
        try fx.ingest([DeskFixture.slack("Ev51", ts: "51.1", threadTS: "50.1", text: "sigue sin funcionar el login")], at: t0)
        let ids = try fx.store.read { try $0.outbox().map(\.eventID) }
        XCTAssertEqual(ids.count, 2)
        XCTAssertEqual(Set(ids).count, 2)
        for id in ids { XCTAssertTrue(id.hasPrefix("evt_") && id.count == 36, id) }
    }

    func testAVersion3StoreUpgradesKeepingPayloadsDecisionsAndOutbox() throws {
        let path = fx.dir + "/v3.sqlite"
        do {
            let db = try Database(path: path)
            try Migrator(DeskSchema.migrator.migrations.filter { $0.version <= 3 }).migrate(db)
            try db.execute("""
                INSERT INTO raw_payloads VALUES ('aa', 'slack', 'application/json', 'test', x'7b7d', 100, NULL);
                INSERT INTO tickets (id, number, customer_id, status, priority, request_type, origin_channel, reply_channel, reply_address,
                    first_response_due, created_at, updated_at, sender_id) VALUES (1, 'INT-1001', 'acme', 'new', 'high', 'incident', 'slack', 'slack', 'C0ACME', 200, 100, 100, 'U1');
                INSERT INTO messages (id, ticket_id, channel, external_id, kind, sender_id, received_at, outcome, reason, fingerprint, scope, raw_sha256, normalized)
                    VALUES (7, 1, 'slack', 'Ev1', 'message', 'U1', 100, 'created', 'new', 'fp', 'acme', 'aa', '{}');
                INSERT INTO decisions (ticket_id, message_id, stage, detail, at) VALUES (1, 7, 'route', 'slack Ev1: channel C0ACME', 100), (1, 7, 'classify', 'high', 100);
                INSERT INTO attachments (message_id, filename) VALUES (7, 'a.png');
                INSERT INTO outbox (event_id, ticket_id, destination, event_type, payload, next_attempt_at, created_at) VALUES ('evt_old', 1, 'desk', 'ticket.created', '{}', 100, 100);
                """)
        }
        let store = try DeskStore(path: path)
        let decisions = try store.read { try $0.decisions(ticketID: 1) }
        XCTAssertEqual(decisions.map(\.stage), ["route", "classify"])
        XCTAssertEqual(decisions.first?.messageID, 7)
        XCTAssertEqual(try store.read { try $0.rawPayloads().map(\.body) }, [Array("{}".utf8)])
        XCTAssertEqual(try store.read { try $0.outbox().map(\.eventID) }, ["evt_old"])
        XCTAssertEqual(try store.read { try $0.message(channel: .slack, externalID: "Ev1")?.ticketID }, 1)
        // The upgraded store takes new messages and still deduplicates redeliveries.
        let pipeline = IngestPipeline(settings: fx.settings)
        let m = DeskFixture.slack("Ev1", ts: "1.1", text: "ya registrado")
        let r = try store.write { try pipeline.ingest(IngestPayload(channel: .slack, raw: [1], source: "t", messages: [m]), records: $0, now: Timestamp(seconds: 200)) }
        XCTAssertEqual(r.map(\.outcome), [.duplicate])
    }
}
