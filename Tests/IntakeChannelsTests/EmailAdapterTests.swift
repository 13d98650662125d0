import IntakeChannels
import IntakeCore
import XCTest

final class EmailAdapterTests: XCTestCase {
    func testPayloadsThatAreNotMailAreRejectedWithAReason() {
        let cases: [(String, [UInt8])] = [
            ("empty", []),
            ("blank", Array("  \r\n\r\n".utf8)),
            ("json", Array("{\"type\":\"event_callback\",\"event\":{}}".utf8)),
            ("json array", Array("[1,2,3]".utf8)),
            ("binary", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]),
            ("plain text", Array("hello there, this is not an email\nsecond line".utf8)),
            ("unknown headers only", Array("X-Foo: bar\r\n\r\nbody".utf8)),
        ]
        for (name, bytes) in cases {
            XCTAssertThrowsError(try EmailAdapter().normalize(RawPayload(bytes: bytes)), name) { error in
                XCTAssertEqual((error as? AdapterError)?.channel, .email, name)
                XCTAssertFalse((error as? AdapterError)?.reason.isEmpty ?? true, name)
            }
        }
    }

    /// A stray NUL or escape in the headers of a mail (after its first field line) is a broken mailer's, not
    /// binary data: the mail is read, and the subject keeps no controls but the tab (a line break is a space).
    func testControlCharactersInTheHeadersOfAMailAreDroppedNotRejected() throws {
        let table: [(raw: [UInt8], subject: String)] = [
            (Array("From: ana@b.com\r\nSubject: hola\u{0} mundo\r\nMessage-ID: <n@b.com>\r\n\r\nhola".utf8), "hola mundo"),
            (Array("From: ana@b.com\r\nSubject: \u{1B}[31mrojo\u{7F}\tverde\r\n\r\nhola".utf8), "[31mrojo\tverde"),
            (Array("From: ana@b.com\r\nSubject: =?utf-8?Q?a=00b?=\r\n\r\nhola".utf8), "ab"),
            (Array("From: ana@b.com\r\nSubject: =?utf-8?Q?uno=0D=0Ados?=\r\n\r\nhola".utf8), "uno  dos"),
        ]
        for row in table {
            XCTAssertEqual(try EmailAdapter().message(from: row.raw).subject, row.subject)
        }
        XCTAssertThrowsError(try EmailAdapter().message(from: Array("From\u{0}: ana@b.com\r\n\r\nhola".utf8)))
    }

    /// A display name's encoded word decodes to anything too: a NUL (which PostgreSQL-backed desks refuse in
    /// a customer's name) or a line break reached the sender's name as it was.
    func testControlCharactersInTheSendersNameAreDropped() throws {
        let table: [(from: String, name: String?)] = [
            ("=?utf-8?B?SnVhbg0KQmNjOiB2aWN0aW1hQHguY29t?= <juan@c.com>", "Juan  Bcc: victima@x.com"),
            ("=?utf-8?Q?Jos=C3=A9=00?= <jose@c.com>", "José"),
            ("=?utf-8?Q?=1B[31m?= <ana@c.com>", "[31m"),
            ("=?utf-8?Q?=00?= <ana@c.com>", nil),
        ]
        for row in table {
            let raw = "From: \(row.from)\r\nMessage-ID: <n@c.com>\r\n\r\nhola"
            XCTAssertEqual(try EmailAdapter().message(from: Array(raw.utf8)).sender.name, row.name, row.from)
        }
    }

    /// A mail without a readable `Date` takes its time from the newest `Received` (the topmost).
    func testAMissingOrUnreadableDateFallsBackToTheNewestReceived() throws {
        let received = "Received: from mx2.acme.com.ar by mx.neotel.com (Postfix) with ESMTPS id 4F2; Mon, 3 Jun 2024 10:21:07 -0300\r\n"
            + "Received: from pc-ventas by mx2.acme.com.ar; Mon, 3 Jun 2024 10:20:59 -0300\r\n"
        let rows: [(String, String, String?)] = [
            ("no Date", received, "2024-06-03T13:21:07Z"),
            ("unreadable Date", received + "Date: ayer a la tarde\r\n", "2024-06-03T13:21:07Z"),
            ("a readable Date wins", received + "Date: Mon, 3 Jun 2024 10:15:00 -0300\r\n", "2024-06-03T13:15:00Z"),
            // A sender's wrong clock: a Date after the mail reached us (beyond a day) is no sending time.
            ("a Date centuries ahead", received + "Date: Mon, 30 Jun 3609 15:33:50 +0600\r\n", "2024-06-03T13:21:07Z"),
            ("a Date hours ahead (a wrong zone)", received + "Date: Mon, 3 Jun 2024 22:15:00 -0300\r\n", "2024-06-04T01:15:00Z"),
            ("a Date two days ahead", received + "Date: Wed, 5 Jun 2024 10:15:00 -0300\r\n", "2024-06-03T13:21:07Z"),
            ("a future Date with nothing to check it against", "Date: Mon, 30 Jun 3609 15:33:50 +0600\r\n", "3609-06-30T09:33:50Z"),
            ("no Date, no Received", "", nil),
            ("a Received without a date", "Received: from x by y\r\n", nil),
        ]
        for (name, fields, expected) in rows {
            let raw = Array((fields + "From: juan@acme.com.ar\r\nMessage-ID: <d@acme.com.ar>\r\nSubject: x\r\n\r\nhola\r\n").utf8)
            let m = try XCTUnwrap(try EmailAdapter().normalize(RawPayload(bytes: raw)).first, name)
            XCTAssertEqual(m.sentAt?.iso8601, expected, name)
        }
    }

    /// RFC 3030 BINARYMIME: a body part may carry `Content-Transfer-Encoding: binary` bytes, NULs among
    /// them, close to the headers; only a NUL in the header block before any field line says the payload
    /// is no mail (after one, see `testControlCharactersInTheHeadersOfAMailAreDroppedNotRejected`).
    func testABinaryBodyPartIsNoReasonToRejectTheMail() throws {
        let head = "From: a@b.com\r\nMessage-ID: <bin@b.com>\r\nContent-Type: multipart/mixed; boundary=BB\r\n\r\n"
            + "--BB\r\nContent-Type: text/plain\r\n\r\nadjunto\r\n--BB\r\n"
            + "Content-Type: application/octet-stream; name=x.bin\r\nContent-Transfer-Encoding: binary\r\n\r\n"
        let raw = Array(head.utf8) + [0x00, 0x01, 0x02, 0x0D, 0x0A] + Array("--BB--\r\n".utf8)
        let message = try EmailAdapter().message(from: raw)
        XCTAssertEqual(message.text, "adjunto")
        XCTAssertEqual(message.attachments.map(\.size), [3])
        XCTAssertThrowsError(try EmailAdapter().message(from: Array("X-Bad: \u{0}\r\nFrom: a@b.com\r\n\r\nx".utf8)))
    }

    func testSyntheticIDIsStableForTheSameBytesAndDiffersOtherwise() throws {
        let a = Array("From: a@b.c\r\nSubject: x\r\n\r\nbody".utf8)
        let b = Array("From: a@b.c\r\nSubject: y\r\n\r\nbody".utf8)
        let first = try EmailAdapter().message(from: a).externalID
        XCTAssertEqual(first, try EmailAdapter().message(from: a).externalID)
        XCTAssertNotEqual(first, try EmailAdapter().message(from: b).externalID)
        XCTAssertEqual(first?.count, "synthetic-".count + 32 + "@intake.invalid".count)
    }

    /// IMAP hands a mail over with CRLF line ends; the same mail saved to a file often has LF.
    /// A mail whose lines end in CR alone reads as one whose lines end in LF.
    func testAMailWithCarriageReturnLineEndsIsReadLineByLine() throws {
        let lines = "From: Ana <ana@b.com>\nSubject: cr\nMessage-ID: <cr@b.com>\nContent-Type: multipart/mixed; boundary=b\n\n"
            + "--b\nContent-Type: text/plain\n\nhola\nchau\n--b\nContent-Type: application/pdf; name=a.pdf\n\n%PDF\n--b--\n"
        let m = try EmailAdapter().message(from: Array(lines.replacingOccurrences(of: "\n", with: "\r").utf8))
        XCTAssertEqual(m.sender.name, "Ana")
        XCTAssertEqual(m.subject, "cr")
        XCTAssertEqual(m.text, "hola\nchau")
        XCTAssertEqual(m.attachments.map(\.filename), ["a.pdf"])
        XCTAssertEqual(m.externalID, try EmailAdapter().message(from: Array(lines.utf8)).externalID)
    }

    func testSyntheticIDIsTheSameWithCRLFAndLFLineEnds() throws {
        let crlf = Array("From: a@b.c\r\nSubject: x\r\n\r\nline one\r\nline two\r\n".utf8)
        let lf = Array("From: a@b.c\nSubject: x\n\nline one\nline two\n".utf8)
        XCTAssertEqual(try EmailAdapter().message(from: crlf).externalID, try EmailAdapter().message(from: lf).externalID)
        let bareCR = Array("From: a@b.c\nSubject: x\n\nline one\rline two\n".utf8)
        XCTAssertNotEqual(try EmailAdapter().message(from: lf).externalID, try EmailAdapter().message(from: bareCR).externalID)
    }

    func testAttachmentCarriesDecodedBytesAndTheirHash() throws {
        let raw = "From: a@b.c\r\nMessage-ID: <m@b.c>\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\n\r\nhi\r\n--z\r\n"
            + "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=x.bin\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nAAEC/w==\r\n--z--\r\n"
        let message = try EmailAdapter().message(from: Array(raw.utf8))
        XCTAssertEqual(message.attachments.first?.content, [0, 1, 2, 255])
        XCTAssertEqual(message.attachments.first?.sha256, SHA256.hex([0, 1, 2, 255] as [UInt8]))
        XCTAssertEqual(message.attachments.first?.size, 4)
        XCTAssertEqual(message.text, "hi")
    }

    func testOutOfOfficeSubjectsAreAutoRepliesOnTheDecodedSubject() throws {
        let table: [(String, Bool)] = [
            ("=?iso-8859-1?Q?Respuesta_autom=E1tica:_Ca=EDda?=", true),
            ("=?UTF-8?B?UmVzcHVlc3RhIGF1dG9tw6F0aWNhOiBob2xh?=", true),
            ("Fuera de la oficina: Re: [#INT-1042] Consulta", true),
            ("Out of Office: Ticket update", true),
            ("  Automatic reply: hola", true),
            ("Out of office request for next week", false),
            ("Re: Respuesta automática del sistema", false),
            ("Consulta: fuera de la oficina", false),
            ("Automatic response: Meeting", true),
            ("Out of the Office: Re: pedido", true),
            ("Réponse automatique : Votre demande", true),
            ("Resposta automática: Pedido", true),
            ("Automatische Antwort: Anfrage", true),
            ("Abwesenheitsnotiz: Anfrage", true),
            ("Automatic update notification", false),
            ("OOF: Juan Perez", true),
            ("OOO: back on Monday", true),
            ("AUTO: Juan Perez is out of the office (returning 10/06/2024)", false),
            ("[EXTERNAL] Automatic reply: hola", true),
            ("[EXTERNO] Respuesta automática: Consulta", true),
            ("*EXTERNAL* Out of Office: Ticket update", true),
            ("EXTERNO: Fuera de la oficina: Re: pedido", true),
            ("[EXTERNAL] Re: Respuesta automática del sistema", false),
        ]
        for (subject, expected) in table {
            let raw = "From: a@b.com\r\nMessage-ID: <s@b.com>\r\nSubject: \(subject)\r\n\r\nhola"
            XCTAssertEqual(try EmailAdapter().message(from: Array(raw.utf8)).isAutoReply, expected, subject)
        }
    }

    /// Lotus Notes' out-of-office agent answers `AUTO: Juan Perez is out of the office (returning ...)` (in
    /// Spanish `AUTO: Juan Perez está fuera de la oficina`) with no header of RFC 3834; `AUTO:` alone is a
    /// weak sign (a person may write about a car), so only a reply (`In-Reply-To`) counts, as mailparser does.
    func testLotusNotesAutoSubjectOnAReplyIsAnAutoReply() throws {
        let table: [(String, Bool)] = [
            ("Subject: AUTO: Juan Perez is out of the office (returning 10/06/2024)\r\nIn-Reply-To: <a@b.com>\r\n", true),
            ("Subject: AUTO: Juan Perez est\u{E1} fuera de la oficina (regresa el 10/06/2024)\r\nIn-Reply-To: <a@b.com>\r\n", true),
            ("Subject: Auto: no arranca el motor\r\n", false),
        ]
        for (headers, expected) in table {
            let raw = "From: juan@b.com\r\nMessage-ID: <s@b.com>\r\n\(headers)\r\nhola"
            XCTAssertEqual(try EmailAdapter().message(from: Array(raw.utf8)).isAutoReply, expected, headers)
        }
    }

    func testAutoReplyHeaders() throws {
        let table: [(String, Bool)] = [
            ("X-Auto-Response-Suppress: DR, OOF, AutoReply\r\n", false),
            ("X-Auto-Response-Suppress: All\r\n", false),
            ("X-Auto-Response-Suppress: All\r\nX-MS-Exchange-Inbox-Rules-Loop: ana@b.com\r\n", true),
            ("X-Auto-Response-Suppress: RN, NRN\r\nX-MS-Exchange-Inbox-Rules-Loop: ana@b.com\r\n", false),
            ("X-Auto-Response-Suppress: All\r\nX-MS-Exchange-Inbox-Rules-Loop: ANA@b.com\r\n", true),
            ("X-Auto-Response-Suppress: DR, OOF, AutoReply\r\nX-MS-Exchange-Inbox-Rules-Loop: sistemas@b.com\r\n", false),
            ("X-Auto-Response-Suppress: All\r\nX-MS-Exchange-Inbox-Rules-Loop: sistemas@b.com\r\n", false),
            ("X-Auto-Response-Suppress: All\r\nAuto-Submitted: auto-replied\r\n", true),
            ("Auto-Submitted: no (sent by a person)\r\n", false),
            ("Auto-Submitted: No\r\n", false),
            ("Auto-Submitted: auto-replied (zimbra; vacation)\r\n", true),
            ("Auto-Submitted: auto-generated; owner-email=\"x@y.com\"\r\nIn-Reply-To: <a@b.com>\r\n", true),
            ("Auto-Submitted: auto-generated\r\nReferences: <a@b.com>\r\n", true),
            ("Auto-Submitted: auto-generated\r\n", true),
            ("Precedence: auto-reply\r\n", true),
            ("X-Autoreply-From: ana@b.com\r\n", true),
            ("X-Mail-Autoreply: yes\r\n", true),
            ("X-Autogenerated: Reply\r\n", true),
            ("X-FC-MachineGenerated: true\r\n", true),
            ("Precedence: first-class\r\n", false),
            ("X-Loop: yes\r\n", true),
            ("X-Loop: TRUE\r\n", true),
            ("X-Loop: juan@cliente.com\r\n", false),
        ]
        for (headers, expected) in table {
            let raw = "From: ana@b.com\r\nMessage-ID: <s@b.com>\r\nSubject: Consulta\r\n\(headers)\r\nhola"
            XCTAssertEqual(try EmailAdapter().message(from: Array(raw.utf8)).isAutoReply, expected, headers)
        }
    }

    /// A list's robot addresses' mail (Mailman's digests from `ppp-request@`) is list traffic, without the
    /// list headers too; a person's address that only looks alike is not, nor a person's forward of
    /// several mails as a digest (mutt).
    func testAListsDigestAndRobotAddressesAreListTraffic() throws {
        let table: [(from: String, contentType: String, automatic: Bool)] = [
            ("ppp-request@zzz.org", "text/plain", true),
            ("owner-soporte@acme.com.ar", "text/plain", true),
            ("soporte-bounces@acme.com.ar", "text/plain", true),
            ("ana@acme.com.ar", "multipart/digest; boundary=\"D\"", false),
            ("requests@acme.com.ar", "text/plain", false),
            ("ana@acme.com.ar", "text/plain", false),
        ]
        for row in table {
            let body = row.contentType.hasPrefix("multipart") ? "--D\r\n\r\nFrom: b@x.com\r\nSubject: uno\r\n\r\nhola\r\n--D--\r\n" : "hola"
            let raw = "From: \(row.from)\r\nMessage-ID: <d@x.com>\r\nSubject: Ppp digest, Vol 1 #2\r\nContent-Type: \(row.contentType)\r\n\r\n\(body)"
            XCTAssertEqual(try EmailAdapter().message(from: Array(raw.utf8)).isAutoReply, row.automatic, "\(row)")
        }
    }

    /// An attendee's answer to an invitation (iTIP `REPLY`: Outlook's "Aceptado: ...", Gmail's "Accepted: ...")
    /// is written by the calendar the moment they click, so it is an automatic reply; an invitation or a
    /// cancellation is a person's message. The method is read from the part's parameter, else its `METHOD:` line.
    func testAMeetingReplyIsAnAutomaticReplyAndAnInvitationIsNot() throws {
        let table: [(String, String, String, Bool)] = [
            ("param reply", "text/calendar; charset=utf-8; method=REPLY", "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR", true),
            ("line only", "application/ics; name=invite.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nmethod:reply\r\nEND:VCALENDAR", true),
            ("request", "text/calendar; method=REQUEST", "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR", false),
            ("cancel", "text/calendar", "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR", false),
        ]
        for (name, type, calendar, expected) in table {
            let raw = "From: ana@b.com\r\nMessage-ID: <c@b.com>\r\nSubject: Reunion\r\nContent-Type: multipart/mixed; boundary=CC\r\n\r\n"
                + "--CC\r\nContent-Type: text/plain\r\n\r\nReunion\r\n--CC\r\nContent-Type: \(type)\r\n\r\n\(calendar)\r\n--CC--\r\n"
            let message = try EmailAdapter().message(from: Array(raw.utf8))
            XCTAssertEqual(message.isAutoReply, expected, name)
            XCTAssertEqual(message.metadata["auto_reply_reason"]?.stringValue, expected ? "calendar-reply" : nil, name)
            XCTAssertNotNil(message.metadata["calendar_method"], name)
        }
    }

    func testAByteOrderMarkOrBlankLinesBeforeTheHeadersAreSkipped() throws {
        let mail = Array("From: Ana@B.com\r\nMessage-ID: <m@b.com>\r\nSubject: hola\r\n\r\ncuerpo\r\n".utf8)
        let table: [(String, [UInt8])] = [
            ("bom", [0xEF, 0xBB, 0xBF]), ("crlf", [0x0D, 0x0A]), ("lf lf", [0x0A, 0x0A]), ("bom crlf", [0xEF, 0xBB, 0xBF, 0x0D, 0x0A]),
        ]
        for (name, prefix) in table {
            let message = try EmailAdapter().message(from: prefix + mail)
            XCTAssertEqual(message.sender.id, "ana@b.com", name)
            XCTAssertEqual(message.subject, "hola", name)
            XCTAssertEqual(message.text, "cuerpo", name)
        }
    }

    /// A postmaster's plain-text notice that quotes no Message-ID is still a bounce when its subject says
    /// so; the same subject from a person, or a daemon's delay warning, is not.
    func testDaemonNoticesWithABounceSubjectAreBounces() throws {
        let table: [(from: String, subject: String, bounce: Bool)] = [
            ("\"Postmaster\" <postmaster@example.com>", "Undeliverable Mail", true),
            ("MAILER-DAEMON@example.com", "failure notice", true),
            ("Mail Delivery System <mailer-daemon@example.com>", "Mail delivery failed: returning message to sender", true),
            ("postmaster@example.com", "=?iso-8859-1?Q?No_se_puede_entregar:_Consulta?=", true),
            ("postmaster@example.com", "Delayed Mail (still being retried)", false),
            ("Ana <ana@example.com>", "Undeliverable package at the warehouse", false),
        ]
        for row in table {
            let raw = "From: \(row.from)\r\nMessage-ID: <n@example.com>\r\nSubject: \(row.subject)\r\n\r\n"
                + "Delivery failed 10 attempts: info@example.net\r\n"
            let message = try EmailAdapter().message(from: Array(raw.utf8))
            XCTAssertEqual(message.metadata["bounce"]?.boolValue ?? false, row.bounce, row.subject)
        }
    }

    /// The delivery status inside a forwarded bounce (message/rfc822) belongs to that bounce, not to the
    /// person who forwarded it.
    func testAPersonForwardingABounceIsNoBounce() throws {
        let raw = """
            From: Ana <ana@example.com>\r
            Message-ID: <fwdb@example.com>\r
            Content-Type: multipart/mixed; boundary=OUT\r
            \r
            --OUT\r
            Content-Type: text/plain\r
            \r
            Me llega esto\r
            --OUT\r
            Content-Type: message/rfc822\r
            \r
            From: MAILER-DAEMON@mx.example.com\r
            Message-ID: <bounce1@mx.example.com>\r
            Content-Type: multipart/report; report-type=delivery-status; boundary=IN\r
            \r
            --IN\r
            Content-Type: message/delivery-status\r
            \r
            Final-Recipient: rfc822; x@example.org\r
            Action: failed\r
            \r
            --IN--\r
            --OUT--\r

            """
        let message = try EmailAdapter().message(from: Array(raw.utf8))
        XCTAssertFalse(message.isAutoReply)
        XCTAssertNil(message.metadata["bounce"])
        XCTAssertNil(message.metadata["failed_recipients"])
    }

    /// Notices from a mail system's own mailbox are automatic whatever their subject.
    func testMailSystemSendersAreAutomatic() throws {
        let table: [(from: String, automatic: Bool)] = [
            ("Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@cliente.com.ar>", true),
            ("Mail Delivery System <MAILER_DAEMON@cliente.com.ar>", true),
            ("Mail-Daemon@cliente.com.ar", true),
            ("PostMaster@cliente.com.ar", true),
            ("Ana Postmaster <ana@cliente.com.ar>", false),
        ]
        for row in table {
            let raw = "From: \(row.from)\r\nMessage-ID: <q@cliente.com.ar>\r\nSubject: Your mailbox is almost full\r\n\r\nhola"
            XCTAssertEqual(try EmailAdapter().message(from: Array(raw.utf8)).isAutoReply, row.automatic, row.from)
        }
    }

    func testNameEqualToTheAddressIsNoName() throws {
        let raw = "From: \"ana@example.com\" <Ana@Example.com>\r\nMessage-ID: <n@x>\r\n\r\nhola"
        let message = try EmailAdapter().message(from: Array(raw.utf8))
        XCTAssertEqual(message.sender, InboundMessage.Sender(id: "ana@example.com", name: nil))
    }
}
