import IntakeChannels
import IntakeCore
import XCTest

final class EmailAcknowledgementTests: XCTestCase {
    let now = Timestamp(seconds: 1_717_420_542)

    func input(_ language: Acknowledgement.Language = .es, subject: String? = "Configuración rota") -> Acknowledgement.Input {
        Acknowledgement.Input(
            recipient: "juan@cliente.com", recipientName: "Juan Pérez", originalMessageID: "orig@cliente.com",
            originalReferences: ["root@cliente.com"], originalSubject: subject, ticketTag: "INT-1042", priority: .high,
            firstResponseDue: now.adding(seconds: 4 * 3600), language: language, fromAddress: "soporte@acme.com.ar",
            fromName: "Soporte ACME", messageIDDomain: "acme.com.ar", now: now, utcOffsetSeconds: -10_800)
    }

    func testSpanishAcknowledgementParsesBackAsAThreadedAutomaticReply() throws {
        let ack = Acknowledgement(input())
        let parsed = try EmailAdapter().message(from: ack.bytes)
        XCTAssertEqual(parsed.subject, "Re: Configuración rota [#INT-1042]")
        XCTAssertEqual(parsed.replyTo, "orig@cliente.com")
        XCTAssertEqual(parsed.references, ["root@cliente.com", "orig@cliente.com"])
        XCTAssertEqual(parsed.externalID, ack.messageID)
        XCTAssertEqual(parsed.sentAt, now)
        XCTAssertTrue(parsed.isAutoReply)
        XCTAssertEqual(parsed.sender, InboundMessage.Sender(id: "soporte@acme.com.ar", name: "Soporte ACME"))
        let text = try XCTUnwrap(parsed.text)
        XCTAssertTrue(text.hasPrefix("Hola, Juan Pérez:"), text)
        XCTAssertTrue(text.contains("ticket INT-1042"), text)
        XCTAssertTrue(text.contains("Prioridad: alta"), text)
        XCTAssertTrue(text.contains("3 de junio de 2024, 14:15 (UTC-03:00)"), text)
        let raw = String(decoding: ack.bytes, as: UTF8.self)
        XCTAssertTrue(raw.contains("Subject: =?UTF-8?B?"))
        XCTAssertTrue(raw.contains("Auto-Submitted: auto-replied\r\n"))
        XCTAssertTrue(raw.contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n"))
        XCTAssertTrue(raw.contains("To: =?UTF-8?B?"))
        for line in raw.components(separatedBy: "\r\n") { XCTAssertLessThanOrEqual(line.utf8.count, 78, line) }
    }

    /// Outside the service agreement (contract suspended) the acknowledgement promises no deadline.
    func testNoDeadlineLineWithoutADeadline() throws {
        for language in [Acknowledgement.Language.es, .en] {
            var withoutDeadline = input(language)
            withoutDeadline.firstResponseDue = nil
            let text = try XCTUnwrap(try EmailAdapter().message(from: Acknowledgement(withoutDeadline).bytes).text)
            XCTAssertFalse(text.contains("2024"), text)
            XCTAssertTrue(text.contains(language == .es ? "Prioridad: alta\n\nPara agregar" : "Priority: high\n\nTo add"), text)
        }
    }

    func testEnglishAcknowledgementAndSubjectRules() throws {
        let ack = Acknowledgement(input(.en, subject: "RE: VPN down [#INT-1042]"))
        XCTAssertEqual(ack.subject, "RE: VPN down [#INT-1042]")
        XCTAssertTrue(String(decoding: ack.bytes, as: UTF8.self).contains("Subject: RE: VPN down [#INT-1042]\r\n"))
        let text = try XCTUnwrap(try EmailAdapter().message(from: ack.bytes).text)
        XCTAssertTrue(text.contains("Priority: high"), text)
        XCTAssertTrue(text.contains("June 3, 2024, 14:15 (UTC-03:00)"), text)
        XCTAssertEqual(Acknowledgement(input(.es, subject: nil)).subject, "Recibimos su solicitud [#INT-1042]")
        XCTAssertEqual(Acknowledgement(input(.en, subject: "  ")).subject, "We received your request [#INT-1042]")
    }

    /// A monitoring alert's subject in plain ASCII went out on one line, past the 998 characters RFC 5322
    /// §2.1.1 allows; it is folded at its spaces and reads back the same.
    func testALongASCIISubjectIsFoldedAndReadsBackWhole() throws {
        let subject = "[ALERTA] " + (1...60).map { "srv-app\($0):disk>95%" }.joined(separator: " ")
        let ack = Acknowledgement(input(.en, subject: subject))
        let raw = String(decoding: ack.bytes, as: UTF8.self)
        for line in raw.components(separatedBy: "\r\n") { XCTAssertLessThanOrEqual(line.utf8.count, 78, line) }
        XCTAssertEqual(try EmailAdapter().message(from: ack.bytes).subject, "Re: \(subject) [#INT-1042]")
    }

    func testSpanishPriorityNamesAndDeterministicOutput() {
        for (priority, name) in [(Priority.critical, "crítica"), (.high, "alta"), (.medium, "media"), (.low, "baja")] {
            var i = input()
            i.priority = priority
            XCTAssertTrue(Acknowledgement(i).body.contains("Prioridad: \(name)"))
        }
        XCTAssertEqual(Acknowledgement(input()).bytes, Acknowledgement(input()).bytes)
    }

    func testInputFromANormalizedMessageRepliesToReplyToAndSkipsSyntheticIDs() throws {
        let raw = "From: Ana <ana@x.com>\r\nReply-To: mesa@x.com\r\nSubject: Hola\r\n\r\ntexto"
        let message = try EmailAdapter().message(from: Array(raw.utf8))
        let i = Acknowledgement.Input(
            replyingTo: message, ticketTag: "INT-1", priority: .low, firstResponseDue: now, fromAddress: "s@acme.com",
            messageIDDomain: "acme.com", now: now)
        XCTAssertEqual(i.recipient, "mesa@x.com")
        XCTAssertNil(i.originalMessageID)
        XCTAssertFalse(String(decoding: Acknowledgement(i).bytes, as: UTF8.self).contains("In-Reply-To"))
    }

    /// RFC 5322 §3.6.4: a parent with `In-Reply-To` and no References gives References its In-Reply-To,
    /// then its id; the chain lacked the message the customer's mail answered.
    func testReferencesKeepTheParentsInReplyToWhenItHasNoReferences() throws {
        let table: [(headers: String, references: [String])] = [
            ("In-Reply-To: <colega@x.com>\r\n", ["colega@x.com", "m@x.com"]),
            ("In-Reply-To: <colega@x.com>\r\nReferences: <raiz@x.com> <colega@x.com>\r\n",
             ["raiz@x.com", "colega@x.com", "m@x.com"]),
            ("", ["m@x.com"]),
        ]
        for row in table {
            let raw = "From: Ana <ana@x.com>\r\nMessage-ID: <m@x.com>\r\n\(row.headers)Subject: Hola\r\n\r\ntexto"
            let message = try EmailAdapter().message(from: Array(raw.utf8))
            let ack = Acknowledgement(Acknowledgement.Input(
                replyingTo: message, ticketTag: "INT-1", priority: .low, firstResponseDue: now, fromAddress: "s@acme.com",
                messageIDDomain: "acme.com", now: now))
            XCTAssertEqual(try EmailAdapter().message(from: ack.bytes).references, row.references, row.headers)
        }
    }
}
