import IntakeMIME
import XCTest

/// An attachment's name written in raw 8-bit bytes (Outlook Express, Foxmail, The Bat!, 1C, PHP scripts):
/// UTF-8 when valid, else the charset the part declares, else the message's text's, else Windows-1252.
final class RawHeaderCharsetTests: XCTestCase {
    /// A mail whose text part declares `textCharset` and whose second part names itself `name` (raw bytes)
    /// in `Content-Type` and `Content-Disposition`, or in RFC 2231 continuations without a charset.
    static func mail(textCharset: String, partType: String = "application/msword", name: [UInt8], continued: Bool = false) -> [UInt8] {
        var raw = Array("""
            From: a@example.net\r
            Content-Type: multipart/mixed; boundary="b"\r
            \r
            --b\r
            Content-Type: text/plain; charset=\(textCharset)\r
            \r
            hi\r
            --b\r

            """.utf8)
        if continued {
            let half = name.count / 2
            raw += Array("Content-Type: \(partType)\r\nContent-Disposition: attachment;\r\n filename*0=\"".utf8) + name[..<half]
                + Array("\";\r\n filename*1=\"".utf8) + name[half...] + Array("\"\r\n".utf8)
        } else {
            raw += Array("Content-Type: \(partType); name=\"".utf8) + name + Array("\"\r\nContent-Disposition: attachment; filename=\"".utf8)
                + name + Array("\"\r\n".utf8)
        }
        return raw + Array("\r\nAAAA\r\n--b--\r\n".utf8)
    }

    func testARawFilenameIsReadInTheCharsetItsSenderWrites() {
        let table: [(case: String, raw: [UInt8], filename: String)] = [
            ("utf-8 under a latin-1 text", Self.mail(textCharset: "iso-8859-1", name: Array("Facturación.pdf".utf8)), "Facturación.pdf"),
            ("latin-1 under a latin-1 text", Self.mail(textCharset: "iso-8859-1", name: [0x46, 0x61, 0x63, 0x74, 0xFA, 0x72, 0x61, 0x2E, 0x70, 0x64, 0x66]), "Factúra.pdf"),
            ("windows-1252 under a utf-8 text", Self.mail(textCharset: "utf-8", name: [0x93, 0x41, 0x94, 0x2E, 0x64, 0x6F, 0x63]), "\u{201C}A\u{201D}.doc"),
            ("windows-1251 under a windows-1251 text", Self.mail(textCharset: "windows-1251", name: [0xD1, 0xF7, 0xE5, 0xF2, 0x2E, 0x64, 0x6F, 0x63]), "Счет.doc"),
            ("gbk under a gb2312 text", Self.mail(textCharset: "gb2312", name: [0xB1, 0xA8, 0xBC, 0xDB, 0x2E, 0x78, 0x6C, 0x73]), "报价.xls"),
            ("koi8-r in continuations", Self.mail(textCharset: "koi8-r", name: [0xF3, 0xDE, 0xC5, 0xD4, 0x2E, 0x70, 0x64, 0x66], continued: true), "Счет.pdf"),
            ("a text attachment's own charset first", Self.mail(textCharset: "utf-8", partType: "text/plain; charset=windows-1251", name: [0xD1, 0xF7, 0xE5, 0xF2, 0x2E, 0x74, 0x78, 0x74]), "Счет.txt"),
            ("latin-1 not valid in the text's shift_jis", Self.mail(textCharset: "shift_jis", name: [0x63, 0x61, 0x66, 0xE9, 0x2E, 0x64, 0x6F, 0x63]), "café.doc"),
        ]
        for row in table {
            let message = MIMEMessage.parse(row.raw)
            let attachments = message.content().attachments
            XCTAssertEqual(attachments.map(\.filename), [row.filename], row.case)
        }
    }

    /// RFC 2231 percent-encoded bytes under no charset (`filename*=''%D1...`, `filename*0*=''...`) are read
    /// as the message's text when they are not UTF-8; UTF-8 ones stay UTF-8.
    func testAnExtendedValueWithoutACharsetIsReadInTheMessagesCharset() {
        let table: [(case: String, charset: String, disposition: String, filename: String)] = [
            ("windows-1251", "windows-1251", "attachment; filename*=''%D1%F7%E5%F2.pdf", "Счет.pdf"),
            ("continued koi8-r", "koi8-r", "attachment; filename*0*=''%F3%DE; filename*1*=%C5%D4.pdf", "Счет.pdf"),
            ("utf-8 under windows-1251", "windows-1251", "attachment; filename*=''%C3%B1.pdf", "ñ.pdf"),
            ("latin-1 under a utf-8 text", "utf-8", "attachment; filename*=''Se%F1or.pdf", "Señor.pdf"),
        ]
        for row in table {
            let raw = "From: a@example.net\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=\(row.charset)\r\n\r\nhi\r\n"
                + "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: \(row.disposition)\r\n\r\nAAAA\r\n--b--\r\n"
            XCTAssertEqual(MIMEMessage.parse(Array(raw.utf8)).content().attachments.map(\.filename), [row.filename], row.case)
        }
    }

    func testTheWarningNamesTheCharsetTheHeadersWereReadIn() {
        let message = MIMEMessage.parse(Self.mail(textCharset: "windows-1251", name: [0xD1, 0xF7, 0xE5, 0xF2, 0x2E, 0x64, 0x6F, 0x63]))
        XCTAssertEqual(message.warnings, ["header with invalid UTF-8 read as windows-1251, the charset of the text"])
    }
}
