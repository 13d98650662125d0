import Curl
@testable import IntakeMail
import IntakeTestSupport
import XCTest

final class IMAPClientTests: XCTestCase {
    nonisolated(unsafe) private static var dovecot: DovecotServer?
    private var server: MailServer!
    private var client: IMAPClient!

    override class func tearDown() {
        dovecot?.stop()
        dovecot = nil
    }

    override func setUpWithError() throws {
        if Self.dovecot == nil { Self.dovecot = try DovecotServer() }
        server = try XCTUnwrap(Self.dovecot).freshServer()
        client = try IMAPClient(server: server)
    }

    override func tearDown() {
        client = nil
    }

    func testStatusReportsUIDValidityUIDNextAndCount() throws {
        try client.append(folder: "INBOX", message: TestMail.make(1))
        try client.append(folder: "INBOX", message: TestMail.make(2))
        let status = try client.status(folder: "INBOX")
        XCTAssertEqual(status.uidNext, 3)
        XCTAssertEqual(status.messages, 2)
        XCTAssertGreaterThan(status.uidValidity, 0)
    }

    func testAppendReportsTheNewUID() throws {
        XCTAssertEqual(try client.append(folder: "INBOX", message: TestMail.make(1)), 1)
        XCTAssertEqual(try client.append(folder: "INBOX", message: TestMail.make(2)), 2)
    }

    func testFetchReturnsTheExactRawBytes() throws {
        var raw = TestMail.make(1, extraHeaders: ["X-Latin1: caf\u{E9}"], body: "A004 OK looks like a tag\r\n.\r\n* 1 FETCH (fake)\r\n{12}\r\nend")
        raw += [0xE9, 0xFF, 0x0D, 0x0A]
        try client.append(folder: "INBOX", message: raw)
        let validity = try client.status(folder: "INBOX").uidValidity
        XCTAssertEqual(try client.fetch(folder: "INBOX", uidValidity: validity, uid: 1), raw)
    }

    func testMessagesAfterTheLastUIDIgnoreTheStarRangeQuirk() throws {
        for number in 1...3 { try client.append(folder: "INBOX", message: TestMail.make(number)) }
        let validity = try client.status(folder: "INBOX").uidValidity
        XCTAssertEqual(try client.messages(folder: "INBOX", uidValidity: validity, after: 1).map(\.uid), [2, 3])
        XCTAssertEqual(try client.messages(folder: "INBOX", uidValidity: validity, after: 3), [])
        XCTAssertEqual(try client.messages(folder: "INBOX", uidValidity: validity, after: 10), [])
        XCTAssertEqual(try client.messages(folder: "INBOX", uidValidity: validity, after: 0).first?.size, TestMail.make(1).count)
    }

    func testFlagsCanBeSetAndCleared() throws {
        try client.append(folder: "INBOX", message: TestMail.make(1))
        let validity = try client.status(folder: "INBOX").uidValidity
        XCTAssertEqual(try client.messages(folder: "INBOX", uidValidity: validity, after: 0).map(\.isSeen), [false])
        try client.addFlags(["\\Seen"], folder: "INBOX", uidValidity: validity, uids: UIDSet([1]))
        XCTAssertEqual(try client.messages(folder: "INBOX", uidValidity: validity, after: 0).map(\.isSeen), [true])
        try client.removeFlags(["\\Seen"], folder: "INBOX", uidValidity: validity, uids: UIDSet([1]))
        XCTAssertEqual(try client.messages(folder: "INBOX", uidValidity: validity, after: 0).map(\.isSeen), [false])
    }

    func testMoveTransfersMessagesToAnotherFolder() throws {
        for number in 1...3 { try client.append(folder: "INBOX", message: TestMail.make(number)) }
        try client.create(folder: "Processed")
        let validity = try client.status(folder: "INBOX").uidValidity
        try client.move(folder: "INBOX", uidValidity: validity, uids: UIDSet([1, 3]), to: "Processed")
        XCTAssertEqual(try client.messages(folder: "INBOX", uidValidity: validity, after: 0).map(\.uid), [2])
        XCTAssertEqual(try client.status(folder: "Processed").messages, 2)
    }

