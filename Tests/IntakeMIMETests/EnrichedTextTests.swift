import IntakeMIME
import XCTest

/// text/enriched (RFC 1896) read as plain text: commands and their parameters dropped, line breaks as §2.2
/// counts them.
final class EnrichedTextTests: XCTestCase {
    func testReadsTheTextWithoutItsFormatting() {
        let table: [(String, String, String)] = [
            ("commands dropped", "<bold>Urgente</bold>: el <italic>servidor</italic> no responde", "Urgente: el servidor no responde"),
            ("parameters dropped", "<color><param>0000,0000,FFFF</param>azul</color>", "azul"),
            ("nested parameter text", "<fontfamily><param>Lucida Grande</param><x-tad-smaller>hola</x-tad-smaller></fontfamily>", "hola"),
            ("<< is a less-than sign", "a <<b> c", "a <b> c"),
            ("one line break is a space", "se cayó\nel sistema", "se cayó el sistema"),
            ("n line breaks are n - 1", "uno\n\ndos\n\n\ntres", "uno\ndos\n\ntres"),
            ("CRLF line ends", "uno\r\n\r\ndos\r\ntres", "uno\ndos tres"),
            ("nofill keeps each break", "<nofill>línea 1\nlínea 2</nofill>\n\nfin", "línea 1\nlínea 2\nfin"),
            ("unknown commands ignored", "<x-custom>texto</x-custom>", "texto"),
            ("command names in any case", "<PARAM>oculto</Param>visible", "visible"),
            ("unclosed command", "texto <bold", "texto "),
        ]
        for (name, enriched, expected) in table {
            XCTAssertEqual(EnrichedText.text(enriched), expected, name)
        }
    }

    /// Eudora sends styled mail as a text/enriched part beside its attachments, with no text/plain: that
    /// part is the body, not a file.
    func testAnEnrichedPartIsTheBody() {
        let mail = """
            From: a@example.com
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/enriched; charset="us-ascii"

            <bold>No anda
            el sistema.</bold>

            Gracias
            --b
            Content-Type: text/plain; name="log.txt"
            Content-Disposition: attachment; filename="log.txt"

            error
            --b--
            """
        let content = MIMEMessage.parse(Array(mail.utf8)).content()
        XCTAssertEqual(content.text, "No anda el sistema.\nGracias")
        XCTAssertEqual(content.attachments.map(\.filename), ["log.txt"])
    }
}
