@testable import IntakeChannels
import XCTest

final class EmailSignalsTests: XCTestCase {
    /// Report fields fold like header fields (RFC 8098 §3.1, RFC 3464 §2.1): an id on the lines after
    /// `Original-Message-ID:` is its value. A plain-text bounce may indent the copy it quotes, so only a
    /// line indented further than the field continues it; a blank line ends it.
    func testFieldValuesAreReadUnfolded() {
        let table: [(text: String, id: String?)] = [
            ("Original-Message-ID: <a@x>\r\n", "a@x"),
            ("Disposition: displayed\r\nOriginal-Message-ID:\r\n <a@x>\r\n", "a@x"),
            ("original-message-id:\n\t<a@x>\n", "a@x"),
            ("Original-Message-ID:\r\n (Outlook)\r\n  <a@x>\r\n", "a@x"),
            ("   Original-Message-ID:\n      <a@x>\n", "a@x"),
            ("   Original-Message-ID:\n   From: Ana <ana@x>\n", nil),
            ("Original-Message-ID:\r\n\r\n <a@x>\r\n", nil),
            ("Original-Message-ID:\r\nOriginal-Message-ID: <b@x>\r\n", "b@x"),
        ]
        for row in table {
            XCTAssertEqual(EmailSignals.fieldValue("Original-Message-ID", in: Array(row.text.utf8)), row.id, row.text)
        }
    }
}
