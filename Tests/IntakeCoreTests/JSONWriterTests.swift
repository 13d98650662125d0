import IntakeCore
import XCTest

/// String escaping (RFC 8259 §7, plus U+2028/U+2029 for JavaScript): the writer copies runs of plain
/// bytes whole, so escapes at the start, the end, back to back and next to multi-byte characters matter.
final class JSONWriterTests: XCTestCase {
    private let table: [(String, String)] = [
        ("", #""""#),
        ("plain", #""plain""#),
        ("\"", #""\"""#),
        ("\\", #""\\""#),
        ("\"quoted\"", #""\"quoted\"""#),
        ("a\nb\rc\td", #""a\nb\rc\td""#),
        ("\u{08}\u{0C}", #""\b\f""#),
        ("\u{00}\u{01}\u{1F}", #""\u0000\u0001\u001f""#),
        ("\u{7F} DEL stays", "\"\u{7F} DEL stays\""),
        ("campaña, acción, ñandú", #""campaña, acción, ñandú""#),
        ("😀\n😀", #""😀\n😀""#),
        ("\u{2028}", #""\u2028""#),
        ("a\u{2029}b", #""a\u2029b""#),
        ("\u{2028}\u{2029}", #""\u2028\u2029""#),
        ("x\u{2027}\u{2000}\u{20AC}\u{2030}", "\"x\u{2027}\u{2000}\u{20AC}\u{2030}\""),
        ("end\\", #""end\\""#),
        ("€\"€", #""€\"€""#),
    ]

    func testEscapesEveryCaseAtEveryPosition() {
        for (input, expected) in table {
            XCTAssertEqual(JSONWriter.string(.string(input)), expected, input.debugDescription)
        }
    }

    func testKeysAreEscapedLikeValues() {
        let value: JSONValue = ["a\"b": "\u{2028}", "ñ": ["\n", 1, true, nil]]
        XCTAssertEqual(JSONWriter.string(value), #"{"a\"b":"\u2028","ñ":["\n",1,true,null]}"#)
    }

    /// Every character that needs a look, at every offset around the eight-byte steps.
    func testEscapesAtEveryOffsetOfALongerString() {
        for special in ["\"", "\\", "\n", "\u{1F}", "\u{00}", "\u{2028}", "\u{2029}", "\u{2000}", "ñ", "😀", "\u{7F}"] {
            for offset in 0...24 {
                let text = String(repeating: "a", count: offset) + special + String(repeating: "b", count: 24 - offset)
                XCTAssertEqual(JSONWriter.string(.string(text)), reference(text), "\(special.debugDescription) at \(offset)")
            }
        }
    }

    /// Long mixed strings against a scalar-by-scalar reference, and back through the parser.
    func testMatchesAReferenceEscaperOnGeneratedStrings() throws {
        let pieces = ["a", "Z", " ", "\"", "\\", "\n", "\u{01}", "\u{1F}", "ñ", "€", "\u{2028}", "\u{2029}", "\u{2000}", "😀", "\u{7F}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(JSONWriter.string(.string(text)), reference(text), text.debugDescription)
            XCTAssertEqual(try JSONParser.parse(JSONWriter.string(.string(text))), .string(text))
        }
    }

    private func reference(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
