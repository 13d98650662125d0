import IntakeMIME
import XCTest

final class CharsetTests: XCTestCase {
    func testDecodesTheCharsetsMailUses() {
        let table: [(label: String?, bytes: [UInt8], expected: String)] = [
            ("utf-8", Array("año €".utf8), "año €"),
            ("UTF8", Array("ñ".utf8), "ñ"),
            ("us-ascii", Array("plain".utf8), "plain"),
            ("iso-8859-1", [0x61, 0xF1, 0x6F, 0xA0, 0xFF], "año\u{A0}ÿ"),
            ("iso-8859-1", [0x96, 0x80], "–€"),
            ("windows-1252", [0x80, 0x93, 0x94, 0x9F, 0x81], "€“”Ÿ\u{81}"),
            ("cp1252", [0x8A, 0x9A], "Šš"),
            ("iso-8859-15", [0xA4, 0xA6, 0xA8, 0xB4, 0xB8, 0xBC, 0xBD, 0xBE, 0xE9], "€ŠšŽžŒœŸé"),
            ("latin9", [0xA4], "€"),
            ("iso-8859-2", [0xA3, 0xF3, 0xE6, 0xBC], "Łóćź"),
            ("koi8-r", [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], "Привет"),
            ("windows-1251", [0xCF, 0xF0, 0xE8], "При"),
            ("utf-16", [0xFE, 0xFF, 0x00, 0x41, 0x00, 0xF1], "Añ"),
            ("utf-16le", [0x41, 0x00, 0xF1, 0x00], "Añ"),
            ("utf-16le", [0xFF, 0xFE, 0x41, 0x00], "A"),
            ("utf-16be", [0xFE, 0xFF, 0x00, 0x41], "A"),
            ("utf-16", [0xFF, 0xFE, 0x41, 0x00], "A"),
            ("\"UTF-8\"", Array("ok".utf8), "ok"),
            (nil, Array("sin charset ñ".utf8), "sin charset ñ"),
        ]
        for row in table {
            var warnings: [String] = []
            XCTAssertEqual(Charset.decode(row.bytes, label: row.label, warnings: &warnings), row.expected, "\(row.label ?? "nil")")
            XCTAssertTrue(warnings.isEmpty, "\(row.label ?? "nil"): \(warnings)")
        }
    }

    func testInvalidUTF8FallsBackToWindows1252PerSequenceWithAWarning() {
        var warnings: [String] = []
        let text = Charset.decode([0x63, 0xF3, 0x64, 0x20, 0xE2, 0x80, 0x94, 0x20, 0x80, 0xC3], label: "utf-8", warnings: &warnings)
        XCTAssertEqual(text, "cód — €Ã")
        XCTAssertEqual(warnings.count, 1)
    }

    func testUnknownCharsetIsReadAsUTF8OrWindows1252WithAWarning() {
        var warnings: [String] = []
        XCTAssertEqual(Charset.decode([0x63, 0xE9], label: "x-martian", warnings: &warnings), "cé")
        XCTAssertFalse(warnings.isEmpty)
        XCTAssertFalse(Charset.isKnown("x-martian"))
        XCTAssertTrue(Charset.isKnown("ISO-8859-15"))
    }

    /// Windows editors and some webmails start UTF-8 text with a byte order mark (EF BB BF); RFC 3629 §6
    /// says a reader strips it from the start, else the text begins with an invisible U+FEFF.
    func testUTF8ByteOrderMarkAtTheStartIsDropped() {
        let table: [(label: String?, bytes: [UInt8], expected: String)] = [
            ("utf-8", [0xEF, 0xBB, 0xBF] + Array("Hola".utf8), "Hola"),
            (nil, [0xEF, 0xBB, 0xBF] + Array("año".utf8), "año"),
            ("utf-8", [0xEF, 0xBB, 0xBF, 0xF1], "ñ"),
            ("utf-8", Array("a".utf8) + [0xEF, 0xBB, 0xBF], "a\u{FEFF}"),
        ]
        for row in table {
            var warnings: [String] = []
            XCTAssertEqual(Charset.decode(row.bytes, label: row.label, warnings: &warnings), row.expected, "\(row.bytes)")
        }
    }

