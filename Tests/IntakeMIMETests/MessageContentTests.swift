import IntakeMIME
import XCTest

final class MessageContentTests: XCTestCase {
    /// RFC 2046 §5.1.4: the parts of a multipart/alternative are the same content rendered differently.
    /// The renderings not chosen for the text (Apple Watch's text/watch-html, Gmail's AMP text/x-amp-html,
    /// text/enriched) are no files; a calendar invitation beside them is one (what Outlook sends).
    func testAlternativeRenderingsAreNoAttachments() {
        let table: [(alternatives: [String], attachments: [String])] = [
            (["text/plain", "text/watch-html", "text/html"], []),
            (["text/plain", "text/x-amp-html", "text/html"], []),
            (["text/enriched", "text/plain"], []),
            (["text/plain", "text/html", "text/calendar; method=REQUEST"], ["text/calendar"]),
            (["text/plain", "application/pdf"], ["application/pdf"]),
        ]
        for row in table {
            var raw = "Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n"
            for type in row.alternatives { raw += "--b\r\nContent-Type: \(type)\r\n\r\nHola\r\n" }
            raw += "--b--\r\n"
            let content = MIMEMessage.parse(Array(raw.utf8)).content()
            XCTAssertEqual(content.text, "Hola", "\(row.alternatives)")
            XCTAssertEqual(content.attachments.map(\.contentType), row.attachments, "\(row.alternatives)")
        }
    }

    /// A Mac file sent as multipart/appledouble (RFC 1740) is one attachment, its data fork; the
    /// application/applefile header beside it (resource fork, Finder information) is none. Alone, outside
    /// an appledouble, an applefile is kept.
    func testAnAppleDoubleFileIsItsDataFork() {
        let appleDouble = """
            Content-Type: multipart/mixed; boundary="m"

            --m
            Content-Type: text/plain

            Adjunto el informe.
            --m
            Content-Type: multipart/appledouble; boundary="d"

            --d
            Content-Type: application/applefile; name="%informe.pdf"
            Content-Transfer-Encoding: base64

            AAUWBwACAAAAAAAAAAAAAAAAAAAAAAAA
            --d
            Content-Type: application/pdf; name="informe.pdf"
            Content-Disposition: attachment; filename="informe.pdf"

            %PDF-1.3
            --d--
            --m
            Content-Type: application/applefile; name="recurso"

            fork
            --m--
            """
        let content = MIMEMessage.parse(Array(appleDouble.utf8)).content()
        XCTAssertEqual(content.text, "Adjunto el informe.")
        XCTAssertEqual(content.attachments.map(\.filename), ["informe.pdf", "recurso"])
    }

    /// A filename is the disposition's, else the type's name; an empty or directory-only one is none; control
    /// and bidirectional formatting characters are no part of it.
    func testAttachmentFilenames() {
        let table: [(headers: String, filename: String?)] = [
            ("Content-Type: application/pdf; name=\"tipo.pdf\"\r\nContent-Disposition: attachment; filename=\"disp.pdf\"", "disp.pdf"),
            ("Content-Type: application/pdf; name=\"tipo.pdf\"\r\nContent-Disposition: attachment; filename=\"\"", "tipo.pdf"),
            ("Content-Type: application/pdf; name=\"C:\\\\Docs\\\\informe.pdf\"", "informe.pdf"),
            ("Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"  \"", nil),
            // U+202E RIGHT-TO-LEFT OVERRIDE shows `factura\u{202E}fdp.exe` as `facturaexe.pdf` (a spoof malware
            // sent to help desks uses); controls from encoded words would break the desk's listing.
            ("Content-Type: application/octet-stream; name*=utf-8''factura%E2%80%AEfdp.exe", "facturafdp.exe"),
            ("Content-Type: application/pdf; name=\"=?utf-8?Q?a=0D=0Ab=09c=00.pdf?=\"", "abc.pdf"),
            ("Content-Type: application/pdf; name*=utf-8''%E2%81%A7informe%E2%81%A9.pdf", "informe.pdf"),
        ]
        for row in table {
            let raw = "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n\(row.headers)\r\n\r\nx\r\n--b--\r\n"
            let content = MIMEMessage.parse(Array(raw.utf8)).content()
            XCTAssertEqual(content.attachments.first?.filename, row.filename, row.headers)
        }
    }

