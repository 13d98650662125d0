import Foundation
import IntakeCore
@testable import IntakeDesk
import XCTest

/// The message keys and refs a store keeps in memory (`DeskStore.expectMessages`) must never hide a
/// stored message or ref: not one another connection committed, not one whose id a rolled back
/// transaction had used first, not one stored before the process started.
final class StoredKeysTests: XCTestCase {
    struct Abort: Error {}
    var fx: DeskFixture!

    override func setUpWithError() throws {
        fx = try DeskFixture()
        try fx.store.expectMessages()
    }

    override func tearDown() { fx.remove() }

    func testARedeliveryIsFoundInALaterTransaction() throws {
        let m = DeskFixture.slack("Ev1", ts: "1.1", text: "el softphone no registra")
        XCTAssertEqual(try fx.ingest([m]).map(\.outcome), [.created])
        XCTAssertEqual(try fx.ingest([m]).map(\.outcome), [.duplicate])
    }

    func testMessagesStoredBeforeTheKeysWereReadAreFound() throws {
        let m = DeskFixture.whatsapp("wamid.before", text: "no entran llamadas")
        let earlier = try fx.reopen()
        try fx.ingest([m], into: earlier)
        let later = try fx.reopen()
        try later.expectMessages()
        XCTAssertEqual(try fx.ingest([m], into: later).map(\.outcome), [.duplicate])
    }

    func testAMessageAnotherConnectionCommittedIsARedelivery() throws {
        let other = try fx.reopen()
        try fx.ingest([DeskFixture.slack("Ev10", ts: "10.1", text: "primera consulta del día")])
        let m = DeskFixture.slack("Ev11", ts: "11.1", text: "el reporte de campañas no exporta")
        let first = try fx.ingest([m], into: other)
        let again = try fx.ingest([m])
        XCTAssertEqual(again.map(\.outcome), [.duplicate])
        XCTAssertEqual(again.first?.ticketNumber, first.first?.ticketNumber)
    }

    func testARowIDUsedAgainAfterARollbackIsFound() throws {
        let pipeline = IngestPipeline(settings: fx.settings)
        // In one transaction this connection stores a message without an id, then reads the keys for the
        // next one (its row then counts as read), then rolls back; the other connection's message then
        // takes the same row id.
        let withoutID = InboundMessage(channel: .phone, externalID: nil, sender: .init(id: "+5491152769999"), text: "llamada sin id")
        let withID = DeskFixture.slack("Ev21", ts: "21.1", text: "se cae la VPN")
        XCTAssertThrowsError(try fx.store.write { records in
            for m in [withoutID, withID] {
                _ = try pipeline.ingest(IngestPayload(channel: m.channel, raw: Array("x".utf8), source: "test", messages: [m]),
                                        records: records, now: Timestamp(seconds: 1_764_000_000))
            }
            throw Abort()
        })
        let m = DeskFixture.slack("Ev22", ts: "22.1", text: "el IVR corta al elegir la opción 2")
        try fx.ingest([m], into: try fx.reopen())
        XCTAssertEqual(try fx.ingest([m]).map(\.outcome), [.duplicate])
    }

    func testAReplyThreadsOnARefAnotherConnectionStored() throws {
        let other = try fx.reopen()
        try fx.ingest([DeskFixture.slack("Ev30", ts: "30.1", text: "consulta general")])
        let parent = try fx.ingest([DeskFixture.slack("Ev31", ts: "31.1", text: "no funciona el discador")], into: other)
        let reply = try fx.ingest([DeskFixture.slack("Ev32", ts: "32.1", threadTS: "31.1", text: "sigue sin funcionar")])
        XCTAssertEqual(reply.map(\.outcome), [.appended])
        XCTAssertEqual(reply.first?.ticketNumber, parent.first?.ticketNumber)
    }

    func testARefOfARolledBackTransactionIsNotFoundButOneStoredLaterIs() throws {
        let pipeline = IngestPipeline(settings: fx.settings)
        try fx.ingest([DeskFixture.slack("Ev40", ts: "40.1", text: "consulta general")])
        let parent = DeskFixture.slack("Ev41", ts: "41.1", text: "no funciona el discador")
        XCTAssertThrowsError(try fx.store.write { records in
            _ = try pipeline.ingest(IngestPayload(channel: .slack, raw: Array("x".utf8), source: "test", messages: [parent]),
                                    records: records, now: Timestamp(seconds: 1_764_000_000))
            throw Abort()
        })
        let reply = DeskFixture.slack("Ev42", ts: "42.1", threadTS: "41.1", text: "sigue sin funcionar")
        XCTAssertEqual(try fx.ingest([reply]).map(\.outcome), [.created], "the parent was never stored")
        let stored = try fx.ingest([parent])
        let second = try fx.ingest([DeskFixture.slack("Ev43", ts: "43.1", threadTS: "41.1", text: "¿novedades?")])
        XCTAssertEqual(second.first?.ticketNumber, stored.first?.ticketNumber)
    }

    func testAFewFilesIntoALargeStoreReadNoKeys() throws {
        let store = try fx.reopen()
        try fx.ingest((0..<40).map { DeskFixture.slack("Ev5\($0)", ts: "5\($0).1", text: "consulta número \($0)") }, into: store)
        let few = try fx.reopen()
        try few.expectMessages(2)
        XCTAssertFalse(try few.read { $0.keepsMessageKeys })
        try few.expectMessages(3)
        XCTAssertTrue(try few.read { $0.keepsMessageKeys })
    }
}
