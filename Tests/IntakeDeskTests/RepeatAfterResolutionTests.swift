import IntakeCore
import IntakeDesk
import XCTest

/// The same content from the same customer inside the dedupe window is a duplicate only while its
/// ticket is open: sent again after we resolved it, the problem is still there.
final class RepeatAfterResolutionTests: XCTestCase {
    private var fx: DeskFixture!
    private let t0 = Timestamp(seconds: 1_764_000_000)

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    func testTheSameComplaintAfterTheTicketWasResolvedReopensIt() throws {
        let text = "El discador no marca desde las 9 en la campaña de ventas"
        let number = try XCTUnwrap(try fx.ingest([DeskFixture.slack("E1", ts: "100.1", text: text)], at: t0)[0].ticketNumber)
        let change = TicketStatusChange(status: .resolved, actor: "an operator (intake ticket)", note: "reiniciado", tellsTheDesk: false)
        _ = try fx.store.write { try change.apply(toTicket: number, records: $0, destinations: .init(), now: t0.adding(seconds: 120)) }

        let again = try fx.ingest([DeskFixture.slack("E2", ts: "200.1", threadTS: "100.1", text: text)], at: t0.adding(seconds: 300))
        XCTAssertEqual(again[0].outcome, .appended, again[0].reason)
        XCTAssertEqual(again[0].ticketNumber, number)
        XCTAssertEqual(try fx.store.read { try $0.ticket(number: number)?.status }, .open, "not left resolved as a duplicate")
        let onWhatsApp = try fx.ingest([DeskFixture.whatsapp("wamid.1", text: text)], at: t0.adding(seconds: 360))
        XCTAssertEqual(onWhatsApp[0].outcome, .duplicate, "the reopened ticket is open: a copy on another channel is a duplicate again")
    }
}
