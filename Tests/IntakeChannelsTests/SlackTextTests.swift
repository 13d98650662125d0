@testable import IntakeChannels
import XCTest

final class SlackTextTests: XCTestCase {
    func testUndoesTheThreeEscapesInOnePassAndKeepsMarkup() {
        let table: [(String, String)] = [
            ("", ""),
            ("sin escapes", "sin escapes"),
            ("a &amp; b", "a & b"),
            ("&lt;@U0JUANP&gt; mirá esto", "<@U0JUANP> mirá esto"),
            ("&amp;lt; stays one level", "&lt; stays one level"),
            ("&gt;&lt;&amp;", "><&"),
            ("lone & ampersand", "lone & ampersand"),
            ("&&amp;&", "&&&"),
            ("cut at the end &amp", "cut at the end &amp"),
            ("&l", "&l"),
            ("&", "&"),
            ("ñandú &gt; café ☕ &amp; 中文", "ñandú > café ☕ & 中文"),
            ("&quot;not ours&quot;", "&quot;not ours&quot;"),
            ("<https://x.example/?a=1&amp;b=2|link>", "<https://x.example/?a=1&b=2|link>"),
        ]
        for (input, expected) in table {
            XCTAssertEqual(SlackText.unescape(input), expected, input)
        }
    }

    func testSubstringsAndBridgedTextUnescapeLikeStrings() {
        let long = String(repeating: "ü&amp;", count: 1000)
        XCTAssertEqual(SlackText.unescape(long), String(repeating: "ü&", count: 1000))
        XCTAssertEqual(SlackText.unescape(String("xx&gt;yy".dropFirst())), "x>yy")
    }
}
