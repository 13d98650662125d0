@testable import IntakeMail
import IntakeTestSupport
import Synchronization
import XCTest

final class MailPollerTests: XCTestCase {
    nonisolated(unsafe) private static var dovecot: DovecotServer?
    private var server: MailServer!
    private var client: IMAPClient!
    private var ledger: InMemoryLedger!

    override class func tearDown() {
        dovecot?.stop()
        dovecot = nil
    }

    override func setUpWithError() throws {
        if Self.dovecot == nil { Self.dovecot = try DovecotServer() }
        server = try XCTUnwrap(Self.dovecot).freshServer()
        client = try IMAPClient(server: server)
        ledger = InMemoryLedger()
    }

    override func tearDown() {
        client = nil
    }

    private func deliver(_ numbers: ClosedRange<Int>, folder: String = "INBOX", poison: Set<Int> = []) throws {
        for number in numbers {
            let headers = poison.contains(number) ? ["X-Test-Poison: yes"] : []
            try client.append(folder: folder, message: TestMail.make(number, extraHeaders: headers))
        }
    }

    private func poller(_ configuration: MailPollerConfiguration, client: IMAPClient? = nil) -> MailPoller {
        MailPoller(client: client ?? self.client, ledger: ledger, configuration: configuration, now: { 1_000 })
    }

    /// The folder as a new session sees it: a session that has the folder selected (the poller's) may not
    /// see another session's expunges until its next NOOP-like command (RFC 9051 §7.5.1).
    private func observed(_ folder: String) throws -> [IMAPMessageSummary] {
        let observer = try IMAPClient(server: server)
        let validity = try observer.status(folder: folder).uidValidity
        return try observer.messages(folder: folder, uidValidity: validity, after: 0)
    }

    private func uids(_ folder: String) throws -> [UInt32] { try observed(folder).map(\.uid) }

    private func seenFlags(_ folder: String = "INBOX") throws -> [Bool] { try observed(folder).map(\.isSeen) }

    func testFirstSyncImportsEveryMailInBatches() throws {
        try deliver(1...5)
        let report = try poller(MailPollerConfiguration(batchSize: 2)).runOnce()
        XCTAssertEqual(report.imported, 5)
        XCTAssertEqual(ledger.imported, (1...5).map { TestMail.make($0) })
        XCTAssertEqual(ledger.commits, 3)
        XCTAssertEqual(try ledger.cursor(folder: "INBOX")?.lastUID, 5)
        XCTAssertEqual(try seenFlags(), Array(repeating: true, count: 5))
    }

    /// A first sync of thousands of mails is spread over cycles of `maxCycleSeconds`: the service's
    /// health takes a poll that has not finished for three intervals for stuck, and shutdown waits for it.
    func testACycleStopsStartingBatchesAfterItsTimeLimit() throws {
        try deliver(1...5)
        let ticks = Mutex<Double>(0)
        let clock: @Sendable () -> Double = { ticks.withLock { $0 += 10; return $0 } }
        let poller = MailPoller(client: client, ledger: ledger, configuration: MailPollerConfiguration(batchSize: 2, maxCycleSeconds: 5), now: clock)
        XCTAssertEqual(try poller.runOnce().imported, 2, "one batch, then the limit")
        XCTAssertEqual(try poller.runOnce().imported, 2)
        XCTAssertEqual(try poller.runOnce().imported, 1)
        XCTAssertEqual(ledger.imported, (1...5).map { TestMail.make($0) })
        XCTAssertEqual(try uids("INBOX").count, 5)
        XCTAssertEqual(try seenFlags(), Array(repeating: true, count: 5))
    }

    func testIncrementalPollImportsOnlyNewMail() throws {
        let poller = poller(MailPollerConfiguration())
        try deliver(1...3)
        XCTAssertEqual(try poller.runOnce().imported, 3)
        try deliver(4...5)
        let report = try poller.runOnce()
        XCTAssertEqual(report.imported, 2)
        XCTAssertEqual(report.duplicates, 0)
        XCTAssertEqual(ledger.imported.count, 5)
    }

