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
            // The byte path's edges: Unicode whitespace at either end is trimmed as characters are;
            // Latin letters at the ends stay; a tab before the text goes.
            ("\u{A0}hola\u{A0}", "hola"),
            ("hola\u{2003}\nmás", "hola"),
            ("\u{2028}caída", "caída"),
            ("ñandú", "ñandú"),
            ("\tconsulta: el tablero ", "consulta: el tablero"),
            ("caso 1: la consola no carga desde las 9, probamos reiniciar el navegador y el softphone",
             "caso 1: la consola no carga desde las 9, probamos reiniciar el navegador y el s…"),
        ]
        var byBytes = 0
        for (text, expected) in table {
            XCTAssertEqual(IngestPipeline.summary(of: text), expected, text.debugDescription)
            // Where the byte path answers, it answers as the general one does.
            if let text, let plain = text.utf8.withContiguousStorageIfAvailable(IngestPipeline.plainSummary) ?? nil {
                XCTAssertEqual(plain, expected, text.debugDescription)
                byBytes += 1
            }
        }
        XCTAssertEqual(byBytes, 8, "the usual lines take the byte path")
    }

    func testTheThreadOfASlackReplyRouteIsTheTsAfterTheChannel() {
        XCTAssertEqual(IngestPipeline.ts(of: "C0ACME:1764000000.000100"), "1764000000.000100")
        XCTAssertEqual(IngestPipeline.ts(of: "1764000000.000100"), "1764000000.000100")
        XCTAssertNil(IngestPipeline.ts(of: ""))
        XCTAssertNil(IngestPipeline.ts(of: "C0ACME:"))
    }
}
