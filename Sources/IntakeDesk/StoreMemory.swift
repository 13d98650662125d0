import SQLite

/// What the store's one connection remembers between transactions so the writer runs fewer statements:
/// the content fingerprints of the deduplication window, the next ticket id, the keys of stored
/// messages and the stored refs. All are copies of what the store holds, brought up to date whenever
/// they may be behind it: after a rolled back transaction, and when another connection (another
/// `intake` process) committed, which `PRAGMA data_version` tells at the start of each transaction.
final class StoreMemory {
    let fingerprints = RecentFingerprints()
    let ticketIDs = TicketIDs()
    let messageKeys = StoredMessageKeys()
    let refs = StoredRefs()
    private var dataVersion: Int64?

    /// Called at the start of every transaction.
    func validate(_ db: Database) throws {
        let version = try db.statement(Self.dataVersionQuery).first { $0.int(0) }
        if version != dataVersion {
            forget()
            messageKeys.othersCommit()
            refs.invalidate()
        }
        dataVersion = version
    }

    /// Keeps the keys of stored messages and the stored refs from now on, read now.
    func keepKeys(_ db: Database) throws {
        try messageKeys.turnOn(db)
        try refs.turnOn(db)
    }

    /// The transaction committed.
    func committed() {
        messageKeys.committed()
    }

    /// The transaction rolled back: what it counted or recorded must not outlive it.
    func rolledBack() {
        forget()
        messageKeys.rolledBack()
        refs.invalidate()
    }

    /// Drops the copies that are read again whole: the next use reads the store again.
    private func forget() {
        fingerprints.invalidate()
        ticketIDs.invalidate()
    }

    private static let dataVersionQuery = Query("PRAGMA data_version")
}

/// The next ticket id and the number the newest ticket got, read once (`MAX(id)` and its row) and then
/// counted here: a `MAX(id)` per new ticket was a statement of its own on the writer's path.
final class TicketIDs {
    private var next: Int64?
    /// The newest ticket's number as prefix and suffix, once `next` is known (nil in an empty store).
    private var last: (prefix: String, suffix: Int64)?

    /// The id the next ticket gets; `used` must be called once it is inserted.
    func peek(_ db: Database) throws -> Int64 {
        if let next { return next }
        let newest = try db.statement(Self.newestQuery).first { ($0.int(0), $0.text(1)) }
        next = (newest?.0 ?? 0) + 1
        last = newest.flatMap { Self.parts(of: $0.1) }
        return next!
    }

    /// The number after `PREFIX-` of the newest ticket, if it has that prefix.
    func lastSuffix(prefix: String) -> Int64? {
        guard let last, last.prefix == prefix else { return nil }
        return last.suffix
    }

    /// The ticket with id `id` and number `PREFIX-suffix` was inserted in the current transaction.
    func used(_ id: Int64, prefix: String, suffix: Int64) {
        next = id + 1
        last = (prefix, suffix)
    }

    func invalidate() {
        next = nil
        last = nil
    }

    /// A number's prefix and the number after its last `-` (`INT-1042`: `INT`, 1042).
    static func parts(of number: String) -> (prefix: String, suffix: Int64)? {
        guard let dash = number.lastIndex(of: "-"), let suffix = Int64(number[number.index(after: dash)...]) else { return nil }
        return (String(number[..<dash]), suffix)
    }

    private static let newestQuery = Query("SELECT id, number FROM tickets ORDER BY id DESC LIMIT 1")
}
