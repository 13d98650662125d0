import IntakeChannels
import IntakeCore
import XCTest

/// Edge cases beside the fixture table.
final class WhatsAppAdapterTests: XCTestCase {
    private func normalize(_ text: String) throws -> [InboundMessage] {
        try WhatsAppAdapter().normalize(RawPayload(bytes: Array(text.utf8)))
    }

    /// `errors[]` on a change's value, beside no message and no status, is a problem of the app or the
    /// account (rate limit hit): recorded as one status that never opens a ticket, the same one when
    /// redelivered; errors inside a message stay on the message, and a value with messages adds none.
    func testValueLevelErrorsAreOneStatusRecord() throws {
        let errors = #""errors":[{"code":130429,"title":"Rate limit hit","error_data":{"details":"too many messages"}},{"code":131000,"message":"Something went wrong"}]"#
        let alone = #"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"106540352242922"},"#
            + errors + "}}]}]}"
        let records = try normalize(alone)
        XCTAssertEqual(records.map(\.kind), [.status])
        XCTAssertEqual(records.first?.text, "WhatsApp 130429 (Rate limit hit): too many messages\nWhatsApp 131000 (Something went wrong)")
        XCTAssertEqual(records.first?.metadata["errors"]?.arrayValue?.count, 2)
        XCTAssertEqual(try normalize(alone).first?.externalID, records.first?.externalID)
        XCTAssertTrue(records.first?.externalID?.hasPrefix("error:") ?? false)
        let withMessage = #"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"5491152769999","id":"wamid.1","timestamp":"1","type":"text","text":{"body":"hola"}}],"#
            + errors + "}}]}]}"
        XCTAssertEqual(try normalize(withMessage).map(\.kind), [.message])
    }

