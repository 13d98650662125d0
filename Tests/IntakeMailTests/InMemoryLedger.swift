import Foundation
import IntakeMail

/// A `MailboxLedger` in memory, deduplicating by Message-ID like the real store. A mail containing the
/// header `X-Test-Poison: yes` is reported unparseable. `crashAfterCommit` stores the batch and then
/// throws, standing in for a process that dies between the commit and the server-side policy.
final class InMemoryLedger: MailboxLedger, @unchecked Sendable {
    struct Crash: Error {}
    struct Quarantine: Equatable {
        var uid: UInt32
        var reason: String
        var raw: [UInt8]
    }

    // @unchecked Sendable: all state below is accessed under `lock`.
    private let lock = NSLock()
    private var cursors: [String: MailboxCursor] = [:]
    private var messageIDs: Set<String> = []
    private var storedMails: [[UInt8]] = []
    private var quarantineRecords: [Quarantine] = []
    private var commitCount = 0
    private var crashing = false
    private var commitHook: (@Sendable (Int) -> Void)?

    var crashAfterCommit: Bool {
        get { lock.withLock { crashing } }
        set { lock.withLock { crashing = newValue } }
    }
    /// Runs after each commit with the number of commits so far: another session acting between batches.
    var afterCommit: (@Sendable (Int) -> Void)? {
        get { lock.withLock { commitHook } }
        set { lock.withLock { commitHook = newValue } }
    }
    var imported: [[UInt8]] { lock.withLock { storedMails } }
    var quarantine: [Quarantine] { lock.withLock { quarantineRecords } }
    var commits: Int { lock.withLock { commitCount } }

    func cursor(folder: String) throws -> MailboxCursor? { lock.withLock { cursors[folder] } }

    func commit(_ batch: MailBatch) throws -> [MailCommitOutcome] {
        let (outcomes, crash, count, hook) = lock.withLock { () -> ([MailCommitOutcome], Bool, Int, (@Sendable (Int) -> Void)?) in
            commitCount += 1
            var outcomes: [MailCommitOutcome] = []
            for mail in batch.mails {
                if TestMail.header("X-Test-Poison", in: mail.raw) == "yes" {
                    quarantineRecords.append(Quarantine(uid: mail.uid, reason: "unparseable", raw: mail.raw))
                    outcomes.append(.quarantined(reason: "unparseable"))
                    continue
                }
                let id = TestMail.header("Message-ID", in: mail.raw) ?? "\(batch.folder)/\(batch.cursor.uidValidity)/\(mail.uid)"
                if messageIDs.insert(id).inserted {
                    storedMails.append(mail.raw)
                    outcomes.append(.imported)
                } else {
                    outcomes.append(.duplicate)
                }
            }
            for failure in batch.failures {
                quarantineRecords.append(Quarantine(uid: failure.uid, reason: failure.reason, raw: []))
            }
            cursors[batch.folder] = batch.cursor
            return (outcomes, crashing, commitCount, commitHook)
        }
        hook?(count)
        if crash { throw Crash() }
        return outcomes
    }
}

/// Builders for test messages.
enum TestMail {
    static func make(_ number: Int, extraHeaders: [String] = [], body: String? = nil) -> [UInt8] {
        let lines = [
            "From: Customer \(number) <customer\(number)@example.org>",
            "To: support@example.com",
            "Subject: Request \(number)",
            "Date: Mon, 03 Mar 2025 10:00:00 +0000",
            "Message-ID: <request-\(number)@example.org>",
        ] + extraHeaders + ["", body ?? "Hello, this is request \(number).", ""]
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    /// The unfolded value of the first header field with this name (test-only, ASCII).
    static func header(_ name: String, in raw: [UInt8]) -> String? {
        let text = String(decoding: raw, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n").first ?? text
        for line in head.components(separatedBy: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == name.lowercased() {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