    /// Each moved message is one `* n EXPUNGE` line, and libcurl 7.88 refuses a response of a few
    /// hundred lines ("Too large response headers"): a big move goes in several commands.
    func testMovingHundredsOfMessagesAtOnce() throws {
        for number in 1...300 { try client.append(folder: "INBOX", message: TestMail.make(number), seen: true) }
        let validity = try client.status(folder: "INBOX").uidValidity
        try client.create(folder: "Archive")
        try client.move(folder: "INBOX", uidValidity: validity, uids: UIDSet(range: 1...300), to: "Archive")
        XCTAssertEqual(try IMAPClient(server: server).status(folder: "INBOX").messages, 0)
        XCTAssertEqual(try client.status(folder: "Archive").messages, 300)
    }

    func testCopyAndExpungeMovesMessagesWithoutMOVE() throws {
        for number in 1...2 { try client.append(folder: "INBOX", message: TestMail.make(number)) }
        try client.create(folder: "Processed")
        let validity = try client.status(folder: "INBOX").uidValidity
        try client.copyAndExpunge(folder: "INBOX", uidValidity: validity, uids: UIDSet([2]), to: "Processed")
        XCTAssertEqual(try client.messages(folder: "INBOX", uidValidity: validity, after: 0).map(\.uid), [1])
        XCTAssertEqual(try client.status(folder: "Processed").messages, 1)
    }

    func testCreatingAnExistingFolderIsFine() throws {
        try client.create(folder: "Quarantine")
        try client.create(folder: "Quarantine")
        XCTAssertEqual(try client.status(folder: "Quarantine").messages, 0)
    }

    func testStatusOfAMissingFolderIsRejected() {
        XCTAssertThrowsError(try client.status(folder: "Nope")) { error in
            guard case MailError.commandRejected(let command, let response) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(command, "STATUS")
            XCTAssertTrue(response.hasPrefix("NO"), response)
        }
    }

    func testActionsUnderAStaleUIDValidityAreRefused() throws {
        try client.append(folder: "INBOX", message: TestMail.make(1))
        let validity = try client.status(folder: "INBOX").uidValidity
        XCTAssertThrowsError(try client.addFlags(["\\Seen"], folder: "INBOX", uidValidity: validity &+ 1, uids: UIDSet([1]))) { error in
            guard case MailError.transport(let curl) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(curl.isRemoteFileNotFound, "\(curl)")
        }
    }

    func testCommandsReuseOneConnection() throws {
        let validity = try client.status(folder: "INBOX").uidValidity
        _ = try client.status(folder: "INBOX")
        try client.append(folder: "INBOX", message: TestMail.make(1))
        _ = try client.messages(folder: "INBOX", uidValidity: validity, after: 0)
        _ = try client.fetch(folder: "INBOX", uidValidity: validity, uid: 1)
        XCTAssertEqual(client.requestCount, 7, "STATUS, STATUS, APPEND, its \\Seen reset, FETCH the highest UID, FETCH flags, FETCH")
        XCTAssertEqual(client.connectionCount, 1)
    }

    func testListingMoreMessagesThanOneSummaryWindow() throws {
        let count = Int(IMAPClient.summaryWindow) * 2 + 7
        for number in 1...count { try client.append(folder: "INBOX", message: TestMail.make(number), seen: true) }
        let validity = try client.status(folder: "INBOX").uidValidity
        XCTAssertEqual(try client.messages(folder: "INBOX", uidValidity: validity, after: 0).map(\.uid), (1...UInt32(count)).map { $0 })
        XCTAssertEqual(try client.messages(folder: "INBOX", uidValidity: validity, after: UInt32(count) - 3).map(\.uid),
                       [UInt32(count) - 2, UInt32(count) - 1, UInt32(count)])
    }

