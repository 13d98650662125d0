import IntakeCore
import XCTest

/// The byte-level folding against the scalar-by-scalar definition it replaced (kept here as the
/// reference): same words, same fingerprint input, for ASCII, accents, other scripts, quoted lines.
final class TextFoldingTests: XCTestCase {
    private let table: [(String, String)] = [
        ("", ""),
        ("ok", "ok"),
        ("  Hola,   MUNDO!! ", "hola mundo"),
        ("¿Cómo está el SISTEMA caído? Ñandú, acción", "como esta el sistema caido nandu accion"),
        ("can't doesn't it's", "can't doesn't it's"),
        ("error 4711: x-y_z", "error 4711 x y z"),
        ("ÀÉÎÕÜ àéîõü Ç ç", "aeiou aeiou c c"),
        ("Straße ΑΘΗΝΑ Москва", "straße αθηνα москва"),
        ("😀 emoji😀between", "emoji between"),
        ("x²³ ½", "x²³ ½"),
        ("tab\tnew\nline\r\nend", "tab new line end"),
        ("e\u{301}x", "e x"),
    ]

    func testFoldsWordsAsTheTableSays() {
        for (input, expected) in table {
            XCTAssertEqual(String(decoding: TextFolding.foldedWords(input), as: UTF8.self), expected, input.debugDescription)
        }
    }

    func testQuotedLinesAreSkippedOnlyWhenTheyStartWithTheMarker() {
        let text = "> quoted first\nreal Text\n  > not quoted\n>also quoted\n\nlast"
        XCTAssertEqual(String(decoding: TextFolding.foldedWords(text, skippingQuotedLines: true), as: UTF8.self), "real text not quoted last")
        XCTAssertEqual(String(decoding: TextFolding.foldedWords(text), as: UTF8.self), "quoted first real text not quoted also quoted last")
        XCTAssertEqual(TextFolding.foldedWords(">only\n>quoted", skippingQuotedLines: true), [])
    }

    func testSubstringsFoldLikeStrings() {
        let text = "prefix ¡URGENTE! sistema caído suffix"
        let middle = text.dropFirst(7).dropLast(7)
        XCTAssertEqual(String(decoding: TextFolding.foldedWords(middle), as: UTF8.self), "urgente sistema caido")
    }

    func testMatchesTheScalarDefinitionOnGeneratedText() {
        let pieces = ["a", "Z", "9", "'", " ", "\n", "\r\n", ">", "-", "á", "Ñ", "ß", "Σ", "İ", "²", "😀", "e\u{301}", "中", "\u{2028}", "."]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0..<30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(TextFolding.foldedWords(text, skippingQuotedLines: true), reference(text, skippingQuotedLines: true), text.debugDescription)
            XCTAssertEqual(TextFolding.foldedWords(text), reference(text, skippingQuotedLines: false), text.debugDescription)
        }
    }

    /// The fingerprint's former loop over scalars.
    private func reference(_ text: String, skippingQuotedLines: Bool) -> [UInt8] {
        var folded: [UInt8] = []
        var atLineStart = true
        var quoted = false
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if skippingQuotedLines {
                if scalar == "\n" {
                    atLineStart = true
                    quoted = false
                    pendingSpace = !folded.isEmpty
                    continue
                }
                if atLineStart {
                    atLineStart = false
                    quoted = scalar == ">"
                }
                if quoted { continue }
            }
            if let f = TextFolding.fold(scalar) {
                if pendingSpace { folded.append(0x20) }
                pendingSpace = false
                folded.append(contentsOf: Array(String(f).utf8))
            } else {
                pendingSpace = !folded.isEmpty
            }
        }
        return folded
    }
}
