@testable import IntakeMIME
import XCTest

final class UUEncodedTextTests: XCTestCase {
    /// Whole uuencoded blocks in a text are files and leave it (`uuencode a.txt a.txt | mailx`); anything
    /// that only looks like one stays text.
    func testWholeBlocksAreFilesAndTheRestStaysText() {
        let abc = "begin 644 a.txt\n#86)C\n`\nend"
        let table: [(text: String, rest: String, files: [UUEncodedText.File])] = [
            ("Adjunto\n\n\(abc)\n\nSaludos", "Adjunto\n\nSaludos", [.init(filename: "a.txt", content: Array("abc".utf8))]),
            ("\(abc)\nbegin 0600 informe final.txt\n\"3TL`\n`\nend", "",
             [.init(filename: "a.txt", content: Array("abc".utf8)), .init(filename: "informe final.txt", content: Array("OK".utf8))]),
            ("begin 644 a.txt\n#86)C\nend", "", [.init(filename: "a.txt", content: Array("abc".utf8))]),
            ("begin 644 days ago we talked\nabout the end\nend", "begin 644 days ago we talked\nabout the end\nend", []),
            ("begin 644 a.txt\n#86)C\n`", "begin 644 a.txt\n#86)C\n`", []),
            ("begin 644 a.txt\nend", "begin 644 a.txt\nend", []),
            ("begin 64444 a.txt\n#86)C\nend", "begin 64444 a.txt\n#86)C\nend", []),
            ("begin 644\n#86)C\nend", "begin 644\n#86)C\nend", []),
        ]
        for row in table {
            let extracted = UUEncodedText.extract(row.text)
            XCTAssertEqual(extracted.text, row.rest, row.text)
            XCTAssertEqual(extracted.files, row.files, row.text)
        }
    }
}
