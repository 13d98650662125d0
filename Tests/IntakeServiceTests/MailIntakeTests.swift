import Foundation
import IntakeCore
import IntakeDesk
import IntakeMail
@testable import IntakeService
import XCTest

/// The poller into a real desk store, against a real Dovecot.
final class MailIntakeTests: XCTestCase {
    func testFirstSyncImportsEveryFixtureIntoTheStore() throws {
        let f = try MailStoreFixture(test: self)
        let names = try FileManager.default.contentsOfDirectory(atPath: MailStoreFixture.fixtures.path)
            .filter { $0.hasSuffix(".eml") }.sorted().map { String($0.dropLast(4)) }
        var externalIDs: [String] = []
        for name in names {
            let expected = try JSONParser.parse(Array(try Data(contentsOf: MailStoreFixture.fixtures.appendingPathComponent(name + ".expected.json"))))
            externalIDs += (expected.arrayValue ?? []).compactMap { $0["external_id"]?.stringValue }
        }
        try f.append(try names.map(MailStoreFixture.fixture))

        let report = try f.poller().runOnce()

        XCTAssertEqual(report.quarantined, 0)
        XCTAssertEqual(report.imported, Set(externalIDs).count)
        XCTAssertEqual(report.imported + report.duplicates, names.count)
        for id in externalIDs {
            XCTAssertNotNil(try f.store.read { try $0.message(channel: .email, externalID: id) }, id)
        }
        XCTAssertGreaterThan(try f.counts().tickets, 0)
        XCTAssertEqual(try f.ledger().cursor(folder: "INBOX")?.lastUID, UInt32(names.count))
    }

    func testIncrementalPollImportsOnlyNewMail() throws {
        let f = try MailStoreFixture(test: self)
        let poller = try f.poller()
        try f.append((1...3).map { MailStoreFixture.mail($0) })
        XCTAssertEqual(try poller.runOnce().imported, 3)
        try f.append((4...5).map { MailStoreFixture.mail($0) })

        let report = try poller.runOnce()

        XCTAssertEqual(report.imported, 2)
        XCTAssertEqual(report.duplicates, 0)
        XCTAssertEqual(try f.counts().messages, 5)
        XCTAssertEqual(try f.counts().tickets, 5)
        XCTAssertEqual(try poller.runOnce(), MailPollReport())
    }

    /// An appliance that gives every alert the same Message-ID: the poller imports each alert, and a
    /// second poll of the same mails (a resync) imports none again.
    func testAlertsThatShareAMessageIDAreEachImported() throws {
        let f = try MailStoreFixture(test: self)
        let alerts = (1...3).map { n in
            Array([
                "From: PBX <pbx@acme.example>", "To: soporte@intake-test.example", "Subject: Alarma \(n): troncal \(n) caída",
                "Date: Mon, 03 Mar 2025 10:0\(n):00 +0000", "Message-ID: <1@localhost>", "",
                "La troncal \(n) no registra desde las 10:0\(n).", "",
            ].joined(separator: "\r\n").utf8)
        }
        try f.append(alerts)
        let report = try f.poller().runOnce()
        XCTAssertEqual(report.imported, 3)
        XCTAssertEqual(report.duplicates, 0)
        XCTAssertEqual(try f.counts().messages, 3)
        try f.append(alerts)
        let again = try f.poller().runOnce()
        XCTAssertEqual(again.imported, 0)
        XCTAssertEqual(again.duplicates, 3)
        XCTAssertEqual(try f.counts().messages, 3)
    }