    /// Charsets without a table here (Japanese, Chinese and Korean mail, Outlook's `ks_c_5601-1987`,
    /// UTF-7, Greek, Turkish, Mac and DOS code pages) were read as Windows-1252: mojibake and a warning.
    func testDecodesTheOtherCharsetsThroughFoundation() {
        let table: [(label: String, bytes: [UInt8], expected: String)] = [
            ("shift_jis", [0x82, 0xA0, 0x82, 0xA2], "あい"),
            ("ISO-2022-JP", [0x1B, 0x24, 0x42, 0x24, 0x22, 0x24, 0x24, 0x1B, 0x28, 0x42], "あい"),
            ("gb2312", [0xC4, 0xE3, 0xBA, 0xC3], "你好"),
            ("GB18030", [0xC4, 0xE3], "你"),
            ("big5", [0xA4, 0xA4], "中"),
            ("ks_c_5601-1987", [0xB0, 0xA1], "가"),
            ("euc-kr", [0xB0, 0xA1], "가"),
            ("utf-7", Array("caf+AOk-".utf8), "café"),
            ("iso-8859-7", [0xC1, 0xE8], "Αθ"),
            ("windows-1253", [0xC1], "Α"),
            ("iso8859-9", [0xFD, 0xF0], "ığ"),
            ("koi8-u", [0xA4], "є"),
            ("macintosh", [0x8E, 0x96], "éñ"),
            ("cp850", [0xA4, 0xA0], "ñá"),
        ]
        for row in table {
            var warnings: [String] = []
            XCTAssertEqual(Charset.decode(row.bytes, label: row.label, warnings: &warnings), row.expected, row.label)
            XCTAssertTrue(warnings.isEmpty, "\(row.label): \(warnings)")
            XCTAssertTrue(Charset.isKnown(row.label), row.label)
        }
    }

    /// A report saved by Notepad or PowerShell as "Unicode" (UTF-16 with its byte order mark) and mailed by a
    /// script (blat, mailsend) arrives labelled us-ascii, utf-8 or Latin-1, or with no label: read as
    /// labelled it was `ÿþH` and a NUL after every letter. The mark says what it is; a warning says it was
    /// mislabelled.
    func testUTF16WithItsByteOrderMarkUnderAnotherLabel() {
        let table: [(label: String?, bytes: [UInt8], expected: String)] = [
            ("utf-8", [0xFF, 0xFE, 0x48, 0x00, 0x6F, 0x00, 0x6C, 0x00, 0x61, 0x00], "Hola"),
            (nil, [0xFF, 0xFE, 0xF1, 0x00, 0x0D, 0x00, 0x0A, 0x00], "ñ\r\n"),
            ("us-ascii", [0xFE, 0xFF, 0x00, 0x48, 0x00, 0x69], "Hi"),
            ("iso-8859-1", [0xFF, 0xFE, 0xE9, 0x00], "é"),
        ]
        for row in table {
            var warnings: [String] = []
            XCTAssertEqual(Charset.decode(row.bytes, label: row.label, warnings: &warnings), row.expected, "\(row.bytes)")
            XCTAssertFalse(warnings.isEmpty, "\(row.bytes)")
        }
        var warnings: [String] = []
        XCTAssertEqual(Charset.decode([0xFF, 0xFE, 0x41], label: "iso-8859-1", warnings: &warnings), "ÿþA")
    }