    /// Line ends as mail really has them: CR CR LF is what a script on Windows writes when its CRLF text
    /// passes through something that turns each LF into CRLF again (PHP's mail(), a QP `=0D` before the
    /// line end); clients show one line break, so does the text. A NUL (Outlook's and Notes' MAPI string
    /// terminator, leaking through converters) is no text and would be refused by the desks' databases.
    func testLineEndsAndNULsInText() {
        let table: [(encoding: String, body: String, text: String)] = [
            ("8bit", "Linea uno\r\r\nLinea dos\r\r\n", "Linea uno\nLinea dos"),
            ("quoted-printable", "Linea uno=0D\r\nLinea dos=0D\r\n", "Linea uno\nLinea dos"),
            ("8bit", "uno\r\n\r\ndos", "uno\n\ndos"),
            ("8bit", "uno\rdos\n\rtres", "uno\ndos\n\ntres"),
            ("8bit", "Hola\u{0} mundo", "Hola mundo"),
            ("8bit", "Gracias\r\n\u{0}\u{0}", "Gracias"),
        ]
        for row in table {
            let raw = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: \(row.encoding)\r\n\r\n\(row.body)"
            let content = MIMEMessage.parse(Array(raw.utf8)).content()
            XCTAssertEqual(content.text, row.text, row.body.debugDescription)
        }
    }

    /// Parts whose content is not in the mail: a fragment of a message the sender's client split
    /// (message/partial, RFC 2046 §5.2.2: Outlook Express's "break apart messages larger than") and a
    /// reference to a file kept elsewhere (message/external-body, §5.2.3). They stay attachments; the
    /// warning says what is missing, so nobody takes the text for all of it.
    func testPartsWhoseContentIsElsewhereAreNamedInWarnings() {
        let table: [(type: String, body: String, warning: String)] = [
            ("message/partial; id=\"abc@x.com\"; number=2; total=3", "Subject: parte\r\n\r\nsegunda parte",
             "part 2 of 3 of a message split by the sender's mail client (message/partial): the parts are not joined"),
            ("message/partial; id=\"abc@x.com\"", "x", "part ? of ? of a message split by the sender's mail client (message/partial): the parts are not joined"),
            ("message/external-body; access-type=URL; URL=\"https://x.com/informe.pdf\"", "Content-Type: application/pdf\r\n\r\n",
             "a file not in the mail (message/external-body, access-type URL): https://x.com/informe.pdf"),
            ("message/external-body; access-type=anon-ftp; site=ftp.x.com; name=informe.pdf", "",
             "a file not in the mail (message/external-body, access-type anon-ftp): informe.pdf"),
        ]
        for row in table {
            let raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nVer adjunto\r\n"
                + "--b\r\nContent-Type: \(row.type)\r\n\r\n\(row.body)\r\n--b--\r\n"
            let content = MIMEMessage.parse(Array(raw.utf8)).content()
            XCTAssertEqual(content.text, "Ver adjunto", row.type)
            XCTAssertEqual(content.attachments.count, 1, row.type)
            XCTAssertEqual(content.warnings, [row.warning], row.type)
        }
    }

    /// PHP's mail() with no Content-Type (web forms, shop plugins) sends an HTML page as text/plain, the
    /// default of RFC 2045 §5.2: the ticket showed its tags. A text/plain body that is an HTML document
    /// (starts with `<!DOCTYPE html` or `<html`) is read as HTML, with a warning; text that only holds
    /// some markup stays as written.
    func testAnHTMLDocumentSentAsPlainTextIsReadAsHTML() {
        let table: [(headers: String, body: String, text: String, fromHTML: Bool)] = [
            ("", "<html><body><p>Nombre: Ana</p><p>Consulta: no funciona</p></body></html>", "Nombre: Ana\nConsulta: no funciona", true),
            ("Content-Type: text/plain; charset=utf-8\r\n", "\r\n  <!DOCTYPE html>\r\n<HTML><body>Hola&nbsp;<b>mundo</b></body></HTML>\r\n",
             "Hola mundo", true),
            ("Content-Type: text/plain\r\n", "<b>Importante</b>: el <html> no cierra", "<b>Importante</b>: el <html> no cierra", false),
            ("Content-Type: text/plain\r\n", "Hola\r\n<html><body>x</body></html>", "Hola\n<html><body>x</body></html>", false),
        ]
        for row in table {
            let raw = "From: a@x.com\r\n\(row.headers)\r\n\(row.body)"
            let content = MIMEMessage.parse(Array(raw.utf8)).content()
            XCTAssertEqual(content.text, row.text, row.body)
            XCTAssertEqual(content.isFromHTML, row.fromHTML, row.body)
        }
    }

