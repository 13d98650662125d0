import IntakeCore
import XCTest

final class JSONTests: XCTestCase {
    func testRoundTripsKeepingKeyOrder() throws {
        let text = #"{"b":1,"a":[true,false,null,"x\"\n\u00e9"],"c":{"d":-1.5e2}}"#
        let value = try JSONParser.parse(text)
        XCTAssertEqual(JSONWriter.string(value), #"{"b":1,"a":[true,false,null,"x\"\né"],"c":{"d":-150}}"#)
    }

    func testRefusesMalformedDocuments() {
        let bad = ["", "{", "[1,]", "{\"a\" 1}", "01", "\"\u{01}\"", "tru", "[1] x", "\"\\x\"", "1.", "-"]
        for text in bad {
            XCTAssertThrowsError(try JSONParser.parse(text), text)
        }
    }

    func testDeepNestingIsRefusedNotACrash() {
        let text = String(repeating: "[", count: 10_000)
        XCTAssertThrowsError(try JSONParser.parse(text))
    }

    func testSurrogatePairsDecode() throws {
        XCTAssertEqual(try JSONParser.parse(#""\ud83d\ude00""#), .string("😀"))
        XCTAssertEqual(try JSONParser.parse(#""\ud83d""#), .string("\u{FFFD}"))
    }
}
