import IntakeMIME
import XCTest

final class FormatFlowedTests: XCTestCase {
    func testUnwrapsSoftBreaksByQuoteDepth() {
        let table: [(String, Bool, String)] = [
            ("uno dos \ntres", false, "uno dos tres"),
            ("uno dos  \ntres", true, "uno dos tres"),
            ("pala \nbra", true, "palabra"),
            ("fija\nlínea", false, "fija\nlínea"),
            ("a \r\nb\r\n\r\nc", false, "a b\n\nc"),
            ("> citado \n> sigue\npropio", false, "> citado sigue\npropio"),
            (">> dos \n> uno", false, ">> dos \n> uno"),
            ("texto \n> citado", false, "texto \n> citado"),
            ("cuerpo\n-- \nFirma", false, "cuerpo\n-- \nFirma"),
            ("  stuffed", false, " stuffed"),
            (" From me", false, "From me"),
            (">\n> a", false, ">\n> a"),
            ("fin \n", false, "fin "),
        ]
        for (input, delsp, expected) in table {
            XCTAssertEqual(FormatFlowed.unwrap(input, deleteSpace: delsp), expected, input)
        }
    }

    func testOnlyTextPlainWithFormatFlowedIsUnwrapped() {
        var warnings: [String] = []
        let flowed = ContentType(header: "text/plain; charset=utf-8; format=Flowed; DelSp=Yes", warnings: &warnings)
        let html = ContentType(header: "text/html; format=flowed", warnings: &warnings)
        XCTAssertEqual(flowed.map(FormatFlowed.parameters).map { [$0.isFlowed, $0.deleteSpace] }, [true, true])
        XCTAssertEqual(html.map(FormatFlowed.parameters)?.isFlowed, false)
        let raw = Array("Content-Type: text/plain; format=flowed\r\n\r\nuna línea \r\nlarga\r\n".utf8)
        XCTAssertEqual(MIMEMessage.parse(raw).root.text(warnings: &warnings), "una línea larga\n")
        let fixed = Array("Content-Type: text/plain\r\n\r\nuna línea \r\nlarga\r\n".utf8)
        XCTAssertEqual(MIMEMessage.parse(fixed).root.text(warnings: &warnings), "una línea \r\nlarga\r\n")
    }
}
