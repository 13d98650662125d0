@testable import IntakeMIME
import XCTest

/// The charset an HTML body declares in a `<meta>`, read when its Content-Type has no `charset`.
final class HTMLCharsetTests: XCTestCase {
    func testFindsTheDeclaredCharset() {
        let table: [(String, String?)] = [
            ("<html><head><meta charset=\"Shift_JIS\"></head>", "shift_jis"),
            ("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-2\">", "iso-8859-2"),
            ("<meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\">", "windows-1252"),
            ("<meta content='text/html;charset=koi8-r' http-equiv='content-type'/>", "koi8-r"),
            ("<meta charset = 'utf-8' />", "utf-8"),
            ("<meta name=\"viewport\" content=\"width=device-width\"><meta charset=euc-kr>", "euc-kr"),
            ("<meta charset=\"utf-16le\">", "utf-8"),
            ("<meta name=\"generator\" content=\"Word\">", nil),
            ("<p>charset=latin1 is mentioned in the text</p>", nil),
            (String(repeating: " ", count: 5000) + "<meta charset=\"koi8-r\">", nil),
        ]
        for (html, expected) in table {
            XCTAssertEqual(HTMLCharset.declared(Array(html.utf8)), expected, html)
        }
    }

    /// A web form's HTML with no charset parameter, in the Shift_JIS its `<meta>` names; a parameter wins.
    func testHTMLWithoutACharsetParameterIsReadInItsDeclaredOne() {
        let body: [UInt8] = Array("<html><head><meta charset=\"shift_jis\"></head><body>".utf8)
            + [0x82, 0xB1, 0x82, 0xF1, 0x82, 0xC9, 0x82, 0xBF, 0x82, 0xCD] + Array("</body></html>".utf8)
        let table: [(String, String)] = [
            ("text/html", "こんにちは"),
            ("text/html; charset=shift_jis", "こんにちは"),
            ("text/plain", "こんにちは"),
            ("text/html; charset=windows-1252", "‚±‚ñ‚É‚¿‚Í"),
        ]
        for (type, expected) in table {
            let mail = Array("From: a@example.com\nContent-Type: \(type)\n\n".utf8) + body
            XCTAssertEqual(MIMEMessage.parse(mail).content().text, expected, type)
        }
    }
}
