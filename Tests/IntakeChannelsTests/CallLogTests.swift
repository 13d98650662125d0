import IntakeChannels
import IntakeCore
import XCTest

final class CallLogTests: XCTestCase {
    static func log(_ json: String) throws(AdapterError) -> [CallLog] { try CallLog.parse(Array(json.utf8)) }

    func testValidationErrorsNameTheField() {
        let table: [(String, String)] = [
            (#"{"notes":"x"}"#, "`from` is missing (the caller's number; also accepted as `caller` or `number`)"),
            (#"{"from":"hola"}"#, "`from` is not a phone number: hola"),
            (#"{"caller":"2001"}"#, "`caller` is an internal extension, not a customer's number: 2001"),
            (#"{"from":"+5491152769999","started_at":"ayer"}"#, "`started_at` is not an ISO 8601 time: ayer"),
            (#"{"from":"+5491152769999","duration":"-3"}"#, "`duration` is not a number of seconds: -3"),
            (#"{"from":"+5491152769999","priority":"enorme"}"#, "`priority` is not critical, high, medium or low: enorme"),
            (#"{"from":"+5491152769999","type":"reclamo"}"#, "`type` is not incident, change_request, adjustment or query: reclamo"),
            (#"{"from":"+5491152769999","direction":"sideways"}"#, "`direction` is not inbound or outbound: sideways"),
            (#"[{"from":"+5491152769999"},{"from":"x"}]"#, "call 2: `from` is not a phone number: x"),
        ]
        for (json, reason) in table {
            XCTAssertThrowsError(try Self.log(json), json) { error in
                XCTAssertEqual((error as? AdapterError)?.reason, reason, json)
            }
        }
    }

    /// A softphone or CRM posting the call passes the caller as Asterisk's `CALLERID(all)`.
    func testACallerIDIsTheNumberAndTheSendersName() throws {
        let table: [(from: String, number: String, name: String?)] = [
            (#"\"Juan Pérez\" <1152769999>"#, "+541152769999", "Juan Pérez"),
            ("Minera Andes <+56 2 2928 8900>", "+56229288900", "Minera Andes"),
            ("Juan Perez (011 15 5276-9999)", "+5491152769999", "Juan Perez"),
            (#"\"Anonymous\" <0341 15 555-1234>"#, "+5493415551234", nil),
            ("011 15 5276-9999", "+5491152769999", nil),
        ]
        for (from, number, name) in table {
            let message = try XCTUnwrap(Self.log(#"{"from":"\#(from)","notes":"x"}"#).first?.message, from)
            XCTAssertEqual(message.sender, InboundMessage.Sender(id: number, name: name), from)
        }
        XCTAssertThrowsError(try Self.log(#"{"from":"\"Ana\" <2001>"}"#))
    }

    func testTheSameLogTwiceHasTheSameExternalIDWhateverTheNumberFormat() throws {
        let a = try Self.log(#"{"from":"011 15 5276-9999","operator":"Ana","started_at":"2024-03-05T14:30:00-03:00","notes":"x"}"#)
        let b = try Self.log(#"{"number":"+54 9 11 5276 9999","operator":"Ana","started_at":"2024-03-05T17:30:00Z","notes":"x"}"#)
        XCTAssertEqual(a.first?.externalID, b.first?.externalID)
        XCTAssertTrue(a.first?.externalID.hasPrefix("calllog-") ?? false)
        let c = try Self.log(#"{"from":"011 15 5276-9999","operator":"Ana","started_at":"2024-03-05T14:30:00-03:00","notes":"y"}"#)
        XCTAssertNotEqual(a.first?.externalID, c.first?.externalID)
    }

    func testMessageCarriesHintsAndMetadata() throws {
        let log = try XCTUnwrap(Self.log(#"{"from":"+56 2 2928 8900","operator":"Pedro","duration":"1:05:00","notes":"Caída total","priority":"P1","type":"ajuste","customer":"acme-cl","call_id":"k-1"}"#).first)
        let message = log.message
        XCTAssertEqual(message.externalID, "k-1")
        XCTAssertEqual(message.kind, .call)
        XCTAssertEqual(message.sender.id, "+56229288900")
        XCTAssertEqual(message.text, "Caída total")
        XCTAssertEqual(message.hints, InboundMessage.Hints(priority: .critical, requestType: .adjustment, customerID: "acme-cl", operatorName: "Pedro"))
        XCTAssertEqual(message.metadata["duration"], 3900)
        XCTAssertEqual(message.metadata["callId"], "k-1")
        XCTAssertEqual(message.metadata["direction"], "inbound")
    }

    func testStartedAtWithoutAZoneIsThePBXLocalTime() throws {
        let table: [(String, Int, String)] = [
            ("2024-06-03 11:05:00", -3 * 3600, "2024-06-03T14:05:00Z"),
            ("2024-06-03T11:05:00.250", -3 * 3600, "2024-06-03T14:05:00Z"),
            ("2024-06-03 11:05:00", -4 * 3600, "2024-06-03T15:05:00Z"),
            ("2024-06-03T11:05:00-03:00", -4 * 3600, "2024-06-03T14:05:00Z"),
            ("2024-06-03T11:05:00Z", -3 * 3600, "2024-06-03T11:05:00Z"),
        ]
        for (startedAt, offset, expected) in table {
            let json = #"{"from":"+5491152769999","started_at":"\#(startedAt)"}"#
            let log = try XCTUnwrap(CallLog.parse(Array(json.utf8), timeZone: LocalTimeZone(offsetSeconds: offset)).first)
            XCTAssertEqual(log.startedAt?.iso8601, expected, startedAt)
        }
    }
}
