import Foundation
import IntakeCore

/// Polls one IMAP folder into a `MailboxLedger`.
///
/// A cycle: `STATUS` (one command; when UIDNEXT shows nothing past the cursor the cycle ends there), then
/// the new UIDs, then batches: fetch, commit to the ledger (mails, quarantines and cursor in one
/// transaction), and only then change the server (quarantine moves, the policy). A crash after a commit
/// never imports a mail twice: the cursor has moved past it, and a re-import after a UIDVALIDITY change is
/// caught by the ledger's Message-ID dedupe. On the first cycle after a start the policy is applied again
/// to every UID up to the cursor, finishing what a crash between commit and policy left undone; a cycle
/// that failed there is finished by the next one, for that batch only (`MailSettlement`).
///
/// `@unchecked Sendable` so it can be handed to the thread that runs it: every cycle holds `cycleLock`, and
/// the client, backoff and flags are touched only inside a cycle, so two threads never use the IMAP session
/// at once. `status` is readable from anywhere.
public final class MailPoller: @unchecked Sendable {
    public let configuration: MailPollerConfiguration
    public let status = MailPollerStatus()
    private let client: IMAPClient
    private let ledger: any MailboxLedger
    private let now: @Sendable () -> Double
    private var backoff: Backoff
    private var foldersReady = false
    /// Whether a crash before this start may have left committed mail without its policy: then the
    /// first cycle applies it to every UID up to the cursor.
    private var needsFullSettlement = true
    /// The last committed batch while its server-side work is not done (a cycle failed in between).
    private var unsettled: MailSettlement?
    private let cycleLock = NSLock()

    public init(
        client: IMAPClient, ledger: any MailboxLedger, configuration: MailPollerConfiguration = MailPollerConfiguration(),
        now: (@Sendable () -> Double)? = nil
    ) {
        self.client = client
        self.ledger = ledger
        self.configuration = configuration
        self.now = now ?? { Clock.wallSeconds() }
        backoff = configuration.backoff
    }

    /// Polls until `stop` is signalled: `interval` apart after a success, with exponential backoff after a failure.
    public func run(interval: Double, stop: StopSignal) {
        while !stop.isStopped {
            if stop.wait(seconds: pollAndSchedule(interval: interval)) { return }
        }
    }

    /// One cycle with its bookkeeping; returns the delay before the next one.
    func pollAndSchedule(interval: Double) -> Double {
        cycleLock.lock()
        defer { cycleLock.unlock() }
        do {
            _ = try cycle()
            backoff.recordSuccess()
            return interval
        } catch {
            status.recordFailure(String(describing: error))
            return backoff.recordFailure()
        }
    }

    /// One poll cycle. Throws on connection and ledger errors; a single bad mail never throws.
    @discardableResult
    public func runOnce() throws -> MailPollReport {
        cycleLock.lock()
        defer { cycleLock.unlock() }
        return try cycle()
    }

    /// A failed cycle leaves the next one to check the folders again: someone may have deleted the
    /// processed or quarantine folder, which is why a move failed.
    private func cycle() throws -> MailPollReport {
        do {
            return try pollFolder()
        } catch {
            foldersReady = false
            throw error
        }
    }

    private func pollFolder() throws -> MailPollReport {
        let started = now()
        let folder = configuration.folder
        let mailbox = try client.status(folder: folder)
        var report = MailPollReport()
        var cursor = MailboxCursor(uidValidity: mailbox.uidValidity, lastUID: 0)
        if let stored = try ledger.cursor(folder: folder) {
            if stored.uidValidity == mailbox.uidValidity { cursor = stored } else { report.resynchronized = true }
        }
        if let batch = unsettled, batch.uidValidity == cursor.uidValidity { try settle(batch) }
        unsettled = nil
        if needsFullSettlement, cursor.lastUID > 0 { try settlePolicy(upTo: cursor) }
        needsFullSettlement = false
        if mailbox.uidNext > cursor.lastUID + 1 {
            let summaries = try client.messages(folder: folder, uidValidity: cursor.uidValidity, after: cursor.lastUID)
            try prepareFolders()
            var start = 0
            while start < summaries.count {
                if start > 0, let limit = configuration.maxCycleSeconds, now() - started >= limit { break }
                let batch = Array(summaries[start..<min(start + configuration.batchSize, summaries.count)])
                guard try process(batch, validity: cursor.uidValidity, report: &report) else { break }
                start += batch.count
            }
        }
        status.recordSuccess(at: now())
        return report
    }

