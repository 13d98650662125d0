import IntakeChannels
import IntakeCore
import XCTest

/// Edge cases beside the fixture table.
final class SlackAdapterTests: XCTestCase {
    private func normalize(_ text: String, adapter: SlackAdapter = SlackAdapter()) throws -> [InboundMessage] {
        try adapter.normalize(RawPayload(bytes: Array(text.utf8)))
    }

    func testPayloadsThatAreNotSlackAreAdapterErrors() {
        for text in ["", "garbage", "{not json", #"{"object":"whatsapp_business_account"}"#, "[1,2]", "From=whatsapp%3A%2B1&Body=x",
                     #"{"type":"event_callback"}"#, "command=%2Fsoporte&text=hola"] {
            XCTAssertThrowsError(try normalize(text), text) { XCTAssertEqual(($0 as? AdapterError)?.channel, .slack) }
        }
    }

    func testConfiguredBotUserIsIgnored() throws {
        let body = #"{"type":"event_callback","event_id":"Ev1","event":{"type":"message","user":"U0OURBOT","text":"hi","ts":"1.2","channel":"C1"}}"#
        XCTAssertEqual(try normalize(body).count, 1)
        XCTAssertEqual(try normalize(body, adapter: SlackAdapter(ownBotUserIDs: ["U0OURBOT"])).count, 0)
    }

    func testEscapesAreUndoneOnceAndMarkupIsKept() throws {
        let body = #"{"type":"event_callback","event_id":"Ev1","event":{"type":"message","user":"U1","text":"a &amp;lt; b &gt; c &amp; <@U2> <#C3|general> &copy;","ts":"1700000000.000100","channel":"C1"}}"#
        XCTAssertEqual(try normalize(body).first?.text, "a &lt; b > c & <@U2> <#C3|general> &copy;")
    }

    func testEventTimeIsUsedWhenTsHasNoSeconds() throws {
        let body = #"{"type":"event_callback","event_id":"Ev1","event_time":1700000000,"event":{"type":"message","user":"U1","text":"x","ts":"x","channel":"C1"}}"#
        XCTAssertEqual(try normalize(body).first?.sentAt, Timestamp(seconds: 1_700_000_000))
    }

    func testPriorityWordsInBracketsOrEnglishAreHints() throws {
        let cases: [(String, Priority?, String?)] = [
            ("%5Balta%5D+no+anda", .high, "no anda"), ("LOW+typo", .low, "typo"), ("baja", .low, nil), ("", nil, nil),
            ("medianoche+falla", nil, "medianoche falla"),
        ]
        for (text, priority, rest) in cases {
            let m = try normalize("command=%2Fsoporte&user_id=U1&channel_id=C1&trigger_id=T1&text=" + text)
            XCTAssertEqual(m.first?.hints.priority, priority, text)
            XCTAssertEqual(m.first?.text, rest, text)
        }
    }
}
