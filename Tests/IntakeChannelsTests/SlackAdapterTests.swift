@testable import IntakeChannels
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

    func testASlashCommandsLeadingPriorityWordIsTheHint() {
        let rows: [(String, Priority?, String?)] = [
            ("alta no entran llamadas", .high, "no entran llamadas"),
            ("ALTA no entran llamadas", .high, "no entran llamadas"),
            ("crítica se cayó todo", .critical, "se cayó todo"),
            ("[media] lento el reporte", .medium, "lento el reporte"),
            ("Baja: consulta de facturación", .low, "consulta de facturación"),
            ("alta - no entran llamadas", .high, "no entran llamadas"),
            ("critica, se cayó todo", .critical, "se cayó todo"),
            ("[alta]: no anda", .high, "no anda"),
            ("critica", .critical, nil),
            ("altamente urgente", nil, "altamente urgente"),
            ("alta/media no sé", nil, "alta/media no sé"),
            ("[alta no anda", nil, "[alta no anda"),
            ("no anda nada", nil, "no anda nada"),
            ("alta de usuario para Juan Pérez", nil, "alta de usuario para Juan Pérez"),
            ("Baja del interno 2045", nil, "Baja del interno 2045"),
            ("media hora sin poder llamar", nil, "media hora sin poder llamar"),
            ("alta y baja de agentes", nil, "alta y baja de agentes"),
            ("[alta] de nuevo sin audio", .high, "de nuevo sin audio"),
            ("alta: de nuevo sin audio", .high, "de nuevo sin audio"),
            ("alta - la central no responde", .high, "la central no responde"),
            ("alta el discador no marca", .high, "el discador no marca"),
            ("alta decenas de llamadas caídas", .high, "decenas de llamadas caídas"),
            ("", nil, nil),
        ]
        for (raw, priority, text) in rows {
            let (p, t) = SlackAdapter.splitPriority(raw)
            XCTAssertEqual(p, priority, raw)
            XCTAssertEqual(t, text, raw)
        }
    }

    /// A payload saved to a file by a Windows tool starts with a UTF-8 byte order mark (`intake normalize`,
    /// `ingest` and `replay` read files); it is no reason to refuse the event or the command.
    func testAByteOrderMarkBeforeThePayloadIsSkipped() throws {
        for body in [#"{"type":"event_callback","event_id":"Ev1","event":{"type":"message","user":"U1","text":"hola","ts":"1.2","channel":"C1"}}"#,
                     "command=%2Fsoporte&text=no+anda&user_id=U1&channel_id=C1"] {
            let marked = try SlackAdapter().normalize(RawPayload(bytes: [0xEF, 0xBB, 0xBF] + Array(body.utf8)))
            XCTAssertEqual(marked, try normalize(body), body)
            XCTAssertEqual(marked.count, 1, body)
        }
    }

    /// Our staff are told by user id or by their workspace (a Slack Connect channel's customer writes
    /// from its own); without configuration nobody is staff.
    func testStaffAreMarkedByUserOrWorkspace() throws {
        func body(user: String, team: String) -> String {
            #"{"type":"event_callback","team_id":"T0NEOTEL","event_id":"Ev\#(user)","event":{"type":"message","channel":"C0ACME","user":"\#(user)","user_team":"\#(team)","text":"hola","ts":"1.1"}}"#
        }
        let adapter = SlackAdapter(staffTeamIDs: ["T0NEOTEL"], staffUserIDs: ["U0GUEST"])
        XCTAssertEqual(try normalize(body(user: "U0AGENT", team: "T0NEOTEL"), adapter: adapter).first?.metadata["staff"], true)
        XCTAssertEqual(try normalize(body(user: "U0GUEST", team: "T0ACME"), adapter: adapter).first?.metadata["staff"], true)
        XCTAssertNil(try normalize(body(user: "U0JUAN", team: "T0ACME"), adapter: adapter).first?.metadata["staff"])
        XCTAssertNil(try normalize(body(user: "U0AGENT", team: "T0NEOTEL")).first?.metadata["staff"])
        let edit = #"{"type":"event_callback","team_id":"T0NEOTEL","event_id":"EvE1","event":{"type":"message","subtype":"message_changed","channel":"C0ACME","ts":"2.0","message":{"type":"message","user":"U0AGENT","user_team":"T0NEOTEL","text":"hola!","ts":"1.1"},"previous_message":{"type":"message","user":"U0AGENT","text":"hola","ts":"1.1"}}}"#
        XCTAssertEqual(try normalize(edit, adapter: adapter).first?.metadata["staff"], true, "an edit by staff")
    }

    /// A customer's monitoring bot raising an alert in its channel is a request once configured; its
    /// alert is in legacy attachments. Unconfigured, it is bot traffic like any other.
    func testACustomersBotAlertIsARequestWhenConfigured() throws {
        let body = #"{"type":"event_callback","team_id":"T0NEOTEL","event_id":"EvZBX1","event":{"type":"message","subtype":"bot_message","bot_id":"B0ZABBIX","username":"Zabbix ACME","text":"","channel":"C0ACMEPRIV","ts":"1764000000.000100","attachments":[{"fallback":"PROBLEM: Asterisk down","color":"danger","title":"PROBLEM: Asterisk &lt;pbx-01&gt; is down","text":"Trigger severity: Disaster","fields":[{"title":"Host","value":"pbx-01.acme.local","short":true},{"title":"Since","value":"09:40","short":true}]},{"fallback":"only a fallback"}]}}"#
        XCTAssertEqual(try normalize(body).count, 0)
        let messages = try normalize(body, adapter: SlackAdapter(customerBotIDs: ["B0ZABBIX"]))
        let m = try XCTUnwrap(messages.first)
        XCTAssertEqual(m.sender.id, "B0ZABBIX")
        XCTAssertEqual(m.sender.name, "Zabbix ACME")
        XCTAssertEqual(m.externalID, "EvZBX1")
        XCTAssertEqual(m.conversation, "C0ACMEPRIV")
        XCTAssertEqual(m.text, "PROBLEM: Asterisk <pbx-01> is down\nTrigger severity: Disaster\nHost: pbx-01.acme.local\nSince: 09:40\n\nonly a fallback")
        XCTAssertEqual(m.metadata["bot_id"], "B0ZABBIX")
        XCTAssertFalse(m.isAutoReply)
        XCTAssertEqual(try normalize(body, adapter: SlackAdapter(customerBotIDs: ["B0OTHER"])).count, 0)
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
            ("medianoche+falla", nil, "medianoche falla"), ("alta+a+%26amp%3B+b+%26lt%3Bc%26gt%3B", .high, "a & b <c>"),
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

    /// Slack sends `message_changed` for reply counts, unfurls and language detection too: only a new
    /// text, new files or a new `edited` stamp is an edit; no `previous_message` means take it as one. A
    /// tombstone is the parent's deletion, by its author.
    func testMessageChangedIsAnEditOnlyWhenWhatTheAuthorWroteChanged() throws {
        let old = #"{"type":"message","user":"U1","text":"hola","ts":"1.1"}"#
        let table: [(message: String, previous: String?, kind: InboundMessage.Kind?)] = [
            (#"{"type":"message","user":"U1","text":"hola!","ts":"1.1","edited":{"user":"U1","ts":"2.0"}}"#, old, .edit),
            (#"{"type":"message","user":"U1","text":"hola!","ts":"1.1"}"#, old, .edit),
            (#"{"type":"message","user":"U1","text":"hola","ts":"1.1","edited":{"user":"U1","ts":"2.0"}}"#, old, .edit),
            (#"{"type":"message","user":"U1","text":"hola","ts":"1.1","files":[{"id":"F1"}]}"#, old, .edit),
            (#"{"type":"message","user":"U1","text":"hola","ts":"1.1"}"#, nil, .edit),
            (#"{"type":"message","user":"U1","text":"hola","ts":"1.1","reply_count":3,"latest_reply":"3.0","thread_ts":"1.1"}"#, old, nil),
            (#"{"type":"message","user":"U1","text":"hola","ts":"1.1","attachments":[{"from_url":"https://a.example"}]}"#, old, nil),
            (#"{"type":"message","user":"U1","text":"hola","ts":"1.1","attachments":[{"is_msg_unfurl":true,"text":"el error"}]}"#, old, nil),
            (#"{"type":"message","user":"U1","text":"hola","ts":"1.1","edited":{"ts":"2.0"}}"#, #"{"type":"message","user":"U1","text":"hola","ts":"1.1","edited":{"ts":"2.0"}}"#, nil),
            (#"{"type":"message","subtype":"tombstone","user":"USLACKBOT","text":"This message was deleted.","ts":"1.1"}"#, old, .deletion),
        ]
        for (message, previous, kind) in table {
            let body = #"{"type":"event_callback","event_id":"Ev1","event":{"type":"message","subtype":"message_changed","channel":"C1","ts":"3.0","message":"#
                + message + (previous.map { #","previous_message":"# + $0 } ?? "") + "}}"
            let messages = try normalize(body)
            XCTAssertEqual(messages.first?.kind, kind, message)
            if kind != nil {
                XCTAssertEqual(messages.first?.sender.id, "U1", message)
                XCTAssertEqual(messages.first?.targetID, "C1:1.1", message)
            }
        }
    }

    func testSlackbotWritesNoTicket() throws {
        let body = #"{"type":"event_callback","event_id":"Ev1","event":{"type":"message","user":"USLACKBOT","text":"Reminder: x","ts":"1.2","channel":"C1"}}"#
        XCTAssertEqual(try normalize(body), [])
    }

    /// A message with an empty `text` reads from its rich-text blocks, in the markup `text` would use.
    func testRichTextBlocksAreTheTextWhenTextIsEmpty() throws {
        let table: [(elements: String, text: String?)] = [
            (#"[{"type":"rich_text_section","elements":[{"type":"text","text":"a & b "},{"type":"user","user_id":"U2"}]}]"#, "a & b <@U2>"),
            (#"[{"type":"rich_text_section","elements":[{"type":"link","url":"https://x.example","text":"x"},{"type":"link","url":"https://y.example"}]}]"#,
             "<https://x.example|x><https://y.example>"),
            (#"[{"type":"rich_text_section","elements":[{"type":"channel","channel_id":"C9"},{"type":"broadcast","range":"here"},{"type":"usergroup","usergroup_id":"S1"}]}]"#,
             "<#C9><!here><!subteam^S1>"),
            (#"[{"type":"rich_text_section","elements":[{"type":"emoji","name":"fire","unicode":"1f525"},{"type":"emoji","name":"custom"},{"type":"emoji","name":"bad","unicode":"zz"}]}]"#,
             "🔥:custom::bad:"),
            (#"[{"type":"rich_text_section","elements":[{"type":"emoji","name":"dev","unicode":"1f469-200d-1f4bb"}]}]"#, "👩‍💻"),
            (#"[{"type":"rich_text_list","style":"ordered","elements":[{"type":"rich_text_section","elements":[{"type":"text","text":"uno"}]},{"type":"rich_text_section","elements":[{"type":"text","text":"dos"}]}]}]"#,
             "1. uno\n2. dos"),
            (#"[{"type":"rich_text_list","style":"ordered","offset":2,"elements":[{"type":"rich_text_section","elements":[{"type":"text","text":"tres"}]}]}]"#,
             "3. tres"),
            (#"[{"type":"rich_text_list","style":"bullet","indent":1,"elements":[{"type":"rich_text_section","elements":[{"type":"text","text":"x"}]}]}]"#, "  • x"),
            (#"[{"type":"rich_text_quote","elements":[{"type":"text","text":"a\nb"}]},{"type":"rich_text_preformatted","elements":[{"type":"text","text":"ls -l"}]}]"#,
             "> a\n> b\nls -l"),
            (#"[{"type":"rich_text_section","elements":[{"type":"date","timestamp":1732540800,"format":"{date}","fallback":"25 nov"}]}]"#, "25 nov"),
            (#"[{"type":"rich_text_section","elements":[{"type":"text","text":"  "}]}]"#, nil),
            ("[]", nil),
        ]
        for (elements, text) in table {
            let body = #"{"type":"event_callback","event_id":"Ev1","event":{"type":"message","user":"U1","text":"","ts":"1.2","channel":"C1","blocks":[{"type":"rich_text","elements":"#
                + elements + "}]}}"
            XCTAssertEqual(try normalize(body).first?.text, text, elements)
        }
        let withText = #"{"type":"event_callback","event_id":"Ev1","event":{"type":"message","user":"U1","text":"a &amp; b","ts":"1.2","channel":"C1","blocks":[{"type":"rich_text","elements":[{"type":"rich_text_section","elements":[{"type":"text","text":"other"}]}]}]}}"#
        XCTAssertEqual(try normalize(withText).first?.text, "a & b")
    }

    /// A message an app posted on a person's behalf with layout blocks only (no `text`, no rich text)
    /// reads from the blocks' text objects: mrkdwn unescaped, plain text as written, images left out.
    func testLayoutBlocksAreTheTextWhenThereIsNoTextNorRichText() throws {
        let table: [(blocks: String, text: String?)] = [
            (#"[{"type":"section","text":{"type":"mrkdwn","text":"*Caída* &amp; reinicio"}}]"#, "*Caída* & reinicio"),
            (#"[{"type":"header","text":{"type":"plain_text","text":"Alta & baja"}},{"type":"section","fields":[{"type":"mrkdwn","text":"*Sede:* Córdoba"},{"type":"plain_text","text":"Prioridad alta"}]}]"#,
             "Alta & baja\n*Sede:* Córdoba\nPrioridad alta"),
            (#"[{"type":"context","elements":[{"type":"image","image_url":"https://x.example/a.png","alt_text":"a"},{"type":"mrkdwn","text":"desde la app"}]},{"type":"divider"}]"#,
             "desde la app"),
            (#"[{"type":"divider"},{"type":"section","text":{"type":"mrkdwn","text":" "}}]"#, nil),
        ]
        for (blocks, text) in table {
            let body = #"{"type":"event_callback","event_id":"Ev1","event":{"type":"message","user":"U1","ts":"1.2","channel":"C1","blocks":"#
                + blocks + "}}"
            XCTAssertEqual(try normalize(body).first?.text, text, blocks)
        }
    }
}
