import IntakeMIME
import XCTest

final class DeliveryStatusTests: XCTestCase {
    func testRecipientsWithTheirActionsFoldedFieldsAndAddressTypes() {
        let body = """
            Reporting-MTA: dns; mx.example.net\r
            Arrival-Date: Wed, 16 Jan 2008 19:38:07 +1100\r
            \r
            Final-Recipient: rfc822;\r
             <Ana@Example.org>\r
            Action: failed (permanent)\r
            Status: 5.1.1\r
            \r
            Final-Recipient: RFC822; luis@example.org\r
            Action: delayed\r
            Status: 4.2.2\r
            \r
            \r
            Final-Recipient: rfc822; eva@example.org\r
            Status: 5.7.1\r
            \r
            Final-Recipient: rfc822; ok@example.org\r
            Action: relayed\r
            Status: 2.0.0\r

            """
        let status = DeliveryStatus.parse(Array(body.utf8))
        XCTAssertEqual(status.recipients, [
            .init(address: "ana@example.org", action: "failed", status: "5.1.1"),
            .init(address: "luis@example.org", action: "delayed", status: "4.2.2"),
            .init(address: "eva@example.org", action: nil, status: "5.7.1"),
            .init(address: "ok@example.org", action: "relayed", status: "2.0.0"),
        ])
        XCTAssertEqual(status.recipients.map(\.hasFailed), [true, false, true, false])
    }

    func testGarbageAndAnEmptyBodyGiveNoRecipients() {
        XCTAssertEqual(DeliveryStatus.parse([]).recipients, [])
        XCTAssertEqual(DeliveryStatus.parse(Array("not a field\n\n: nor this\n".utf8)).recipients, [])
    }
}
