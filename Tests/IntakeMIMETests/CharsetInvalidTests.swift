import IntakeMIME
import XCTest

/// One byte that is not valid in a Foundation charset (a stray Shift_JIS lead byte, a byte Windows-1255
/// leaves undefined, a Big5 character cut at the end) made the whole text read as UTF-8/Windows-1252:
/// every Japanese, Hebrew or Chinese character came out as mojibake. And `charset=gb2312` with a
/// GB18030 four-byte character (an emoji) failed the same way.
final class CharsetInvalidTests: XCTestCase {
    func testAnInvalidByteBecomesOneReplacementCharacter() {
        let table: [(label: String, bytes: [UInt8], expected: String)] = [
            ("shift_jis", [0x93, 0xFA, 0x96, 0x7B, 0x0A, 0x81, 0x0A, 0x8C, 0xEA], "日本\n\u{FFFD}\n語"),
            ("windows-1255", [0xF9, 0xEC, 0xE5, 0xED, 0x20, 0xFF], "שלום \u{FFFD}"),
            ("big5", [0xC1, 0x63, 0xC5, 0xE9, 0xA4], "繁體\u{FFFD}"),
        ]
        for row in table {
            var warnings: [String] = []
            XCTAssertEqual(Charset.decode(row.bytes, label: row.label, warnings: &warnings), row.expected, row.label)
            XCTAssertEqual(warnings, ["bytes not valid in the charset \(row.label) replaced by U+FFFD"], row.label)
        }
    }

    func testGBKLabelsAreReadAsGB18030() {
        for label in ["gb2312", "GBK", "cp936"] {
            var warnings: [String] = []
            let text = Charset.decode([0xB1, 0xED, 0xC7, 0xE9, 0x94, 0x39, 0xFC, 0x36, 0x80], label: label, warnings: &warnings)
            XCTAssertEqual(text, "表情😀€", label)
            XCTAssertEqual(warnings, [], label)
        }
    }

    /// ISO-2022-JP cannot be cut between characters: a line with a raw 8-bit byte (a Latin-1 `é` pasted in)
    /// gets the fallback, the other lines keep their Japanese.
    func testAnInvalidLineOfAStatefulCharsetFallsBackAlone() {
        var warnings: [String] = []
        let bytes: [UInt8] = [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x1B, 0x28, 0x42, 0x0A, 0x63, 0x61, 0x66, 0xE9]
        XCTAssertEqual(Charset.decode(bytes, label: "iso-2022-jp", warnings: &warnings), "日本\ncafé")
        XCTAssertEqual(warnings, ["lines not valid in the charset iso-2022-jp read as UTF-8 or Windows-1252"])
    }

    func testUTF8UnderAnotherLabelIsReadAsUTF8() {
        var warnings: [String] = []
        XCTAssertEqual(Charset.decode(Array("Ávila".utf8), label: "big5", warnings: &warnings), "Ávila")
        XCTAssertEqual(warnings, ["text declared as big5 is valid UTF-8, read as UTF-8"])
    }

    /// Mostly invalid bytes mean a wrong label, not a damaged text: the fallback reads what it can.
    func testAWrongLabelFallsBackToWindows1252() {
        var warnings: [String] = []
        let bytes = Array(repeating: [UInt8]([0x81, 0x20, 0xA0, 0x85]), count: 40).flatMap { $0 }
        let text = Charset.decode(bytes, label: "shift_jis", warnings: &warnings)
        XCTAssertFalse(text.contains("\u{FFFD}"))
        XCTAssertEqual(warnings.first, "text not valid in its charset shift_jis, read as UTF-8 or Windows-1252")
    }
}
