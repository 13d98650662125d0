import IntakeChannels
import IntakeCore
import XCTest

/// Calls rebuilt from Asterisk CEL files (`CELReader`, `CDRRecord.init(celEvents:)`).
final class CELReaderTests: XCTestCase {
    /// A row in the order of `cel_custom.conf.sample`'s `Master.csv` mapping (20 columns).
    private static func event(_ type: String, _ time: String, number: String, exten: String, channel: String,
                              app: String = "", uniqueID: String, linkedID: String = "1732540800.11", extra: String = "") -> String {
        [type, time, "", number, number, "", "", exten, "from-pstn", channel, app, "", "3", "", uniqueID, linkedID, "", "", "", extra]
            .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\n"
    }

    private static let trunk = "PJSIP/trunk-00000011"

    /// Only the caller's channel answered (an IVR, a queue's hold music): `ANSWERED` with no destination
    /// channel, which is a missed call, as the CDR of such a call is.
    func testACallOnlyTheIVRAnsweredIsAMissedCall() throws {
        let csv = Self.event("CHAN_START", "1732540800.1", number: "5491152769999", exten: "1143210000", channel: Self.trunk, uniqueID: "1732540800.11")
            + Self.event("ANSWER", "1732540801.0", number: "5491152769999", exten: "s", channel: Self.trunk, app: "Answer", uniqueID: "1732540800.11")
            + Self.event("HANGUP", "1732540830.0", number: "5491152769999", exten: "600", channel: Self.trunk, uniqueID: "1732540800.11",
                         extra: #"{"hangupcause":16,"dialstatus":""}"#)
        let message = try XCTUnwrap(PhoneAdapter().normalize(RawPayload(bytes: Array(csv.utf8))).first)
        XCTAssertEqual(message.kind, .missedCall)
        XCTAssertEqual(message.externalID, "1732540800.11")
        XCTAssertEqual(message.sender.id, "+5491152769999")
        XCTAssertEqual(message.conversation, "+541143210000")
        XCTAssertEqual(message.metadata["disposition"], "ANSWERED")
        XCTAssertEqual(message.metadata["source"], "cel")
    }

    /// Nobody answered: the dial status of the caller channel's `HANGUP` is the disposition.
    func testTheDialStatusOfTheHangupIsTheDisposition() {
        let table: [(status: String, disposition: String)] = [
            ("BUSY", "BUSY"), ("CHANUNAVAIL", "FAILED"), ("CONGESTION", "CONGESTION"), ("CANCEL", "NO ANSWER"), ("", "NO ANSWER"),
        ]
        for (status, disposition) in table {
            let csv = Self.event("CHAN_START", "1732540800.1", number: "5491152769999", exten: "1143210000", channel: Self.trunk, uniqueID: "1732540800.11")
                + Self.event("HANGUP", "1732540810.0", number: "5491152769999", exten: "101", channel: Self.trunk, uniqueID: "1732540800.11",
                             extra: "{\"dialstatus\":\"\(status)\"}")
            XCTAssertEqual(CDRReader().readAll(Array(csv.utf8)).rows.map(\.record.disposition), [disposition], status)
        }
    }

    /// A call whose caller channel has not hung up has not ended: it is reported, not taken for a missed
    /// call that may still be answered.
    func testACallStillRingingAtTheEndOfTheFileIsReported() {
        let csv = Self.event("CHAN_START", "1732540800.1", number: "5491152769999", exten: "1143210000", channel: Self.trunk, uniqueID: "1732540800.11")
        let chunk = CDRReader().readAll(Array(csv.utf8))
        XCTAssertEqual(chunk.rows, [])
        XCTAssertEqual(chunk.errors.map(\.line), [1])
    }

    /// FreePBX's `asteriskcdrdb.cel` rows (an `id` first, no `userdeftype`, times in the PBX's local time,
    /// `\N` for NULL, tabs): one answered call.
    static let freePBXRows = [
        "1\tCHAN_START\t2024-11-25 10:20:00\tJuan\t5491152769999\t5491152769999\t\t1143210000\t1143210000\tfrom-pstn\tPJSIP/trunk-1\t\t\t3\t\t\t1732540800.11\t1732540800.11\t\t\t\\N\n",
        "2\tCHAN_START\t2024-11-25 10:20:01\tAna\t101\t101\t\t\ts\tfrom-internal\tPJSIP/101-2\t\t\t3\t\t\t1732540801.12\t1732540800.11\t\t\t\\N\n",
        "3\tANSWER\t2024-11-25 10:20:05\tAna\t101\t101\t\t\t101\tfrom-internal\tPJSIP/101-2\tAppDial\t\t3\t\t\t1732540801.12\t1732540800.11\t\t\t\\N\n",
        "4\tHANGUP\t2024-11-25 10:21:05\tJuan\t5491152769999\t5491152769999\t\t1143210000\t101\tfrom-did-direct\tPJSIP/trunk-1\t\t\t3\t\t\t1732540800.11\t1732540800.11\t\t\t{\"dialstatus\":\"ANSWER\"}\n",
    ]

    /// The call `freePBXRows` tell, as every way of reading them must give it.
    private func assertTheFreePBXCall(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
        let message = try XCTUnwrap(PhoneAdapter().normalize(RawPayload(bytes: bytes)).first, file: file, line: line)
        XCTAssertEqual(message.kind, .call, file: file, line: line)
        XCTAssertEqual(message.sentAt?.iso8601, "2024-11-25T13:20:00Z", file: file, line: line)
        XCTAssertEqual(message.sender, .init(id: "+5491152769999", name: "Juan"), file: file, line: line)
        XCTAssertEqual(message.metadata["dstchannel"], "PJSIP/101-2", file: file, line: line)
        XCTAssertEqual(message.metadata["billsec"], 60, file: file, line: line)
    }

    /// The `cel` table exported with its header is read by the names, as the sample's order is.
    func testACELTableExportIsReadByItsHeader() throws {
        let header = "id\teventtype\teventtime\tcid_name\tcid_num\tcid_ani\tcid_rdnis\tcid_dnid\texten\tcontext\tchanname\tappname\tappdata\tamaflags\taccountcode\tpeeraccount\tuniqueid\tlinkedid\tuserfield\tpeer\textra\n"
        try assertTheFreePBXCall(Array((header + Self.freePBXRows.joined()).utf8))
    }

    /// The table dumped without its header (`SELECT * INTO OUTFILE`, `copy cel to`): its order is told by
    /// the integer id, the event type and where the uniqueid and linkedid are.
    func testAHeaderlessCELTableDumpIsReadInTheTablesOrder() throws {
        try assertTheFreePBXCall(Array(Self.freePBXRows.joined().utf8))
    }
}
