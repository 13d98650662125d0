import IntakeChannels
import IntakeCore
import XCTest

/// Edge cases beside the fixture table.
final class WhatsAppAdapterTests: XCTestCase {
    private func normalize(_ text: String) throws -> [InboundMessage] {
        try WhatsAppAdapter().normalize(RawPayload(bytes: Array(text.utf8)))
    }

    func testPayloadsThatAreNotWhatsAppAreAdapterErrors() {
        for text in ["", "garbage", "{", #"{"type":"event_callback"}"#, #"{"object":"page","entry":[]}"#, #"{"object":"whatsapp_business_account"}"#,
                     "MessageSid=SM1&From=%2B15551234567&To=%2B15557654321&Body=sms", "command=%2Fsoporte"] {
            XCTAssertThrowsError(try normalize(text), text) { XCTAssertEqual(($0 as? AdapterError)?.channel, .whatsapp) }
        }
    }

    func testOtherWebhookFieldsAndEmptyBatchesYieldNothing() throws {
        XCTAssertEqual(try normalize(#"{"object":"whatsapp_business_account","entry":[]}"#), [])
        let templateUpdate = #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"message_template_status_update","value":{"event":"APPROVED"}}]}]}"#
        XCTAssertEqual(try normalize(templateUpdate), [])
    }

    func testMalformedSHA256IsAWarningNotAFailure() throws {
        let body = #"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"1"},"messages":[{"from":"16505551234","id":"wamid.X","timestamp":"1700000000","type":"image","image":{"id":"9","mime_type":"image/png","sha256":"???"}}]}}]}]}"#
        let m = try XCTUnwrap(normalize(body).first)
        XCTAssertNil(m.attachments.first?.sha256)
        XCTAssertEqual(m.warnings.count, 1)
        XCTAssertEqual(m.sender.id, "+16505551234")
    }

    func testMessagesWithoutIdOrSenderAreSkipped() throws {
        let body = #"{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"from":"1","type":"text"},{"id":"wamid.Y","type":"text"}],"statuses":[{"status":"sent"}]}}]}]}"#
        XCTAssertEqual(try normalize(body), [])
    }
}
