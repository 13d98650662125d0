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

    /// `ts` is `seconds.micro`: the whole seconds are what precedes the first "." character (a "."
    /// carrying a combining mark is not one), else the envelope's `event_time` (here 1700000000).
    func testTsFormsGiveTheirWholeSeconds() throws {
        let table: [(String, Int64)] = [
            ("1764000000.000100", 1_764_000_000), ("1764000000", 1_764_000_000), ("1.2.3", 1), ("-5.1", -5), ("+12.3", 12),
            (".5", 1_700_000_000), ("", 1_700_000_000), ("12a.1", 1_700_000_000), ("１２.3", 1_700_000_000),
            ("12.\u{301}5", 1_700_000_000), ("12\u{301}.5", 1_700_000_000), ("1000000000000.1", 1_700_000_000),
            ("999999999999.9", 999_999_999_999),
        ]
        for (ts, seconds) in table {
            let event: JSONValue = ["type": "message", "user": "U1", "text": "x", "ts": .string(ts), "channel": "C1"]
            let body: JSONValue = ["type": "event_callback", "event_id": "Ev1", "event_time": 1_700_000_000, "event": event]
            XCTAssertEqual(try normalize(JSONWriter.string(body)).first?.sentAt, Timestamp(seconds: seconds), ts.debugDescription)
        }
    }

    func testUsersTheAuthorizationsMarkAsBotsAreIgnored() throws {
        func body(_ authorizations: String) -> String {
            #"{"type":"event_callback","event_id":"Ev1","authorizations":"# + authorizations
                + #","event":{"type":"message","user":"U0BOT","text":"hi","ts":"1.2","channel":"C1"}}"#
        }
        XCTAssertEqual(try normalize(body(#"[{"user_id":"U0BOT","is_bot":true}]"#)).count, 0)
        XCTAssertEqual(try normalize(body(#"[{"user_id":"U9","is_bot":true},{"user_id":"U0BOT","is_bot":true}]"#)).count, 0)
        XCTAssertEqual(try normalize(body(#"[{"user_id":"U0BOT","is_bot":false}]"#)).count, 1)
        XCTAssertEqual(try normalize(body(#"[{"user_id":"U9","is_bot":true}]"#)).count, 1)
        XCTAssertEqual(try normalize(body("[]")).count, 1)
    }
}