    func testIdlePollIsOneRequestOnTheSameConnection() throws {
        try deliver(1...3)
        let poller = poller(MailPollerConfiguration())
        try poller.runOnce()
        try poller.runOnce()
        let (requests, connections) = (client.requestCount, client.connectionCount)
        XCTAssertEqual(try poller.runOnce(), MailPollReport())
        XCTAssertEqual(client.requestCount - requests, 1)
        XCTAssertEqual(client.connectionCount - connections, 0)
    }

    func testPoisonMailIsQuarantinedWhileTheRestImport() throws {
        try deliver(1...3, poison: [2])
        let report = try poller(MailPollerConfiguration(policy: .keep)).runOnce()
        XCTAssertEqual(report.imported, 2)
        XCTAssertEqual(report.quarantined, 1)
        XCTAssertEqual(ledger.quarantine.map(\.uid), [2])
        XCTAssertEqual(ledger.quarantine.first?.reason, "unparseable")
        XCTAssertEqual(try uids("INBOX"), [1, 3])
        XCTAssertEqual(try client.status(folder: "Quarantine").messages, 1)
        XCTAssertEqual(try seenFlags("Quarantine"), [false])
    }

    func testOversizedMailIsQuarantinedWithoutBeingFetched() throws {
        try deliver(1...1)
        try client.append(folder: "INBOX", message: TestMail.make(2, body: String(repeating: "x", count: 500)))
        let report = try poller(MailPollerConfiguration(maxMessageBytes: 400)).runOnce()
        XCTAssertEqual(report.imported, 1)
        XCTAssertEqual(ledger.quarantine.map(\.uid), [2])
        XCTAssertEqual(ledger.quarantine.first?.raw, [])
        XCTAssertEqual(try uids("INBOX"), [1])
    }

    func testCrashBetweenCommitAndPolicyImportsNothingTwice() throws {
        try deliver(1...3)
        let configuration = MailPollerConfiguration(policy: .move(to: "Processed"))
        ledger.crashAfterCommit = true
        XCTAssertThrowsError(try poller(configuration).runOnce())
        XCTAssertEqual(try uids("INBOX"), [1, 2, 3], "the crash came before the policy")

        ledger.crashAfterCommit = false
        let restarted = poller(configuration, client: try IMAPClient(server: server))
        let report = try restarted.runOnce()
        XCTAssertEqual(report.imported + report.duplicates, 0)
        XCTAssertEqual(ledger.imported.count, 3)
        XCTAssertEqual(try uids("INBOX"), [], "the restart finishes the policy")
        XCTAssertEqual(try client.status(folder: "Processed").messages, 3)
    }

    func testUIDValidityChangeResynchronizesWithoutDuplicates() throws {
        try client.create(folder: "Support")
        try deliver(1...2, folder: "Support")
        let configuration = MailPollerConfiguration(folder: "Support", policy: .keep)
        XCTAssertEqual(try poller(configuration).runOnce().imported, 2)
        let before = try XCTUnwrap(try ledger.cursor(folder: "Support"))

        let admin = try IMAPClient(server: server)
        try admin.delete(folder: "Support")
        try admin.create(folder: "Support")
        for number in 1...3 { try admin.append(folder: "Support", message: TestMail.make(number)) }
        XCTAssertNotEqual(try admin.status(folder: "Support").uidValidity, before.uidValidity)

        let report = try poller(configuration, client: admin).runOnce()
        XCTAssertTrue(report.resynchronized)
        XCTAssertEqual(report.imported, 1)
        XCTAssertEqual(report.duplicates, 2)
        XCTAssertEqual(ledger.imported.count, 3)
    }

