import Foundation
import IntakeChannels
import IntakeCore
import XCTest

final class PhoneAdapterTests: XCTestCase {
    static func payload(_ text: String, contentType: String? = nil) -> RawPayload {
        RawPayload(bytes: Array(text.utf8), contentType: contentType)
    }

    func testRecognisesEachShapeByContent() throws {
        let adapter = PhoneAdapter()
        let cdr = try adapter.normalize(Self.payload(CDRReaderTests.row + "\n"))
        XCTAssertEqual(cdr.map(\.externalID), ["1709659800.18"])
        let log = try adapter.normalize(Self.payload(#"  {"from":"+5491152769999","notes":"hola","operator":"Ana"}"#))
        XCTAssertEqual(log.map(\.kind), [.call])
        let cti = try adapter.normalize(Self.payload(#"[{"event":"hangup","callId":"z","from":"+5491152769999","direction":"inbound"}]"#))
        XCTAssertEqual(cti.map(\.kind), [.missedCall])
        let form = try adapter.normalize(Self.payload("event=hangup&callId=f&from=%2B5491152769999", contentType: "application/x-www-form-urlencoded"))
        XCTAssertEqual(form.map(\.externalID), ["f"])
        XCTAssertEqual(try adapter.normalize(Self.payload("event=newCall&callId=f")), [])
        XCTAssertEqual(try adapter.normalize(Self.payload("[]")), [])
    }

    /// CDRs as JSON (a PBX's CDR API) are read by the CDR rules; a call log that names `to`, `date` and
    /// `status` as a CDR export does stays a call log: only a CDR has a disposition, billsec or uniqueid,
    /// only a call log notes or an operator.
    func testJSONCDRsAndCallLogsAreToldApartByTheKeysOnlyOneHas() throws {
        let adapter = PhoneAdapter()
        let cdr = try adapter.normalize(Self.payload(#"[{"calldate":"2024-03-05 14:30:00","src":"1152769999","dst":"600","duration":20,"billsec":0,"disposition":"NO ANSWER","uniqueid":"1.5"}]"#))
        XCTAssertEqual(cdr.map(\.externalID), ["1.5"])
        XCTAssertEqual(cdr.map(\.kind), [.missedCall])
        let logs = [
            #"{"from":"011 15 5276-9999","to":"1152770000","date":"2024-03-05 14:30","duration":60,"status":"answered","notes":"consulta"}"#,
            #"[{"from":"011 15 5276-9999","to":"1152770000","date":"2024-03-05 14:30","duration":60,"status":"answered"}]"#,
        ]
        for log in logs {
            let messages = try adapter.normalize(Self.payload(log))
            XCTAssertEqual(messages.map { $0.metadata["source"] }, ["calllog"], log)
        }
    }

    func testAnythingElseIsAnAdapterError() {
        let adapter = PhoneAdapter()
        for text in ["", "hola", "42", "\"texto\"", "[1,2]", "{\"a\":", "uno,dos\ntres,cuatro\n", "<xml/>"] {
            XCTAssertThrowsError(try adapter.normalize(Self.payload(text)), text) { error in
                XCTAssertEqual((error as? AdapterError)?.channel, .phone, text)
            }
        }
    }

    func testACSVWithBadRowsReturnsTheGoodRowsAndReportsTheBadOnes() throws {
        let bytes = try CDRReaderTests.fixture("cdr-bad-rows.csv")
        let report = try PhoneAdapter().normalizeReportingRows(RawPayload(bytes: bytes))
        XCTAssertEqual(report.messages.count, 2)
        XCTAssertEqual(report.rowErrors.map(\.description), [
            "line 2: expected 16 to 21 columns, found 6",
            "line 3: bad start date: 2024-02-30 14:40:00",
            "line 5: bad duration: thirty",
        ])
    }

    func testTheContractKeysFollowTheSpine() throws {
        let message = try XCTUnwrap(PhoneAdapter().normalize(Self.payload(CDRReaderTests.row + "\n")).first)
        XCTAssertEqual(message.channel, .phone)
        XCTAssertEqual(message.sender, InboundMessage.Sender(id: "+5491152769999", name: "Juan Perez"))
        XCTAssertEqual(message.conversation, "+541152769000")
        XCTAssertEqual(message.threadKey, "+5491152769999")
    }

    func testTheUTCOffsetIsConfigurableForChileanPBXs() throws {
        let message = try XCTUnwrap(PhoneAdapter(timeZone: LocalTimeZone(offsetSeconds: -4 * 3600), defaultCountry: "56").normalize(Self.payload(CDRReaderTests.row + "\n")).first)
        XCTAssertEqual(message.sentAt?.iso8601, "2024-03-05T18:30:00Z")
        XCTAssertEqual(message.text, "Llamada perdida de Juan Perez (+5491152769999) el 05/03/2024 14:30")
    }

    /// A Buenos Aires line's analog caller ID of a local caller has no area code (`45551234`, `1552769999`).
    func testTheLinesAreaCodeCompletesLocalCallers() throws {
        let adapter = PhoneAdapter(localArea: "11")
        let row = CDRReaderTests.row.replacingOccurrences(of: "5491152769999", with: "45551234")
        XCTAssertEqual(try adapter.normalize(Self.payload(row + "\n")).first?.sender.id, "+541145551234")
        XCTAssertEqual(try PhoneAdapter().normalize(Self.payload(row + "\n")).first?.sender.id, "45551234")
        let cti = #"{"event":"hangup","callId":"c","from":"1552769999","to":"1152769000"}"#
        XCTAssertEqual(try adapter.normalize(Self.payload(cti)).first?.threadKey, "+5491152769999")
        let log = #"{"from":"4555-1234","notes":"hola","operator":"Ana"}"#
        XCTAssertEqual(try adapter.normalize(Self.payload(log)).first?.sender.id, "+541145551234")
    }

    /// A Santiago PBX writes its local time, which is UTC-3 in summer and UTC-4 in winter: one offset put
    /// half the year's calls (and their SLA deadlines) an hour off. CDR, CTI and call-log times alike.
    func testAChileanPBXsLocalTimesFollowSantiagosWinterChange() throws {
        let santiago = try XCTUnwrap(LocalTimeZone(identifier: "America/Santiago"))
        let adapter = PhoneAdapter(timeZone: santiago, defaultCountry: "56")
        let table: [(local: String, utc: String, shown: String)] = [
            ("2024-03-05 14:30:00", "2024-03-05T17:30:00Z", "05/03/2024 14:30"),
            ("2024-07-05 10:00:00", "2024-07-05T14:00:00Z", "05/07/2024 10:00"),
            ("2024-04-06 23:30:00", "2024-04-07T02:30:00Z", "06/04/2024 23:30"),
            ("2024-04-07 00:30:00", "2024-04-07T04:30:00Z", "07/04/2024 00:30"),
            ("2024-09-07 23:30:00", "2024-09-08T03:30:00Z", "07/09/2024 23:30"),
            ("2024-09-08 01:30:00", "2024-09-08T04:30:00Z", "08/09/2024 01:30"),
        ]
        for (local, utc, shown) in table {
            let row = CDRReaderTests.row.replacingOccurrences(of: "2024-03-05 14:30:00", with: local)
            let cdr = try XCTUnwrap(adapter.normalize(Self.payload(row + "\n")).first, local)
            XCTAssertEqual(cdr.sentAt?.iso8601, utc, local)
            XCTAssertEqual(cdr.text, "Llamada perdida de Juan Perez (+5491152769999) el \(shown)", local)
            let cti = #"{"event":"hangup","callId":"c","from":"+56229288900","direction":"inbound","timestamp":"\#(local)"}"#
            XCTAssertEqual(try adapter.normalize(Self.payload(cti)).first?.sentAt?.iso8601, utc, local)
            let log = #"{"from":"+56229288900","notes":"hola","operator":"Ana","started_at":"\#(local)"}"#
            XCTAssertEqual(try adapter.normalize(Self.payload(log)).first?.sentAt?.iso8601, utc, local)
        }
    }
}