    /// Phones, MMS gateways and scanners send the text as a named part (`text/plain; name="mensaje.txt"`, no
    /// disposition or `inline`): a named part is a file, so such a mail had no text at all. With no other
    /// text, the first text part not marked as an attachment is the text; it stays listed as a file.
    func testANamedTextPartIsTheTextWhenThereIsNoOther() {
        let table: [(body: String, text: String?, files: [String?])] = [
            ("Content-Type: text/plain; charset=utf-8; name=\"mensaje.txt\"\r\n\r\nHola, no anda", "Hola, no anda", ["mensaje.txt"]),
            ("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: image/jpeg; name=a.jpg\r\n\r\nx\r\n"
                + "--b\r\nContent-Type: text/plain; name=body.txt\r\nContent-Disposition: inline; filename=body.txt\r\n\r\nVer foto\r\n--b--",
             "Ver foto", ["a.jpg", "body.txt"]),
            ("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; name=log.txt\r\n"
                + "Content-Disposition: attachment; filename=log.txt\r\n\r\nerror 500\r\n--b--", nil, ["log.txt"]),
            ("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nMi texto\r\n"
                + "--b\r\nContent-Type: text/plain; name=log.txt\r\n\r\nerror 500\r\n--b--", "Mi texto", ["log.txt"]),
        ]
        for row in table {
            let content = MIMEMessage.parse(Array(row.body.utf8)).content()
            XCTAssertEqual(content.text, row.text, row.body)
            XCTAssertEqual(content.attachments.map(\.filename), row.files, row.body)
        }
    }

    /// A readable mail that forwards an encrypted one (or a split one) as an attachment is not itself
    /// encrypted or incomplete: only the mail's own parts say so, not those of the messages it carries.
    func testOnlyTheMailsOwnPartsMakeItEncryptedOrIncomplete() {
        let encrypted = "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\n\r\nxx"
        let table: [(inner: String, encrypted: Bool, warnings: Int)] = [
            (encrypted, true, 1),
            ("Content-Type: message/partial; id=\"p@x.com\"; number=1; total=2\r\n\r\nxx", false, 1),
        ]
        for row in table {
            let own = MIMEMessage.parse(Array(row.inner.utf8)).content()
            XCTAssertEqual(own.isEncrypted, row.encrypted)
            XCTAssertEqual(own.warnings.count, row.warnings)
            let raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nReenvío\r\n"
                + "--b\r\nContent-Type: message/rfc822\r\n\r\nSubject: x\r\n\(row.inner)\r\n--b--\r\n"
            let outer = MIMEMessage.parse(Array(raw.utf8)).content()
            XCTAssertFalse(outer.isEncrypted)
            XCTAssertEqual(outer.warnings, [])
        }
    }

    /// A message a report or a mail system returns is the one that bounced or was read, never the text: the
    /// multipart's preamble (RFC 2046 §5.1.1, ignored) may be all a 1990s bounce says, and a report's
    /// human-readable part may be empty. A person's mail forwarding a message with nothing written takes
    /// the forwarded text.
    func testAReturnedMessageIsNeverTheText() {
        let returned = "Content-Type: message/rfc822\r\n\r\nFrom: a@acme.example\r\nSubject: Re: Printer\r\n\r\nWe opened a ticket.\r\n"
        let table: [(type: String, preamble: String, first: String, returnsOriginal: Bool, text: String?)] = [
            ("multipart/mixed", "User unknown: gone@example.net\r\n", "", true, nil),
            ("multipart/mixed", "This is a MIME-encapsulated message\r\n", "--b\r\n\r\nUser unknown: gone@example.net\r\n",
             true, "User unknown: gone@example.net"),
            ("multipart/report; report-type=delivery-status", "", "--b\r\nContent-Type: text/plain\r\n\r\n\r\n", false, nil),
            ("multipart/report; report-type=disposition-notification", "Displayed\r\n", "", false, nil),
            ("multipart/mixed", "", "", false,
             "---------- Forwarded message ----------\nFrom: a@acme.example\nSubject: Re: Printer\n\nWe opened a ticket."),
        ]
        for row in table {
            let raw = "Content-Type: \(row.type); boundary=b\r\n\r\n\(row.preamble)\(row.first)--b\r\n\(returned)--b--\r\n"
            let content = MIMEMessage.parse(Array(raw.utf8)).content(returnsOriginal: row.returnsOriginal)
            XCTAssertEqual(content.text, row.text, raw)
            XCTAssertEqual(content.attachments.map(\.contentType), ["message/rfc822"], raw)
        }
    }

