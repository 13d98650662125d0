import Curl
import IntakeMail
import IntakeTestSupport
import XCTest

final class SMTPSenderTests: XCTestCase {
    private var smtp: SMTPRecorder!

    override func setUpWithError() throws {
        smtp = try SMTPRecorder()
    }

    override func tearDown() {
        smtp?.stop()
    }

    func testMessageArrivesWithExactBytesAndEnvelope() throws {
        let message = Array((
            "From: Support <support@example.com>\r\nTo: a@example.org, b@example.org\r\nSubject: Re: Request 1\r\n"
            + "Message-ID: <reply-1@example.com>\r\nIn-Reply-To: <request-1@example.org>\r\n\r\n"
            + "Hello,\r\n.leading dot survives stuffing\r\n.\r\nlast line\r\n").utf8)
        try SMTPSender(server: smtp.server).send(from: "support@example.com", to: ["a@example.org", "b@example.org"], message: message)
        let received = try smtp.deliveries()
        XCTAssertEqual(received.count, 1)
        XCTAssertEqual(received.first?.raw, message)
        XCTAssertEqual(received.first?.mailFrom, "support@example.com")
        XCTAssertEqual(received.first?.recipients, ["a@example.org", "b@example.org"])
    }

    func testRejectedRecipientReportsTheSMTPReply() throws {
        XCTAssertThrowsError(try SMTPSender(server: smtp.server).send(from: "support@example.com", to: ["reject@example.org"], message: Array("Subject: x\r\n\r\nx\r\n".utf8))) { error in
            guard let curl = error as? CurlError else { return XCTFail("\(error)") }
            XCTAssertEqual(curl.responseCode, 550)
            XCTAssertTrue(curl.serverLines.contains { $0.hasPrefix("550 5.1.1") }, "\(curl.serverLines)")
        }
        XCTAssertEqual(smtp.received().count, 0)
    }

    func testConnectionRefusedIsAConnectionFailure() throws {
        let closed = MailServer(host: "127.0.0.1", port: try Loopback.freePort(), security: .none)
        XCTAssertThrowsError(try SMTPSender(server: closed).send(from: "a@example.com", to: ["b@example.org"], message: [0x41])) { error in
            XCTAssertTrue((error as? CurlError)?.isConnectionFailure == true, "\(error)")
        }
    }

    func testAddressesThatCouldInjectCommandsAreRefused() {
        XCTAssertThrowsError(try SMTPSender(server: smtp.server).send(from: "a@example.com", to: ["b@example.org>\r\nRCPT TO:<c@example.org"], message: [0x41]))
        XCTAssertThrowsError(try SMTPSender(server: smtp.server).send(from: "a@example.com", to: [], message: [0x41]))
    }
}
