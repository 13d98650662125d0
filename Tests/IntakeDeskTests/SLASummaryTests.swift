import IntakeCore
import IntakeDesk
import XCTest

/// Tickets of a customer whose contract is inactive or suspended are outside the service agreement:
/// the SLA view counts them open and apart, never due or breached.
final class SLASummaryTests: XCTestCase {
    var fx: DeskFixture!

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    func testASuspendedCustomersTicketIsNeitherDueNorBreached() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        _ = try fx.ingest([DeskFixture.email("a1@acme", text: "No funciona nada desde ayer")], at: t0)
        _ = try fx.ingest([DeskFixture.email("p1@pampa", from: "ops@pampabpo.com", text: "No funciona nada desde ayer")], at: t0)
        let late = try fx.store.read { try $0.slaSummary(now: t0.adding(seconds: 30 * 86_400)) }
        XCTAssertEqual(late.reduce(0) { $0 + $1.open }, 2)
        XCTAssertEqual(late.reduce(0) { $0 + $1.breached }, 1, "only the customer under contract is breached")
        XCTAssertEqual(late.reduce(0) { $0 + $1.contractInactive }, 1)

        let due = try XCTUnwrap(try fx.store.read { try $0.tickets(.init()) }.map(\.firstResponseDue).max())
        let soon = try fx.store.read { try $0.slaSummary(now: due.adding(seconds: -60)) }
        XCTAssertEqual(soon.reduce(0) { $0 + $1.dueWithinHour }, 1, "only the customer under contract is due")
    }

    /// ACME's contract is suspended while its ticket is open: from then on the ticket is outside the
    /// agreement, though it opened inside it; a ticket opened while suspended stays outside.
    func testAContractSuspendedWhileItsTicketIsOpenTakesTheTicketOutOfTheAgreement() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        _ = try fx.ingest([DeskFixture.email("a1@acme", text: "No funciona nada desde ayer")], at: t0)
        _ = try fx.ingest([DeskFixture.email("p1@pampa", from: "ops@pampabpo.com", text: "No funciona nada desde ayer")], at: t0)
        let late = t0.adding(seconds: 30 * 86_400)
        let table: [(inactive: [String], breached: Int, outside: Int)] = [
            ([], 1, 1),
            (["acme"], 0, 2),
            (["acme", "pampa"], 0, 2),
            (["nobody"], 1, 1),
        ]
        for c in table {
            let rows = try fx.store.read { try $0.slaSummary(now: late, inactiveCustomers: c.inactive) }
            XCTAssertEqual(rows.reduce(0) { $0 + $1.open }, 2, "\(c.inactive)")
            XCTAssertEqual(rows.reduce(0) { $0 + $1.breached }, c.breached, "\(c.inactive)")
            XCTAssertEqual(rows.reduce(0) { $0 + $1.contractInactive }, c.outside, "\(c.inactive)")
        }
    }
}