    /// A support mailbox whose mail has been moved away for years has a UIDNEXT far above the messages
    /// left in it: listing them costs commands per message, not per UID.
    func testListingAMailboxWithAGapOfUIDsTakesTwoCommands() throws {
        let gap: UInt32 = 300
        for number in 1...Int(gap) { try client.append(folder: "INBOX", message: TestMail.make(number), seen: true) }
        let validity = try client.status(folder: "INBOX").uidValidity
        try client.create(folder: "Archive")
        try client.move(folder: "INBOX", uidValidity: validity, uids: UIDSet(range: 1...gap), to: "Archive")
        for number in 1...3 { try client.append(folder: "INBOX", message: TestMail.make(number)) }
        let listing = try IMAPClient(server: server)

        XCTAssertEqual(try listing.messages(folder: "INBOX", uidValidity: validity, after: 0).map(\.uid), [gap + 1, gap + 2, gap + 3])
        XCTAssertEqual(listing.requestCount, 2, "the highest message, then one window")
        XCTAssertEqual(try listing.messages(folder: "INBOX", uidValidity: validity, after: gap + 1).map(\.uid), [gap + 2, gap + 3])
    }

    /// Another session expunged mail since this session last looked: the listing's first command
    /// brings those EXPUNGE responses, and the sequence numbers of the windows after it still hold.
    func testListingAfterAnotherSessionExpungedMail() throws {
        let count = Int(IMAPClient.summaryWindow) + 10
        for number in 1...count { try client.append(folder: "INBOX", message: TestMail.make(number), seen: true) }
        let validity = try client.status(folder: "INBOX").uidValidity
        XCTAssertEqual(try client.messages(folder: "INBOX", uidValidity: validity, after: 0).count, count)
        let colleague = try IMAPClient(server: server)
        try colleague.create(folder: "Handled")
        try colleague.move(folder: "INBOX", uidValidity: validity, uids: UIDSet([1, 2, 3, UInt32(count) - 1]), to: "Handled")

        let listed = try client.messages(folder: "INBOX", uidValidity: validity, after: 0).map(\.uid)
        XCTAssertEqual(listed, (4...UInt32(count)).filter { $0 != UInt32(count) - 1 })
    }

    func testStatusOfTheSelectedFolderSeesMailAnotherSessionDelivered() throws {
        try client.append(folder: "INBOX", message: TestMail.make(1))
        let validity = try client.status(folder: "INBOX").uidValidity
        _ = try client.fetch(folder: "INBOX", uidValidity: validity, uid: 1)
        try IMAPClient(server: server).append(folder: "INBOX", message: TestMail.make(2))
        XCTAssertEqual(try client.status(folder: "INBOX").uidNext, 3)
        XCTAssertEqual(try client.fetch(folder: "INBOX", uidValidity: validity, uid: 2), TestMail.make(2))
    }

    func testWrongPasswordIsALoginFailure() throws {
        server.password = "wrong"
        XCTAssertThrowsError(try IMAPClient(server: server).status(folder: "INBOX")) { error in
            guard case MailError.transport(let curl) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(curl.isLoginDenied, "\(curl)")
        }
    }

    func testClosedPortIsAConnectionFailure() throws {
        let server = MailServer(host: "127.0.0.1", port: try Loopback.freePort(), security: .none, username: "u", password: "p")
        XCTAssertThrowsError(try IMAPClient(server: server).status(folder: "INBOX")) { error in
            XCTAssertTrue((error as? MailError)?.isConnectionFailure == true, "\(error)")
        }
    }

    func testFolderNamesThatCannotBeQuotedAreRefused() {
        XCTAssertThrowsError(try client.create(folder: "a\r\nA1 DELETE INBOX")) { error in
            XCTAssertEqual(error as? MailError, .invalidFolderName("a\r\nA1 DELETE INBOX"))
        }
    }
}
