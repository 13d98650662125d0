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

    /// A filename is the disposition's, else the type's name; an empty or directory-only one is none.
    func testAttachmentFilenames() {
        let table: [(headers: String, filename: String?)] = [
            ("Content-Type: application/pdf; name=\"tipo.pdf\"\r\nContent-Disposition: attachment; filename=\"disp.pdf\"", "disp.pdf"),
            ("Content-Type: application/pdf; name=\"tipo.pdf\"\r\nContent-Disposition: attachment; filename=\"\"", "tipo.pdf"),
            ("Content-Type: application/pdf; name=\"C:\\\\Docs\\\\informe.pdf\"", "informe.pdf"),
            ("Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"  \"", nil),
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
}
