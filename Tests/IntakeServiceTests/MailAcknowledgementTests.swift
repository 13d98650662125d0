import Foundation
import IntakeCore
import IntakeDesk
import IntakeMail
@testable import IntakeService
import IntakeTestSupport
import XCTest

/// New email tickets acknowledged over real SMTP (the aiosmtpd recorder), from mail polled off a real Dovecot.
final class MailAcknowledgementTests: XCTestCase {
    private var smtp: SMTPRecorder!

    override func setUpWithError() throws {
        smtp = try SMTPRecorder()
    }

    override func tearDown() {
        smtp?.stop()
    }

    private func worker(_ f: MailStoreFixture) throws -> OutboxWorker {
        let mailer = try XCTUnwrap(try SMTPAcknowledgementMailer(email: f.config.email))
        return OutboxWorker(store: f.store, directory: CustomerDirectory(customers: []), config: f.config, mailer: mailer,
                            logger: Logger(level: .error, write: { _ in }), metrics: Metrics())
    }

    private func messageID(_ raw: [UInt8]) throws -> String {
        try XCTUnwrap(MailStoreFixture.header("Message-ID", in: raw)).trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
    }

    func testNewEmailTicketIsAcknowledgedThreadedToTheOriginal() throws {
        let f = try MailStoreFixture(test: self, smtpPort: smtp.port)
        let original = MailStoreFixture.mail(1, subject: "Central caida")
        try f.append([original])
        try f.poller().runOnce()

        try worker(f).tick()

        let sent = smtp.received()
        XCTAssertEqual(sent.count, 1)
        let ack = try XCTUnwrap(sent.first)
        let id = try messageID(original)
        XCTAssertEqual(MailStoreFixture.header("Auto-Submitted", in: ack), "auto-replied")
        XCTAssertEqual(MailStoreFixture.header("In-Reply-To", in: ack), "<\(id)>")
        XCTAssertEqual(MailStoreFixture.header("References", in: ack), "<\(id)>")
        let number = try XCTUnwrap(try f.store.read { try $0.tickets() }.first?.number)
        XCTAssertEqual(MailStoreFixture.header("Subject", in: ack), "Re: Central caida [#\(number)]")
        XCTAssertEqual(MailStoreFixture.header("To", in: ack)?.contains("cliente1@acme.example"), true)
        XCTAssertEqual(try f.store.read { try $0.outbox() }.filter { $0.destination == "email" }.map(\.state), [.delivered])
    }

    /// The worker records results a batch at a time; the cap is read from what it recorded, so the
    /// acknowledgements of one round must not all read the count from before the round.
    func testTheDailyCapHoldsWithinOneRoundOfDeliveries() throws {
        let f = try MailStoreFixture(test: self, smtpPort: smtp.port) { $0.ackDailyCapPerAddress = 2 }
        try f.append((1...3).map { MailStoreFixture.mail($0, from: "juana@acme.example") })
        XCTAssertEqual(try f.poller().runOnce().imported, 3)

        try worker(f).tick()

        XCTAssertEqual(smtp.received().count, 2)
        let email = try f.store.read { try $0.outbox() }.filter { $0.destination == "email" }
        XCTAssertEqual(email.map(\.state), [.delivered, .delivered, .skipped])
    }

    func testAutomaticMailIsNeverAcknowledged() throws {
        let f = try MailStoreFixture(test: self, smtpPort: smtp.port)
        try f.append(try ["exchange_oof_en", "auto_submitted_ooo_es", "dsn_bounce_rfc3464", "x_autoreply"].map(MailStoreFixture.fixture))
        XCTAssertEqual(try f.poller().runOnce().imported, 4)

        try worker(f).tick()

        XCTAssertEqual(smtp.received().count, 0)
        let email = try f.store.read { try $0.outbox() }.filter { $0.destination == "email" }
        XCTAssertTrue(email.allSatisfy { $0.state == .skipped }, "\(email.map(\.state))")
    }

    func testReplyToOurAcknowledgementThreadsOntoTheTicket() throws {
        let f = try MailStoreFixture(test: self, smtpPort: smtp.port)
        try f.append([MailStoreFixture.mail(1, subject: "Central caida")])
        let poller = try f.poller()
        try poller.runOnce()
        try worker(f).tick()
        let ackID = try messageID(try XCTUnwrap(smtp.received().first))
        let number = try XCTUnwrap(try f.store.read { try $0.tickets() }.first?.number)
        let seen = LockedEntries()
        let ledger = StoreMailboxLedger(store: f.store, pipeline: f.pipeline, onCommit: { _, entries in seen.append(entries) })
        // No ticket tag in the subject: In-Reply-To/References lead it to the ticket.
        try f.append([MailStoreFixture.mail(2, from: "cliente1@acme.example", inReplyTo: ackID, subject: "Gracias")])

        try f.poller(ledger: ledger).runOnce()

        XCTAssertEqual(seen.entries.map(\.detail), ["appended"])
        XCTAssertEqual(seen.entries.first?.ticketNumber, number)
        XCTAssertEqual(seen.entries.first?.reason, "reply to email:\(ackID)")
        XCTAssertEqual(try f.counts().tickets, 1)
    }

    func testPermanentSMTPRejectionIsADeadLetter() throws {
        let f = try MailStoreFixture(test: self, smtpPort: smtp.port)
        try f.append([MailStoreFixture.mail(1, from: "reject@acme.example")])
        try f.poller().runOnce()

        try worker(f).tick()

        let email = try f.store.read { try $0.outbox() }.filter { $0.destination == "email" }
        XCTAssertEqual(email.map(\.state), [.dead])
        XCTAssertEqual(smtp.received().count, 0)
    }

    /// `"juan perez"@acme.example` is a valid address (a quoted local part) that we refuse to put in an
    /// SMTP envelope: no later attempt can do better, so it is a dead letter at once, not a day of retries.
    func testAnAddressWeCannotSendToIsADeadLetterAtOnce() throws {
        let f = try MailStoreFixture(test: self, smtpPort: smtp.port)
        try f.append([MailStoreFixture.mail(1, from: "\"juan perez\"@acme.example")])
        try f.poller().runOnce()

        try worker(f).tick()

        let email = try f.store.read { try $0.outbox() }.filter { $0.destination == "email" }
        XCTAssertEqual(email.map(\.state), [.dead], email.first?.lastError ?? "")
        XCTAssertEqual(smtp.received().count, 0)
    }

    func testUnreachableSMTPServerIsRetried() throws {
        let mailer = SMTPAcknowledgementMailer(sender: SMTPSender(server: MailServer(
            host: "127.0.0.1", port: try Loopback.freePort(), security: .none, connectTimeout: 1, timeout: 2)))
        XCTAssertThrowsError(try mailer.send(from: "a@b.example", to: "c@d.example", message: Array("Subject: x\r\n\r\nx\r\n".utf8))) { error in
            XCTAssertEqual((error as? AcknowledgementMailError)?.isPermanent, false)
        }
    }
}
