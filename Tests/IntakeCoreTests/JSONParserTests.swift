import IntakeCore
import XCTest

/// String parsing edge cases and the parser's own UTF-8 check, against the standard library's.
final class JSONParserTests: XCTestCase {
    func testStringsWithAndWithoutEscapesDecode() throws {
        let table: [(String, String)] = [
            (#""""#, ""),
            (#""plain""#, "plain"),
            (#""campaña ñandú €😀""#, "campaña ñandú €😀"),
            (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{08}\u{0C}\n\r\t"),
            (#""ñ\nñ""#, "ñ\nñ"),
            (#""\u00f1\u20AC\ud83d\ude00""#, "ñ€😀"),
            (#""a\u0000b""#, "a\u{0}b"),
            (#""\udc00x""#, "\u{FFFD}x"),
            (#""\ud800\u0041""#, "\u{FFFD}A"),
            (#""end\\""#, "end\\"),
        ]
        for (json, expected) in table {
            XCTAssertEqual(try JSONParser.parse(json), .string(expected), json)
        }
    }

    func testInvalidUTF8InAStringIsRefusedWithOrWithoutEscapes() {
        let bad: [[UInt8]] = [
            [0xFF], [0xC0, 0x80], [0xC2], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xF0, 0x9F, 0x98], [0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82, 0x41],
        ]
        for bytes in bad {
            XCTAssertThrowsError(try JSONParser.parse([0x22] + bytes + [0x22]), "\(bytes)")
            XCTAssertThrowsError(try JSONParser.parse([0x22, 0x5C, 0x6E] + bytes + [0x22]), "escaped, \(bytes)")
        }
    }

    /// Random short byte strings inside quotes: accepted exactly when the standard library finds them
    /// valid UTF-8 (and free of quotes, backslashes and control characters), with the same text.
    func testAcceptsExactlyWhatTheStandardLibraryValidates() {
        let alphabet: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20_000 {
            // Half the rounds put the odd bytes among runs of ASCII, to cross the eight-byte ASCII skip.
            let ascii = round % 2 == 0 ? [UInt8](repeating: 0x61, count: Int.random(in: 0...17, using: &generator)) : []
            let tail = (0..<Int.random(in: 1...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let bytes = ascii + tail + ascii
            let expected = String(validating: bytes, as: UTF8.self)
            XCTAssertEqual(try? JSONParser.parse([0x22] + bytes + [0x22]), expected.map(JSONValue.string), "\(bytes)")
        }
    }

    /// Quotes, escapes, control characters and odd bytes at every offset around the eight-byte steps.
    func testEverySpecialByteAtEveryOffsetOfALongString() throws {
        for offset in 0...24 {
            let a = String(repeating: "a", count: offset), b = String(repeating: "b", count: 24 - offset)
            XCTAssertEqual(try JSONParser.parse("\"\(a)\\n\(b)\""), .string(a + "\n" + b), "escape at \(offset)")
            XCTAssertEqual(try JSONParser.parse("\"\(a)ñ\(b)\""), .string(a + "ñ" + b), "ñ at \(offset)")
            XCTAssertEqual(try JSONParser.parse("[\"\(a)\",\"\(b)\"]"), .array([.string(a), .string(b)]), "quote at \(offset)")
            XCTAssertThrowsError(try JSONParser.parse(Array("\"\(a)\u{1F}\(b)\"".utf8)), "control character at \(offset)")
            XCTAssertThrowsError(try JSONParser.parse(Array("\"\(a)".utf8) + [0xFF] + Array("\(b)\"".utf8)), "0xFF at \(offset)")
            XCTAssertThrowsError(try JSONParser.parse(Array("\"\(a)\(b)".utf8)), "unterminated, \(offset)")
        }
    }

    /// Every prefix of a document is refused, not read past its end.
    func testEveryTruncationIsRefused() throws {
        let document = Array(#"{"a":[1,-2.5e3,true,false,null],"b":"x\u00f1\n\ud83d\ude00ñ","c":{}}"#.utf8)
        XCTAssertNoThrow(try JSONParser.parse(document))
        for end in 0..<document.count {
            XCTAssertThrowsError(try JSONParser.parse(Array(document[..<end])), "prefix of \(end) bytes")
        }
    }
}

/// Lookup by key keeps `String` equality (canonical equivalence) and the last-wins rule, whatever the
/// shortcut on first bytes.
final class JSONObjectLookupTests: XCTestCase {
    func testKeysAreFoundByStringEquality() throws {
        let object = try XCTUnwrap(JSONParser.parse(#"{"a":1,"ab":2,"b":3,"e\u0301":4,"":5,"ñ":6,"a":7,"K":8}"#).objectValue)
        XCTAssertEqual(object["a"], 7)
        XCTAssertEqual(object["ab"], 2)
        XCTAssertEqual(object["b"], 3)
        XCTAssertEqual(object["é"], 4)
        XCTAssertEqual(object["e\u{301}"], 4)
        XCTAssertEqual(object[""], 5)
        XCTAssertEqual(object["n\u{303}"], 6)
        XCTAssertEqual(object["\u{212A}"], 8)
        XCTAssertNil(object["c"])
        XCTAssertNil(object["A"])
    }
}
