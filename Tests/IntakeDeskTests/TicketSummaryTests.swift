@testable import IntakeDesk
import IntakeTestSupport
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

    /// The byte path against the general one over generated lines: ASCII, spaces of every kind, Latin
    /// letters, C1 and combining marks, line ends, lengths around the cut. Fixed seed: reproducible.
    func testTheBytePathAgreesWithTheGeneralOneOnGeneratedLines() {
        let pieces: [String] = ["a", "Z", "7", " ", "\t", ".", "á", "ñ", "Ü", "ÿ", "ő", "\u{A0}", "\u{85}", "\u{2003}",
                                "\u{301}", "e\u{301}", "€", "🇦🇷", "\n", "\r", "\u{C}", "¿", "ʼ"]
        var rng = SplitMix64(seed: 0x5EED)
        var compared = 0
        for _ in 0..<3_000 {
            let text = (0..<rng.below(120)).map { _ in pieces[rng.below(pieces.count)] }.joined()
            guard let plain = text.utf8.withContiguousStorageIfAvailable(IngestPipeline.plainSummary) ?? nil else { continue }
            XCTAssertEqual(plain, IngestPipeline.characterSummary(of: text), text.debugDescription)
            compared += 1
        }
        XCTAssertGreaterThan(compared, 100)
    }

    func testTheThreadOfASlackReplyRouteIsTheTsAfterTheChannel() {
        XCTAssertEqual(IngestPipeline.ts(of: "C0ACME:1764000000.000100"), "1764000000.000100")
        XCTAssertEqual(IngestPipeline.ts(of: "1764000000.000100"), "1764000000.000100")
        XCTAssertNil(IngestPipeline.ts(of: ""))
        XCTAssertNil(IngestPipeline.ts(of: "C0ACME:"))
    }
}