    /// A big batch (email.batch_size up to 10,000) is moved in several commands, and after a crash
    /// between its commit and its move the restart moves what is still in the inbox.
    func testCrashBeforeMovingABigBatchIsFinishedAfterTheRestart() throws {
        try deliver(1...300)
        let configuration = MailPollerConfiguration(batchSize: 300, policy: .move(to: "Processed"))
        ledger.crashAfterCommit = true
        XCTAssertThrowsError(try poller(configuration).runOnce())
        ledger.crashAfterCommit = false

        let restarted = poller(configuration, client: try IMAPClient(server: server))
        XCTAssertEqual(try restarted.runOnce().imported, 0)
        try deliver(301...301)
        XCTAssertEqual(try restarted.runOnce().imported, 1)
        XCTAssertEqual(ledger.imported.count, 301)
        XCTAssertEqual(try uids("INBOX"), [])
        XCTAssertEqual(try client.status(folder: "Processed").messages, 301)
    }

    /// The commit went through and then the move failed (here someone deleted the processed folder; a
    /// dropped connection does the same): the next cycle of the same poller recreates the folder and
    /// finishes the move, so committed mail does not stay in the inbox for ever.
    func testMoveLeftUndoneByAFailedCycleIsFinishedByTheNext() throws {
        try deliver(1...3)
        let poller = poller(MailPollerConfiguration(policy: .move(to: "Processed")))
        XCTAssertEqual(try poller.runOnce().imported, 3)
        try deliver(4...5)
        let server = server!
        ledger.afterCommit = { _ in try! IMAPClient(server: server).delete(folder: "Processed") }
        XCTAssertThrowsError(try poller.runOnce())
        XCTAssertEqual(try uids("INBOX"), [4, 5], "committed, not moved")

        ledger.afterCommit = nil
        let report = try poller.runOnce()
        XCTAssertEqual(report.imported + report.duplicates, 0)
        XCTAssertEqual(ledger.imported.count, 5)
        XCTAssertEqual(try uids("INBOX"), [])
        XCTAssertEqual(try client.status(folder: "Processed").messages, 2)
    }

    /// The quarantine move failed after the commit (someone deleted the quarantine folder): the next
    /// cycle moves the poison mail to the quarantine, not with the good ones to the processed folder.
    func testQuarantineMoveLeftUndoneByAFailedCycleStillEndsInTheQuarantine() throws {
        try client.create(folder: "Quarantine")
        try deliver(1...3, poison: [2])
        let server = server!
        ledger.afterCommit = { _ in try! IMAPClient(server: server).delete(folder: "Quarantine") }
        let poller = poller(MailPollerConfiguration(policy: .move(to: "Processed")))
        XCTAssertThrowsError(try poller.runOnce())

        ledger.afterCommit = nil
        try poller.runOnce()
        XCTAssertEqual(try uids("INBOX"), [])
        XCTAssertEqual(try client.status(folder: "Quarantine").messages, 1)
        XCTAssertEqual(try client.status(folder: "Processed").messages, 2)
    }

    /// After a failed cycle only what that cycle left undone is finished: a mail someone marked unread
    /// again in the inbox after it was imported stays unread.
    func testAFailedCycleDoesNotMarkEveryMailSeenAgain() throws {
        try deliver(1...2)
        let poller = poller(MailPollerConfiguration(policy: .markSeen))
        XCTAssertEqual(try poller.runOnce().imported, 2)
        let validity = try client.status(folder: "INBOX").uidValidity
        try IMAPClient(server: server).removeFlags(["\\Seen"], folder: "INBOX", uidValidity: validity, uids: UIDSet([1]))
        try deliver(3...3)
        ledger.crashAfterCommit = true
        XCTAssertThrowsError(try poller.runOnce())
        ledger.crashAfterCommit = false

        try poller.runOnce()
        XCTAssertEqual(try seenFlags(), [false, true, true])
    }

    /// Someone working the same mailbox in a mail client moves a mail away after the poller listed it
    /// and before it fetched it: nothing is imported for it (no empty mail, no quarantine), the rest is.
    func testMailMovedAwayBetweenListingAndFetchIsSkipped() throws {
        try deliver(1...3)
        let server = server!
        ledger.afterCommit = { commits in
            guard commits == 1 else { return }
            let colleague = try! IMAPClient(server: server)
            let validity = try! colleague.status(folder: "INBOX").uidValidity
            try! colleague.create(folder: "Handled")
            try! colleague.move(folder: "INBOX", uidValidity: validity, uids: UIDSet([2]), to: "Handled")
        }
        let report = try poller(MailPollerConfiguration(batchSize: 1)).runOnce()
        XCTAssertEqual(report.imported, 2)
        XCTAssertEqual(report.quarantined, 0)
        XCTAssertEqual(ledger.imported, [TestMail.make(1), TestMail.make(3)])
        XCTAssertEqual(ledger.quarantine, [])
        XCTAssertEqual(try ledger.cursor(folder: "INBOX")?.lastUID, 3)
    }

