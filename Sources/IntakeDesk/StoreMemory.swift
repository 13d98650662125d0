import SQLite

/// What the store's one connection remembers between transactions so the writer runs fewer statements:
/// the content fingerprints of the deduplication window and the next ticket id. Both are copies of what
/// the store holds, and both are dropped together whenever they may be behind it: after a rolled back
/// transaction, and when another connection (another `intake` process) committed, which
/// `PRAGMA data_version` tells at the start of each transaction.
final class StoreMemory {
    let fingerprints = RecentFingerprints()
    let ticketIDs = TicketIDs()
    private var dataVersion: Int64?

    /// Called at the start of every transaction.
    func validate(_ db: Database) throws {
        let version = try db.statement(Self.dataVersionQuery).first { $0.int(0) }
        if version != dataVersion { forget() }
        dataVersion = version
    }

    /// Drops every copy: the next use reads the store again.
    func forget() {
        fingerprints.invalidate()
        ticketIDs.invalidate()
    }

    private static let dataVersionQuery = Query("PRAGMA data_version")
}

/// The next ticket id, read once with `MAX(id)` and then counted here: a `MAX(id)` per new ticket was a
/// statement of its own on the writer's path.
final class TicketIDs {
    private var next: Int64?

    /// The id the next ticket gets; `used` must be called once it is inserted.
    func peek(_ db: Database) throws -> Int64 {
        if let next { return next }
        let value = try db.statement(Self.nextQuery).first { $0.int(0) } ?? 1
        next = value
        return value
    }

    /// The ticket with id `id` was inserted in the current transaction.
    func used(_ id: Int64) {
        next = id + 1
    }

    func invalidate() {
        next = nil
    }

    private static let nextQuery = Query("SELECT COALESCE(MAX(id), 0) + 1 FROM tickets")
}