    func testPoisonMailIsQuarantinedWhileTheRestImport() throws {
        let f = try MailStoreFixture(test: self)
        let json = Array(#"{"event":"not a mail","id":42}"#.utf8)
        let binary: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x1A] + Array(repeating: 0xFF, count: 64)
        try f.append([MailStoreFixture.mail(1), json, binary, MailStoreFixture.mail(4)])

        let report = try f.poller().runOnce()

        XCTAssertEqual(report.imported, 2)
        XCTAssertEqual(report.quarantined, 2)
        let quarantine = try f.store.read { try $0.quarantineRecords() }
        XCTAssertEqual(quarantine.map(\.uid), [2, 3])
        XCTAssertEqual(quarantine.first?.reason, "JSON, not an RFC 5322 message")
        let kept = Set(try f.store.read { try $0.rawPayloads(channel: .email) }.map(\.body))
        XCTAssertTrue(kept.isSuperset(of: [json, binary]), "the refused bytes are kept for a look and a replay")
        XCTAssertEqual(try f.uids("INBOX"), [1, 4])
        XCTAssertEqual(try f.admin.status(folder: "Quarantine").messages, 2)
        XCTAssertEqual(try f.counts().tickets, 2)
    }

    func testKilledBetweenCommitAndPolicyImportsNothingTwiceAndFinishesTheMove() throws {
        let f = try MailStoreFixture(test: self) { $0.policy = "move" }
        try f.append((1...3).map { MailStoreFixture.mail($0) })
        XCTAssertThrowsError(try f.poller(ledger: KilledAfterCommitLedger(base: f.ledger())).runOnce())
        XCTAssertEqual(try f.uids("INBOX"), [1, 2, 3], "killed before the policy")
        XCTAssertEqual(try f.counts().messages, 3)

        let report = try f.poller().runOnce()

        XCTAssertEqual(report.imported + report.duplicates, 0)
        XCTAssertEqual(try f.counts().messages, 3)
        XCTAssertEqual(try f.counts().tickets, 3)
        XCTAssertEqual(try f.uids("INBOX"), [], "the restart finishes the move")
        XCTAssertEqual(try f.admin.status(folder: "Processed").messages, 3)
    }

    func testUIDValidityChangeResynchronizesWithoutDuplicates() throws {
        let f = try MailStoreFixture(test: self) {
            $0.folder = "Support"
            $0.policy = "keep"
        }
        let mails = (1...3).map { MailStoreFixture.mail($0) }
        try f.admin.create(folder: "Support")
        try f.append(mails, folder: "Support")
        XCTAssertEqual(try f.poller().runOnce().imported, 3)
        let before = try XCTUnwrap(try f.ledger().cursor(folder: "Support"))
        let admin = try IMAPClient(server: try MailServer.imap(f.config.email))
        try admin.delete(folder: "Support")
        try admin.create(folder: "Support")
        for mail in mails { try admin.append(folder: "Support", message: mail) }
        XCTAssertNotEqual(try admin.status(folder: "Support").uidValidity, before.uidValidity)

        let report = try f.poller().runOnce()

        XCTAssertTrue(report.resynchronized)
        XCTAssertEqual(report.imported, 0)
        XCTAssertEqual(report.duplicates, 3)
        XCTAssertEqual(try f.counts().messages, 3)
        XCTAssertNotEqual(try f.ledger().cursor(folder: "Support")?.uidValidity, before.uidValidity)
    }

    func testCommitReportsEachMailWithItsTicket() throws {
        let f = try MailStoreFixture(test: self)
        let seen = LockedEntries()
        try f.append([MailStoreFixture.mail(1), Array("{}".utf8)])
        let ledger = StoreMailboxLedger(store: f.store, pipeline: f.pipeline, onCommit: { _, entries in seen.append(entries) })

        try f.poller(ledger: ledger).runOnce()

        let entries = seen.entries
        XCTAssertEqual(entries.map(\.uid), [1, 2])
        XCTAssertEqual(entries.map(\.detail), ["created", "quarantined"])
        XCTAssertEqual(entries.first?.ticketNumber?.hasPrefix("INT-"), true)
        XCTAssertEqual(entries.last?.outcome, .quarantined(reason: "JSON, not an RFC 5322 message"))
    }
}

/// Entries handed to `onCommit`, collected across threads.
final class LockedEntries: @unchecked Sendable {
    // @unchecked: `stored` is only touched under `lock`.
    private let lock = NSLock()
    private var stored: [StoreMailboxLedger.Entry] = []

    func append(_ more: [StoreMailboxLedger.Entry]) { lock.withLock { stored += more } }
    var entries: [StoreMailboxLedger.Entry] { lock.withLock { stored } }
}