    /// The customer's answer to our request to call them (Calling API) has no title or body: its text
    /// says what they answered, so the ticket does not read blank.
    func testACallPermissionReplySaysWhatTheCustomerAnswered() throws {
        let table: [(reply: String, text: String?)] = [
            (#"{"response":"accept","expiration_timestamp":1733149800,"response_source":"user_action"}"#, "Permiso para llamar: aceptado"),
            (#"{"response":"reject","response_source":"user_action"}"#, "Permiso para llamar: rechazado"),
            (#"{"response":"accept","is_permanent":true,"response_source":"user_action"}"#, "Permiso para llamar: aceptado (permanente)"),
        ]
        for (reply, text) in table {
            let body = #"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"5491152769999","id":"wamid.1","timestamp":"1","type":"interactive","interactive":{"type":"call_permission_reply","call_permission_reply":"#
                + reply + "}}]}}]}]}"
            let message = try normalize(body).first
            XCTAssertEqual(message?.text, text, reply)
            XCTAssertNotNil(message?.metadata["call_permission"], reply)
        }
    }

    /// A payload saved to a file by a Windows tool starts with a UTF-8 byte order mark; it is no reason to
    /// refuse the webhook.
    func testAByteOrderMarkBeforeThePayloadIsSkipped() throws {
        let cloud = #"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"5491152769999","id":"wamid.1","timestamp":"1","type":"text","text":{"body":"hola"}}]}}]}]}"#
        for body in [cloud, "MessageSid=SM1&From=whatsapp%3A%2B5491152769999&To=whatsapp%3A%2B5491140001234&Body=hola"] {
            let marked = try WhatsAppAdapter().normalize(RawPayload(bytes: [0xEF, 0xBB, 0xBF] + Array(body.utf8)))
            XCTAssertEqual(marked, try normalize(body), body)
            XCTAssertEqual(marked.count, 1, body)
        }
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

    /// A Twilio status callback may carry the `Body` we sent: any `MessageStatus` but an inbound one is a
    /// status, never a customer's message.
    func testTwilioStatusCallbacksAreStatusesWithOrWithoutBody() throws {
        let table: [(fields: String, kind: InboundMessage.Kind)] = [
            ("MessageStatus=delivered", .status), ("MessageStatus=delivered&Body=Hola", .status), ("MessageStatus=read&Body=", .status),
            ("MessageStatus=failed&Body=Hola&ErrorCode=63016", .status), ("MessageStatus=received&Body=Hola", .message),
            ("SmsStatus=received&Body=Hola", .message), ("Body=Hola", .message), ("MessageStatus=received", .status),
        ]
        for (fields, kind) in table {
            let form = "MessageSid=SM1&From=whatsapp%3A%2B5491152769999&To=whatsapp%3A%2B5491140001234&" + fields
            XCTAssertEqual(try normalize(form).first?.kind, kind, fields)
        }
    }

    /// A message whose content Meta sent as null (`"video": null`, `"text": null`) had an attachment with
    /// nothing in it, or no text: an empty ticket. It now says there was no content, with a warning.
    func testAMessageWithNullContent() throws {
        for (type, body) in [("video", #""video": null"#), ("text", #""text": null"#), ("image", #""image": {"id": "img1", "mime_type": "image/jpeg"}"#)] {
            let json = #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"106540352242922"},"messages":[{"from":"5491152769999","id":"wamid.N\#(type)","timestamp":"1764079600","type":"\#(type)",\#(body)}]}}]}]}"#
            let m = try XCTUnwrap(try normalize(json).first, type)
            if type == "image" {
                XCTAssertEqual(m.attachments.map(\.mediaID), ["img1"])
                XCTAssertNil(m.text)
            } else {
                XCTAssertEqual(m.attachments, [], type)
                XCTAssertEqual(m.text, "Mensaje de WhatsApp sin contenido (\(type))")
                XCTAssertEqual(m.warnings, ["a \(type) message with no content"])
            }
        }
    }

    /// The Twilio sender as forms really arrive: a `+` a relay left unencoded reads as a space, so the
    /// number comes from `WaId`; a `From` with no number at all is refused, not one shared bogus sender.
    func testATwilioSenderWithoutANumberInFrom() throws {
        let base = "MessageSid=SM9&To=whatsapp%3A%2B390299914307&Body=hola&"
        XCTAssertEqual(try normalize(base + "From=whatsapp:+393891605511&WaId=393891605511").first?.sender.id, "+393891605511")
        XCTAssertEqual(try normalize(base + "From=whatsapp%3A%2B5491152769999").first?.sender.id, "+5491152769999")
        XCTAssertThrowsError(try normalize(base + "From=whatsapp%3A%2B")) { XCTAssertTrue("\($0)".contains("`From` has no number"), "\($0)") }
    }

    /// `forwarded`, or `frequently_forwarded` alone: both are forwards, in Cloud JSON and Twilio forms.
    func testForwardedFlags() throws {
        let table: [(context: String, form: String, forwarded: Bool, frequently: Bool)] = [
            (#"{"forwarded":true}"#, "Forwarded=true", true, false),
            (#"{"frequently_forwarded":true}"#, "FrequentlyForwarded=true", true, true),
            (#"{"forwarded":true,"frequently_forwarded":true}"#, "Forwarded=true&FrequentlyForwarded=true", true, true),
            (#"{"forwarded":false}"#, "Forwarded=false", false, false),
            (#"{"id":"wamid.A"}"#, "Body=x", false, false),
        ]
        for (context, form, forwarded, frequently) in table {
            let cloud = #"{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"from":"5491152769999","id":"wamid.X","type":"text","text":{"body":"x"},"context":"#
                + context + "}]}}]}]}"
            let twilio = "MessageSid=SM1&From=whatsapp%3A%2B5491152769999&To=whatsapp%3A%2B5491140001234&Body=x&" + form
            for m in [try XCTUnwrap(normalize(cloud).first), try XCTUnwrap(normalize(twilio).first)] {
                XCTAssertEqual(m.metadata["forwarded"]?.boolValue ?? false, forwarded, context)
                XCTAssertEqual(m.metadata["frequently_forwarded"]?.boolValue ?? false, frequently, context)
            }
        }
    }

    /// A list row's description says what its short title means; a reply button has only its title.
    func testAChosenOptionReadsAsItsTitleAndDescription() throws {
        let table: [(interactive: String, text: String?)] = [
            (#"{"type":"list_reply","list_reply":{"id":"p1","title":"Crítica","description":"Todo el sistema está caído"}}"#,
             "Crítica — Todo el sistema está caído"),
            (#"{"type":"list_reply","list_reply":{"id":"p2","title":"Alta","description":""}}"#, "Alta"),
            (#"{"type":"button_reply","button_reply":{"id":"b1","title":"Sigue fallando"}}"#, "Sigue fallando"),
        ]
        for (interactive, text) in table {
            let cloud = #"{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"from":"5491152769999","id":"wamid.I","type":"interactive","interactive":"#
                + interactive + "}]}}]}]}"
            XCTAssertEqual(try XCTUnwrap(normalize(cloud).first).text, text, interactive)
        }
    }

    /// An Argentine mobile is written with the `9` after the country code or without it: when a message's
    /// `from` and the id the platform gives with it (the contact's `wa_id`, Twilio's `WaId`) are the one line
    /// in the two forms, the sender is the form with the `9`, its profile name found either way; any
    /// other pair keeps `from` as it is.
    func testAnArgentineSenderIsTheFormWithTheMobileNineWhenItsIdSaysSo() throws {
        let table: [(from: String, waID: String?, sender: String, name: String?)] = [
            ("541152769999", "5491152769999", "+5491152769999", "Ana"),
            ("5491152769999", "541152769999", "+5491152769999", "Ana"),
            ("5491152769999", "5491152769999", "+5491152769999", "Ana"),
            ("541152769999", nil, "+541152769999", nil),
            ("541152769999", "5491152769998", "+541152769999", nil),
            ("56987654321", "56987654321", "+56987654321", "Ana"),
        ]
        for (from, waID, sender, name) in table {
            let contacts = waID.map { #","contacts":[{"profile":{"name":"Ana"},"wa_id":""# + $0 + #""}]"# } ?? ""
            let cloud = #"{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"from":""# + from
                + #"","id":"wamid.X","type":"text","text":{"body":"x"}}]"# + contacts + "}}]}]}"
            let twilio = "MessageSid=SM1&From=whatsapp%3A%2B\(from)&To=whatsapp%3A%2B5491140001234&Body=x" + (waID.map { "&WaId=" + $0 } ?? "")
            let cloudMessage = try XCTUnwrap(normalize(cloud).first)
            XCTAssertEqual(cloudMessage.sender.id, sender, "\(from) / \(waID ?? "-")")
            XCTAssertEqual(cloudMessage.threadKey, sender)
            XCTAssertEqual(cloudMessage.sender.name, name)
            XCTAssertEqual(try XCTUnwrap(normalize(twilio).first).sender.id, sender, "Twilio \(from) / \(waID ?? "-")")
        }
    }

    /// Coexistence numbers send a customer's edit (`edit.message` is the new content, read as any message)
    /// and deletion (`revoke`): both name the original by `original_message_id` and open no ticket.
    func testEditAndRevokeTargetTheOriginal() throws {
        let table: [(type: String, body: String, kind: InboundMessage.Kind, text: String?, attachments: Int)] = [
            ("edit", #"{"original_message_id":"wamid.O","message":{"type":"text","text":{"body":"nuevo"}}}"#, .edit, "nuevo", 0),
            ("edit", #"{"original_message_id":"wamid.O","message":{"type":"image","image":{"id":"7","mime_type":"image/jpeg","caption":"otra"}}}"#, .edit, "otra", 1),
            ("edit", #"{"original_message_id":"wamid.O"}"#, .edit, nil, 0),
            ("edit", #"{"original_message_id":"wamid.O","message":{"type":"edit","edit":{"original_message_id":"wamid.O","message":{"type":"text","text":{"body":"x"}}}}}"#, .edit, nil, 0),
            ("revoke", #"{"original_message_id":"wamid.O"}"#, .deletion, nil, 0),
        ]
        for (type, body, kind, text, attachments) in table {
            let payload = #"{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"from":"5491152769999","id":"wamid.E","type":""#
                + type + #"",""# + type + #"":"# + body + "}]}}]}]}"
            let m = try XCTUnwrap(normalize(payload).first, body)
            XCTAssertEqual(m.kind, kind, body)
            XCTAssertEqual(m.targetID, "wamid.O", body)
            XCTAssertEqual(m.externalID, "wamid.E", body)
            XCTAssertEqual(m.text, text, body)
            XCTAssertEqual(m.attachments.count, attachments, body)
        }
    }
}
