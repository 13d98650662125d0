import Foundation
import IntakeCore
import IntakeDesk
import IntakeService
import XCTest

/// What CDR rows become in the desk: missed calls open (or follow up) tickets, answered calls are
/// recorded on the caller's open ticket.
final class CDRTicketTests: XCTestCase {
    var fx: CDRFixture!

    override func setUpWithError() throws { fx = try CDRFixture() }
    override func tearDown() { fx.remove() }

    private func ticket(_ number: String?, in watcher: CDRWatcher) throws -> Ticket {
        let number = try XCTUnwrap(number)
        return try XCTUnwrap(try watcher.follower.importer.store.read { try $0.ticket(number: number) })
    }

    func testAMissedCallCreatesATicketWithTheConfiguredPriority() throws {
        fx.config.phone.missedCallPriority = .critical
        let watcher = try fx.watcher()
        fx.write(CDRFixture.row(1, from: "1152768888", name: "Maria Gomez"))
        let results = try watcher.poll().results
        XCTAssertEqual(results.map(\.outcome), [.created])
        let t = try ticket(results[0].ticketNumber, in: watcher)
        XCTAssertEqual(t.priority, .critical)
        XCTAssertEqual(t.subject, "Llamada perdida de Maria Gomez (+541152768888) el 05/03/2024 14:01")
        XCTAssertEqual(t.originChannel, .phone)
        XCTAssertEqual(t.senderID, "+541152768888")
    }

    func testAMissedCallAppendsToTheCustomersOpenTicket() throws {
        let watcher = try fx.watcher()
        let open = try fx.contexts[0].ingest(.whatsapp, raw: Array("wa".utf8), contentType: nil, source: "test", messages: [
            InboundMessage(channel: .whatsapp, externalID: "wamid.1", sender: .init(id: "+5491152769999"), threadKey: "+5491152769999",
                           text: "No funciona el discador desde las 9"),
        ])
        XCTAssertEqual(open.map(\.outcome), [.created])
        fx.write(CDRFixture.row(1))
        let results = try watcher.poll().results
        XCTAssertEqual(results.map(\.outcome), [.appended])
        XCTAssertEqual(results[0].ticketNumber, open[0].ticketNumber)
    }

    func testAnAnsweredCallIsRecordedOnTheCallersOpenTicket() throws {
        let watcher = try fx.watcher()
        fx.write(CDRFixture.row(1))
        let missed = try watcher.poll().results
        XCTAssertEqual(missed.map(\.outcome), [.created])
        try fx.append(CDRFixture.row(2, answered: true))
        let answered = try watcher.poll().results
        XCTAssertEqual(answered.map(\.outcome), [.appended])
        XCTAssertEqual(answered[0].ticketNumber, missed[0].ticketNumber)
        let t = try ticket(missed[0].ticketNumber, in: watcher)
        let texts = try watcher.follower.importer.store.read { try $0.messages(ticketID: t.id) }.compactMap { $0["text"]?.stringValue }
        XCTAssertEqual(texts, [
            "Llamada perdida de Juan Perez (+5491152769999) el 05/03/2024 14:01",
            "Llamada atendida de Juan Perez (+5491152769999) (duración 25s)",
        ])
    }

    /// Asterisk writes the CDRs of a queue call (one per agent rung) one after the other when it ends; a
    /// poll between two of them must not make the call a missed call with its answered leg a redelivery.
    func testACallWhoseLegsArriveInTwoPollsIsOneAnsweredCall() throws {
        let watcher = try fx.watcher(settleSeconds: 2)
        fx.write(CDRFixture.row(1))
        XCTAssertEqual(try watcher.poll().results, [], "written just now: more of the call's rows may come")
        try fx.append(CDRFixture.row(1, answered: true))
        try fx.age()
        let results = try watcher.poll().results
        XCTAssertEqual(results.map(\.outcome), [.created])
        let t = try ticket(results.first?.ticketNumber, in: watcher)
        XCTAssertEqual(t.subject, "Llamada atendida de Juan Perez (+5491152769999) (duración 25s)")
        try fx.append(CDRFixture.row(2))
        XCTAssertEqual(try watcher.poll().results, [])
        try fx.age()
        XCTAssertEqual(try watcher.poll().externalIDs, CDRFixture.ids(2...2), "the file left alone: the call is complete")
    }

    func testARowSeenAgainInANewFileIsADuplicateOnItsTicket() throws {
        let watcher = try fx.watcher()
        fx.write(CDRFixture.row(1))
        let first = try watcher.poll().results
        try FileManager.default.moveItem(atPath: fx.csvPath, toPath: fx.dir + "/archived.csv")
        fx.write(CDRFixture.row(1) + CDRFixture.row(2))
        let again = try watcher.poll().results
        XCTAssertEqual(again.map(\.outcome), [.duplicate, .appended])
        XCTAssertEqual(again.map(\.ticketNumber), [first[0].ticketNumber, first[0].ticketNumber])
    }
}
