import IntakeCore
import SQLite

/// The content fingerprints of the messages received inside the deduplication window, in memory, so a
/// lookup costs no B-tree probe and an insert dirties no random index page (a fingerprint index put one
/// WAL page per message on the commit path, and its cost grew with the store).
///
/// The store stays the truth: each message row keeps its fingerprint and scope, and the window is read
/// back from the newest messages (rowid order is arrival order: no index of its own) whenever this copy may be
/// behind it — at first use, when a lookup reaches further back than what was loaded, and whenever
/// `StoreMemory` drops its copies (a rolled back transaction, another connection's commit). A hit is confirmed against the ticket's own messages, so a collision of
/// the 64-bit key can never attach a message to the wrong ticket.
final class RecentFingerprints {
    private struct Entry {
        var ticketID: Int64
        var receivedAt: Int64
    }

    private var entries: [Int: Entry] = [:]
    /// Every message received at or after this time is in `entries`; nil when nothing is loaded.
    private var coveredFrom: Int64?
    /// Entries count after the last pruning: pruning again once it doubles keeps it amortized.
    private var prunedCount = 0

    /// Forgets everything: the next lookup reloads the window from the store.
    func invalidate() {
        entries.removeAll(keepingCapacity: true)
        coveredFrom = nil
        prunedCount = 0
    }

    /// Reads the window from `since` now, unless it is loaded already.
    func preload(since: Timestamp, db: Database) throws {
        if coveredFrom.map({ $0 > since.seconds }) ?? true { try load(since: since.seconds, db: db) }
    }

    /// The ticket of the newest message with this fingerprint and scope received at or after `since`.
    func ticket(fingerprint: String, scope: String, since: Timestamp, db: Database) throws -> Int64? {
        try preload(since: since, db: db)
        prune(before: since.seconds)
        guard let entry = entries[Self.key(fingerprint, scope)], entry.receivedAt >= since.seconds else { return nil }
        let confirmed = try db.statement("SELECT 1 FROM messages WHERE ticket_id = ? AND fingerprint = ? AND scope = ? LIMIT 1")
            .bind(.integer(entry.ticketID), .text(fingerprint), .text(scope)).first { _ in true } ?? false
        return confirmed ? entry.ticketID : nil
    }

    /// A message with a fingerprint was just inserted in the current transaction.
    func record(fingerprint: String, scope: String, ticketID: Int64, receivedAt: Timestamp) {
        guard coveredFrom != nil else { return }
        entries[Self.key(fingerprint, scope)] = Entry(ticketID: ticketID, receivedAt: receivedAt.seconds)
    }

    /// Reads the window newest first and stops at the first message older than `since` by more than
    /// `clockSlack`: ids follow arrival, and arrival times follow ids unless two processes' clocks
    /// disagree, which the slack covers. The newest entry per key wins.
    private func load(since: Int64, db: Database) throws {
        entries.removeAll(keepingCapacity: true)
        try db.statement("SELECT fingerprint, scope, ticket_id, received_at FROM messages ORDER BY id DESC").forEachRow { row in
            let receivedAt = row.int(3)
            if receivedAt < since - Self.clockSlack { return false }
            if receivedAt >= since, !row.isNull(0), !row.isNull(2) {
                let key = Self.key(row.text(0), row.optionalText(1) ?? "")
                if entries[key] == nil { entries[key] = Entry(ticketID: row.int(2), receivedAt: receivedAt) }
            }
            return true
        }
        coveredFrom = since
        prunedCount = entries.count
    }

    static let clockSlack: Int64 = 300

    private func prune(before since: Int64) {
        guard entries.count > max(4096, 2 * prunedCount) else { return }
        entries = entries.filter { $0.value.receivedAt >= since }
        coveredFrom = max(coveredFrom ?? since, since)
        prunedCount = entries.count
    }

    private static func key(_ fingerprint: String, _ scope: String) -> Int {
        var hasher = Hasher()
        hasher.combine(fingerprint)
        hasher.combine(scope)
        return hasher.finalize()
    }
}
