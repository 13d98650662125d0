@testable import IntakeMIME
import XCTest

/// Charset labels as mailers spell them: `cp-850` (a DOS-era ERP's export), `CP_1252`, `windows1251`,
/// `ISO_8859-15` were matched only as written, and Windows' name for UTF-16LE (`unicode`) was unknown, so they fell back to UTF-8/Windows-1252 with a
/// warning and DOS or Cyrillic text came out as `Se¤or acci¢n`.
final class CharsetLabelTests: XCTestCase {
    func testLabelsAreMatchedAsUTS22Says() {
        let table: [(label: String, bytes: [UInt8], expected: String)] = [
            ("cp-850", [0x53, 0x65, 0xA4, 0x6F, 0x72, 0x20, 0xA2], "Señor ó"),
            ("IBM-850", [0xA4], "ñ"),
            ("CP_1252", [0x80, 0xF1], "€ñ"),
            ("windows1251", [0xCF, 0xF0, 0xE8], "При"),
            ("Win_1251", [0xCF], "П"),
            ("ISO_8859-15", [0xA4], "€"),
            ("ISO8859_9", [0xFD], "ı"),
            ("cp-0850", [0xA4], "ñ"),
            ("KOI8_R", [0xF0], "П"),
            ("Shift_JIS", [0x82, 0xA0], "あ"),
            ("KS_C_5601-1987", [0xB0, 0xA1], "가"),
            ("UTF_16LE", [0x41, 0x00], "A"),
            ("unicode", [0xFF, 0xFE, 0xF1, 0x00], "ñ"),
            ("ucs-2", [0xF1, 0x00], "ñ"),
        ]
        for row in table {
            var warnings: [String] = []
            XCTAssertEqual(Charset.decode(row.bytes, label: row.label, warnings: &warnings), row.expected, row.label)
            XCTAssertEqual(warnings, [], row.label)
        }
    }

    /// A name that is no charset's stays unknown: MySQL's `utf8mb4` is read as UTF-8 by the fallback, with
    /// the warning.
    func testAnUnknownLabelStillWarns() {
        var warnings: [String] = []
        XCTAssertEqual(Charset.decode(Array("Señor 😀".utf8), label: "utf8mb4", warnings: &warnings), "Señor 😀")
        XCTAssertEqual(warnings, ["unknown charset utf8mb4, read as UTF-8 or Windows-1252"])
    }

    /// Loose matching must not make two labels one: every label still finds its own decoder.
    func testNoTwoLabelsShareAKey() {
        for (decoder, labels) in Charset.ownDecoders {
            for label in labels { XCTAssertEqual(Charset.decoder(for: label), decoder, label) }
        }
        for (label, encoding) in Charset.foundationEncodings {
            XCTAssertEqual(Charset.decoder(for: label), .foundation(encoding), label)
        }
    }

    /// .NET's `Encoding.Unicode` mails little-endian UTF-16 without a byte order mark as `charset=utf-16`;
    /// read big-endian as RFC 2781 says for an unmarked text, `Hola` became `䠀漀氀愀`.
    func testUnmarkedUTF16IsReadInTheOrderItsZerosShow() {
        let table: [(bytes: [UInt8], expected: String)] = [
            ([0x48, 0x00, 0x6F, 0x00, 0x6C, 0x00, 0x61, 0x00, 0xF1, 0x00], "Holañ"),
            ([0x00, 0x48, 0x00, 0x6F, 0x00, 0x6C, 0x00, 0x61], "Hola"),
            ([0x65, 0xE5, 0x67, 0x2C], "日本"),
        ]
        for row in table {
            var warnings: [String] = []
            XCTAssertEqual(Charset.decode(row.bytes, label: "utf-16", warnings: &warnings), row.expected)
        }
    }
}