    /// A forward of a forward, each as an attachment with nothing written (Outlook's "forward as
    /// attachment" leaves an empty text part): the text is the innermost message's, under each level's
    /// header lines. It was only the middle message's headers, or none.
    func testANestedForwardWithNothingWrittenGivesTheInnermostText() {
        let alert = "From: zabbix@c.example\r\nSubject: Disk low\r\n\r\nDisk /var 93% used\r\n"
        let table: [(middleText: String, text: String?)] = [
            ("", "---------- Forwarded message ----------\nFrom: ana@c.example\nSubject: RV: Disk low\n\n"
                + "---------- Forwarded message ----------\nFrom: zabbix@c.example\nSubject: Disk low\n\nDisk /var 93% used"),
            ("--m\r\nContent-Type: text/plain\r\n\r\n\r\n\r\n",
             "---------- Forwarded message ----------\nFrom: ana@c.example\nSubject: RV: Disk low\n\n"
                + "---------- Forwarded message ----------\nFrom: zabbix@c.example\nSubject: Disk low\n\nDisk /var 93% used"),
            ("--m\r\nContent-Type: text/plain\r\n\r\nMiren esto.\r\n",
             "---------- Forwarded message ----------\nFrom: ana@c.example\nSubject: RV: Disk low\n\nMiren esto."),
        ]
        for row in table {
            let middle = "From: ana@c.example\r\nSubject: RV: Disk low\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n"
                + row.middleText + "--m\r\nContent-Type: message/rfc822\r\n\r\n" + alert + "--m--\r\n"
            let raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n\r\n"
                + "--b\r\nContent-Type: message/rfc822\r\n\r\n" + middle + "--b--\r\n"
            let content = MIMEMessage.parse(Array(raw.utf8)).content()
            XCTAssertEqual(content.text, row.text, row.middleText)
            XCTAssertEqual(content.attachments.map(\.contentType), ["message/rfc822"])
        }
    }

    /// A plain alternative that only says to read the HTML (PHPMailer's default `AltBody`, its Spanish
    /// and Portuguese phrasings) is no text: the HTML's is. A plain text that mentions HTML in passing,
    /// or a placeholder with no other alternative, stays the text.
    func testAPlainAlternativeThatOnlyPointsToTheHTMLIsNotTheText() {
        let html = "<p>El disco /var est&aacute; al 95%.</p>"
        let table: [(plain: String, html: String, text: String)] = [
            ("To view this email message, open it in a program that understands HTML!", html, "El disco /var está al 95%."),
            ("To view the message, please use an HTML compatible email viewer!", html, "El disco /var está al 95%."),
            ("Para ver este mensaje utilice un cliente de correo compatible con HTML.", html, "El disco /var está al 95%."),
            ("Seu cliente de e-mail não suporta HTML.", html, "El disco /var está al 95%."),
            ("La firma en HTML no se ve bien en Outlook, ¿es compatible con HTML5?", html,
             "La firma en HTML no se ve bien en Outlook, ¿es compatible con HTML5?"),
            ("To view this email message, open it in a program that understands HTML!", "<p> </p>",
             "To view this email message, open it in a program that understands HTML!"),
        ]
        for row in table {
            let raw = "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + row.plain + "\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + row.html + "\r\n--b--\r\n"
            XCTAssertEqual(MIMEMessage.parse(Array(raw.utf8)).content().text, row.text, row.plain)
        }
    }
}