    /// Fetches, commits and settles one batch. Returns false when the mailbox changed under the cycle
    /// (its UIDVALIDITY moved), so the next cycle starts over.
    private func process(_ batch: [IMAPMessageSummary], validity: UInt32, report: inout MailPollReport) throws -> Bool {
        let folder = configuration.folder
        var mails: [FetchedMail] = []
        var failures: [MailFetchFailure] = []
        for summary in batch {
            if let size = summary.size, size > configuration.maxMessageBytes {
                failures.append(MailFetchFailure(uid: summary.uid, reason: "message of \(size) bytes exceeds \(configuration.maxMessageBytes)"))
                continue
            }
            do {
                let raw = try client.fetch(folder: folder, uidValidity: validity, uid: summary.uid, maxBytes: configuration.maxMessageBytes)
                mails.append(FetchedMail(uid: summary.uid, raw: raw))
            } catch {
                // The session's view may be stale (another session — a poller killed a moment ago —
                // expunged the mail): look again on a fresh session before blaming the connection or the mail.
                try client.refreshSession()
                guard try client.status(folder: folder).uidValidity == validity else { return false }
                let present = try client.messages(folder: folder, uidValidity: validity, after: summary.uid &- 1).contains { $0.uid == summary.uid }
                guard present else { continue }
                if error.isConnectionFailure { throw error }
                failures.append(MailFetchFailure(uid: summary.uid, reason: error.description))
            }
        }
        let cursor = MailboxCursor(uidValidity: validity, lastUID: batch.last?.uid ?? 0)
        let outcomes = try ledger.commit(MailBatch(folder: folder, cursor: cursor, mails: mails, failures: failures))
        var accepted: [UInt32] = []
        var quarantined = failures.map(\.uid)
        for (mail, outcome) in zip(mails, outcomes) {
            switch outcome {
            case .imported: report.imported += 1; accepted.append(mail.uid)
            case .duplicate: report.duplicates += 1; accepted.append(mail.uid)
            case .quarantined: quarantined.append(mail.uid)
            }
        }
        report.quarantined += quarantined.count
        let settlement = MailSettlement(uidValidity: validity, accepted: UIDSet(accepted), quarantined: UIDSet(quarantined),
                                        unseenBefore: Set(batch.filter { !$0.isSeen }.map(\.uid)))
        unsettled = settlement
        try settle(settlement)
        unsettled = nil
        return true
    }

    /// The server-side work of a committed batch; doing it again is harmless (a UID already moved is
    /// no longer in the folder, and UID commands skip UIDs that are not there).
    private func settle(_ batch: MailSettlement) throws {
        let folder = configuration.folder
        if !batch.quarantined.isEmpty {
            try prepareFolders()
            let unseen = batch.unseenBefore.filter(batch.quarantined.contains)
            try client.removeFlags(["\\Seen"], folder: folder, uidValidity: batch.uidValidity, uids: UIDSet(unseen))
            try client.move(folder: folder, uidValidity: batch.uidValidity, uids: batch.quarantined, to: configuration.quarantineFolder)
        }
        try applyPolicy(uids: batch.accepted, unseenBefore: batch.unseenBefore, validity: batch.uidValidity)
    }

    /// Applies the policy to every UID up to the cursor. A move is given only the messages still in the
    /// folder: the range `1:cursor` would cost one command per `IMAPClient.moveWindow` UIDs.
    private func settlePolicy(upTo cursor: MailboxCursor) throws {
        var uids = UIDSet(range: 1...cursor.lastUID)
        if case .move = configuration.policy {
            let left = try client.messages(folder: configuration.folder, uidValidity: cursor.uidValidity, after: 0)
            uids = UIDSet(left.map(\.uid).filter { $0 <= cursor.lastUID })
        }
        try applyPolicy(uids: uids, unseenBefore: [], validity: cursor.uidValidity)
    }

    private func applyPolicy(uids: UIDSet, unseenBefore: Set<UInt32>, validity: UInt32) throws {
        guard !uids.isEmpty else { return }
        let folder = configuration.folder
        switch configuration.policy {
        case .keep:
            try client.removeFlags(["\\Seen"], folder: folder, uidValidity: validity, uids: UIDSet(unseenBefore.filter(uids.contains)))
        case .markSeen:
            try client.addFlags(["\\Seen"], folder: folder, uidValidity: validity, uids: uids)
        case .move(let target):
            try prepareFolders()
            do {
                try client.move(folder: folder, uidValidity: validity, uids: uids, to: target)
            } catch {
                // Some of these were expunged by another session (RFC 5530 EXPUNGEISSUED): on a fresh
                // session the gone ones are simply not in the set any more.
                guard case .commandRejected(_, let response) = error, response.uppercased().contains("EXPUNGEISSUED") else { throw error }
                try client.refreshSession()
                try client.move(folder: folder, uidValidity: validity, uids: uids, to: target)
            }
        }
    }

    /// Creates the quarantine and processed folders once, when there is first work for them.
    private func prepareFolders() throws {
        guard !foldersReady else { return }
        try client.create(folder: configuration.quarantineFolder)
        if case .move(let target) = configuration.policy { try client.create(folder: target) }
        foldersReady = true
    }
}