    /// Folder names are configured as people write them; IMAP carries them in modified UTF-7 (RFC 3501
    /// §5.1.3), so a Spanish folder name works for the processed mail and the quarantine alike.
    func testFoldersWithSpacesAndAccentsWork() throws {
        try deliver(1...2, poison: [2])
        let configuration = MailPollerConfiguration(policy: .move(to: "Atención al cliente"), quarantineFolder: "Cuarentena – revisar")
        let report = try poller(configuration).runOnce()
        XCTAssertEqual(report.imported, 1)
        XCTAssertEqual(report.quarantined, 1)
        XCTAssertEqual(try uids("INBOX"), [])
        XCTAssertEqual(try uids("Atención al cliente"), [1])
        XCTAssertEqual(try uids("Cuarentena – revisar"), [1])
    }

    func testKeepPolicyLeavesMailAsItWas() throws {
        try deliver(1...2)
        let validity = try client.status(folder: "INBOX").uidValidity
        try client.addFlags(["\\Seen"], folder: "INBOX", uidValidity: validity, uids: UIDSet([2]))
        XCTAssertEqual(try poller(MailPollerConfiguration(policy: .keep)).runOnce().imported, 2)
        XCTAssertEqual(try seenFlags(), [false, true])
    }

    func testMarkSeenPolicyFlagsImportedMail() throws {
        try deliver(1...2)
        XCTAssertEqual(try poller(MailPollerConfiguration(policy: .markSeen)).runOnce().imported, 2)
        XCTAssertEqual(try seenFlags(), [true, true])
    }

    func testMovePolicyMovesImportedMail() throws {
        try deliver(1...2)
        XCTAssertEqual(try poller(MailPollerConfiguration(policy: .move(to: "Processed"))).runOnce().imported, 2)
        XCTAssertEqual(try uids("INBOX"), [])
        XCTAssertEqual(try client.status(folder: "Processed").messages, 2)
    }

    func testSuccessfulPollRecordsItsTime() throws {
        let poller = poller(MailPollerConfiguration())
        XCTAssertEqual(poller.pollAndSchedule(interval: 30), 30)
        XCTAssertEqual(poller.status.lastSuccessAt, 1_000)
        XCTAssertNil(poller.status.lastError)
    }

    func testConnectionFailureBacksOffAndRecordsTheError() throws {
        let unreachable = MailServer(host: "127.0.0.1", port: try Loopback.freePort(), security: .none, username: "u", password: "p")
        let configuration = MailPollerConfiguration(backoff: Backoff(initial: 0.5, maximum: 2))
        let poller = MailPoller(client: try IMAPClient(server: unreachable), ledger: ledger, configuration: configuration)
        XCTAssertEqual((1...4).map { _ in poller.pollAndSchedule(interval: 30) }, [0.5, 1, 2, 2])
        XCTAssertEqual(poller.status.consecutiveFailures, 4)
        XCTAssertNil(poller.status.lastSuccessAt)
        XCTAssertTrue(poller.status.lastError?.contains("curl error 7") == true, poller.status.lastError ?? "")
    }

    func testRunStopsWhenSignalled() throws {
        try deliver(1...1)
        let stop = StopSignal()
        let done = expectation(description: "run returned")
        let poller = poller(MailPollerConfiguration())
        Thread.detachNewThread {
            poller.run(interval: 0.05, stop: stop)
            done.fulfill()
        }
        Thread.sleep(forTimeInterval: 0.2)
        stop.stop()
        wait(for: [done], timeout: 2)
        XCTAssertEqual(ledger.imported.count, 1)
    }
}
