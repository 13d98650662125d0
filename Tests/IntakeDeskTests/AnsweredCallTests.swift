import IntakeCore
import IntakeDesk
import XCTest

/// A call someone of ours talked in is the first response on the ticket of the customer's number:
/// the customer's call answered, and our call back to a missed call, answered.
final class AnsweredCallTests: XCTestCase {
    var fx: DeskFixture!
    private let t0 = Timestamp(seconds: 1_764_000_000)

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    private func outbound(_ id: String, billsec: Int, at: Timestamp) -> InboundMessage {
        InboundMessage(channel: .phone, externalID: id, sender: .init(id: "101", name: "Ana Ruiz"), conversation: "+5491144441234",
                       threadKey: "+5491144441234", text: "Llamada saliente de 101 a +5491144441234", sentAt: at, kind: .call,
                       metadata: JSONObject([("source", "cdr"), ("direction", "outbound"), ("internal", true), ("billsec", .int(billsec))]))
    }

    func testAnAnsweredCallBackIsTheFirstResponseOnTheMissedCallsTicket() throws {
        let missed = InboundMessage(channel: .phone, externalID: "m1", sender: .init(id: "+5491144441234"), conversation: "+541152769000",
                                    threadKey: "+5491144441234", text: "Llamada perdida de +5491144441234", sentAt: t0, kind: .missedCall)
        let number = try XCTUnwrap(try fx.ingest([missed], at: t0)[0].ticketNumber)
        let noAnswer = try fx.ingest([outbound("o1", billsec: 0, at: t0.adding(seconds: 600))], at: t0.adding(seconds: 660))
        XCTAssertEqual(noAnswer[0].outcome, .ignored, "a call back nobody answered answers nothing")

        let answered = try fx.ingest([outbound("o2", billsec: 240, at: t0.adding(seconds: 1_800))], at: t0.adding(seconds: 2_100))
        XCTAssertEqual(answered[0].outcome, .appended, answered[0].reason)
        XCTAssertEqual(answered[0].ticketNumber, number)
        let breached = try fx.store.read { try $0.slaSummary(now: self.t0.adding(seconds: 5 * 3600)) }.reduce(0) { $0 + $1.breached }
        XCTAssertEqual(breached, 0, "answered by our call back within the SLA")
    }

    func testTheCallBackFindsTheTicketOfTheOtherArgentineFormOfTheNumber() throws {
        // The PBX shows the caller without the mobile 9; we dial with it.
        let missed = InboundMessage(channel: .phone, externalID: "m1", sender: .init(id: "+541144441234"), conversation: "+541152769000",
                                    threadKey: "+541144441234", text: "Llamada perdida de +541144441234", sentAt: t0, kind: .missedCall)
        let number = try XCTUnwrap(try fx.ingest([missed], at: t0)[0].ticketNumber)
        let answered = try fx.ingest([outbound("o1", billsec: 240, at: t0.adding(seconds: 600))], at: t0.adding(seconds: 900))
        XCTAssertEqual(answered[0].ticketNumber, number, answered[0].reason)
    }

    func testACustomersCallAnsweredIsTheFirstResponseOfTheTicketItOpens() throws {
        func call(_ id: String, metadata: JSONObject) -> InboundMessage {
            InboundMessage(channel: .phone, externalID: id, sender: .init(id: "+5491144441234"), conversation: "+541152769000",
                           threadKey: "+5491144441234", text: "Llamada atendida de +5491144441234 (duración 230s)", sentAt: t0, kind: .call,
                           metadata: metadata)
        }
        let cti = try fx.ingest([call("c1", metadata: JSONObject([("source", "cti"), ("direction", "inbound"), ("internal", false), ("answered", true)]))], at: t0)
        let ticket = try XCTUnwrap(try fx.store.read { try $0.ticket(number: XCTUnwrap(cti[0].ticketNumber)) })
        XCTAssertEqual(ticket.status, .open, "answered: the first response is given")
        let breached = try fx.store.read { try $0.slaSummary(now: self.t0.adding(seconds: 3 * 86_400)) }.reduce(0) { $0 + $1.breached }
        XCTAssertEqual(breached, 0, "an answered call does not breach its first response")
    }
}