    /// RFC 2045 §5.1's own example is `charset=us-ascii (Plain text)`: structured fields may carry comments.
    /// Read whole, the label was unknown, so a `koi8-r (Cyrillic)` text was read as Windows-1252. PHP
    /// scripts copying an HTML `<meta>` write the label in single quotes (`charset='UTF-8'`), which are no
    /// part of it either.
    func testACommentAfterTheLabelIsNotPartOfIt() {
        let table: [(label: String, bytes: [UInt8], expected: String)] = [
            ("us-ascii (Plain text)", Array("Hola".utf8), "Hola"),
            ("koi8-r (Cyrillic)", [0xF0, 0xD2, 0xC9], "При"),
            ("iso-8859-1(Latin 1)", [0xF1], "ñ"),
            ("'koi8-r'", [0xF0, 0xD2, 0xC9], "При"),
            ("'UTF-8'", [0xC3, 0xB1], "ñ"),
        ]
        for row in table {
            var warnings: [String] = []
            XCTAssertEqual(Charset.decode(row.bytes, label: row.label, warnings: &warnings), row.expected, row.label)
            XCTAssertTrue(warnings.isEmpty, "\(row.label): \(warnings)")
        }
    }

    /// EUC-JP (Unix mailers and older webmails in Japan) has no decoder in Foundation on Linux, so it was
    /// read as Windows-1252: every kana two Latin letters and a warning. It is the same JIS code points as
    /// ISO-2022-JP, written with the high bit set; row 13 (NEC's circled numbers) included.
    func testDecodesEUCJP() {
        let table: [(label: String, bytes: [UInt8], expected: String)] = [
            ("euc-jp", [0xA4, 0xB3, 0xA4, 0xF3, 0xA4, 0xCB, 0xA4, 0xC1, 0xA4, 0xCF], "こんにちは"),
            ("EUC-JP", Array("Re: ".utf8) + [0xB4, 0xC1, 0xBB, 0xFA] + Array(" 2024\r\n".utf8), "Re: 漢字 2024\r\n"),
            ("x-euc-jp", [0x8E, 0xB1, 0xA4, 0xA2], "ｱあ"),
            ("euc-jp", [0x8F, 0xB0, 0xA1], "丂"),
            ("euc-jp", [0xAD, 0xA1], "①"),
        ]
        for row in table {
            var warnings: [String] = []
            XCTAssertEqual(Charset.decode(row.bytes, label: row.label, warnings: &warnings), row.expected, row.label)
            XCTAssertTrue(warnings.isEmpty, "\(row.label): \(warnings)")
        }
        var warnings: [String] = []
        XCTAssertEqual(Charset.decode([0x41, 0xA4], label: "euc-jp", warnings: &warnings), "A¤")
        XCTAssertFalse(warnings.isEmpty)
    }

    /// PHP forms and web shops send UTF-8 labelled `iso-8859-1`: read as labelled, every accent became two
    /// characters (`facturaciÃ³n`). Valid UTF-8 with a multi-byte sequence is read as UTF-8, with a warning;
    /// real Latin-1 (`F3` alone) is not valid UTF-8 and keeps its table.
    func testLatin1LabelledUTF8IsReadAsUTF8() {
        let table: [(label: String, bytes: [UInt8], expected: String, warns: Bool)] = [
            ("iso-8859-1", Array("facturación".utf8), "facturación", true),
            ("windows-1252", Array("año €".utf8), "año €", true),
            ("iso-8859-15", Array("señal".utf8), "señal", true),
            ("iso-8859-1", [0x66, 0x61, 0x63, 0x74, 0x75, 0x72, 0x61, 0x63, 0x69, 0xF3, 0x6E], "facturación", false),
            ("iso-8859-1", Array("plain ascii".utf8), "plain ascii", false),
            ("iso-8859-2", [0xC3, 0xB3], "Ăł", false),
        ]
        for row in table {
            var warnings: [String] = []
            XCTAssertEqual(Charset.decode(row.bytes, label: row.label, warnings: &warnings), row.expected, row.label)
            XCTAssertEqual(!warnings.isEmpty, row.warns, "\(row.label): \(warnings)")
        }
    }
}
