@testable import IntakeDesk
import XCTest

final class TicketSummaryTests: XCTestCase {
    func testTheSubjectOfAChatTicketIsItsFirstLineCutAt80Characters() {
        let eighty = String(repeating: "á", count: 80)
        let table: [(String?, String?)] = [
            (nil, nil),
            ("", nil),
            ("  \n", nil),
            ("  hola mundo  \nsegunda línea", "hola mundo"),
            ("\r\nprimera", nil),
            (eighty, eighty),
            (eighty + "b", String(repeating: "á", count: 79) + "…"),
            (String(repeating: "x", count: 200), String(repeating: "x", count: 79) + "…"),
            (String(repeating: "🇦🇷", count: 81), String(repeating: "🇦🇷", count: 79) + "…"),
            (String(repeating: "e\u{301}", count: 80), String(repeating: "e\u{301}", count: 80)),
            // Spanish text is counted by its bytes; a combining mark anywhere before the cut sends it
            // back to counting characters.
            (String(repeating: "ñandú ", count: 20), String(String(repeating: "ñandú ", count: 20).prefix(79)) + "…"),
            (String(repeating: "x", count: 79) + "e\u{301}" + String(repeating: "y", count: 5), String(repeating: "x", count: 79) + "…"),
            (String(repeating: "x", count: 79) + "e\u{301}", String(repeating: "x", count: 79) + "e\u{301}"),
            (String(repeating: "x", count: 78) + "e\u{301}" + String(repeating: "y", count: 5), String(repeating: "x", count: 78) + "e\u{301}" + "…"),
            (String(repeating: "x", count: 81) + "\u{301}", String(repeating: "x", count: 79) + "…"),
            ("¿" + String(repeating: "ü", count: 80), "¿" + String(repeating: "ü", count: 78) + "…"),
        ]
        for (text, expected) in table {
            XCTAssertEqual(IngestPipeline.summary(of: text), expected, text.debugDescription)
        }
    }

    func testTheThreadOfASlackReplyRouteIsTheTsAfterTheChannel() {
        XCTAssertEqual(IngestPipeline.ts(of: "C0ACME:1764000000.000100"), "1764000000.000100")
        XCTAssertEqual(IngestPipeline.ts(of: "1764000000.000100"), "1764000000.000100")
        XCTAssertNil(IngestPipeline.ts(of: ""))
        XCTAssertNil(IngestPipeline.ts(of: "C0ACME:"))
    }
}
