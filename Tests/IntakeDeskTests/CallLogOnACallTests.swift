import IntakeCore
import IntakeDesk
import XCTest

/// An operator's call log that names the PBX's id of the call (`--call-id`, `callId`) is the operator's
/// notes on that call, not another delivery of the PBX's record of it: both are kept, on one ticket.
final class CallLogOnACallTests: XCTestCase {
    var fx: DeskFixture!

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    private func pbxCall(source: String, sent: Int64) -> InboundMessage {
        InboundMessage(channel: .phone, externalID: "c-901", sender: .init(id: "+5491144441234"), conversation: "+541152769000",
                       threadKey: "+5491144441234", text: "Llamada atendida de +5491144441234 (duración 230s)", sentAt: Timestamp(seconds: sent),
                       kind: .call, metadata: JSONObject([("source", .string(source)), ("callId", "c-901")]))
    }

    private func operatorLog(sent: Int64?) -> InboundMessage {
        InboundMessage(channel: .phone, externalID: "c-901", sender: .init(id: "+5491144441234"), threadKey: "+5491144441234",
                       text: "Se colgó la consola de agentes, no pueden atender", sentAt: sent.map(Timestamp.init(seconds:)),
                       kind: .call, hints: .init(operatorName: "ana"), metadata: JSONObject([("source", "calllog"), ("callId", "c-901")]))
    }

    func testTheOperatorsLogOfACallTheCTIRecordedJoinsItsTicketWithItsNotes() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let cti = try fx.ingest([pbxCall(source: "cti", sent: 1_763_999_700)], at: t0)
        // The operator's tool copies the PBX's start time: the same caller and time are still another message.
        let log = try fx.ingest([operatorLog(sent: 1_763_999_700)], at: t0.adding(seconds: 60))
        XCTAssertEqual(log[0].outcome, .appended, log[0].reason)
        XCTAssertEqual(log[0].ticketNumber, cti[0].ticketNumber)
        XCTAssertEqual(try fx.store.read { try $0.messageCount() }, 2, "the operator's notes are kept")
        XCTAssertEqual(try fx.ingest([operatorLog(sent: 1_763_999_700)], at: t0.adding(seconds: 120))[0].outcome, .duplicate,
                       "the same log posted again is its redelivery")
        XCTAssertEqual(try fx.ingest([pbxCall(source: "cti", sent: 1_763_999_700)], at: t0.adding(seconds: 120))[0].outcome, .duplicate)
        XCTAssertEqual(try fx.store.read { try $0.messageCount() }, 2)
    }

    func testTheCDROfACallTheOperatorLoggedFirstJoinsTheLogsTicket() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let log = try fx.ingest([operatorLog(sent: nil)], at: t0)
        let cdr = try fx.ingest([pbxCall(source: "cdr", sent: 1_763_999_700)], at: t0.adding(seconds: 300))
        XCTAssertEqual(cdr[0].outcome, .appended, cdr[0].reason)
        XCTAssertEqual(cdr[0].ticketNumber, log[0].ticketNumber)
    }

    /// A caller no directory knows: the trunk's CDR writes the mobile as 10 digits (`+541166661234`), the
    /// operator types it with 15 (`+5491166661234`), in either order; one line, one ticket.
    func testTheCDRAndTheLogOfAnUnknownMobileCallerInItsTwoFormsAreOneTicket() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        for (first, second) in [("+541166661234", "+5491166661234"), ("+5491177771234", "+541177771234")] {
            func call(_ id: String, _ number: String, source: String) -> InboundMessage {
                InboundMessage(channel: .phone, externalID: id + number, sender: .init(id: number), threadKey: number,
                               text: "Llamada atendida de \(number) (duración 230s)", sentAt: t0, kind: .call,
                               metadata: JSONObject([("source", .string(source))]))
            }
            let cdr = try fx.ingest([call("cdr-", first, source: "cdr")], at: t0)
            let log = try fx.ingest([call("calllog-", second, source: "calllog")], at: t0.adding(seconds: 60))
            XCTAssertEqual(log[0].outcome, .appended, log[0].reason)
            XCTAssertEqual(log[0].ticketNumber, cdr[0].ticketNumber, first)
            XCTAssertEqual(log[0].reason, "follow-up call on the caller's open ticket")
        }
    }
}
