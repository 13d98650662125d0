import IntakeCore
import SQLite

/// The (channel, external id) of every stored message, as hashes in memory, so that the redelivery
/// probe of a message never seen before (nearly every message) costs no descent of the unique index:
/// that probe was 13 % of the writer's transaction time. A hash present is only a maybe: the store is
/// asked then. A hash missing is a sure no, so the set must never lack a stored key:
///
/// - rows are kept in step by id (arrival order; messages are never deleted): every row with an id up
///   to `covered` has its key in the set;
/// - the writer adds each key it inserts, and a commit moves `covered` to the newest row it inserted;
///   a rolled back transaction (rare: a failing disk, a bug) drops the set, which is read again: ids
///   it saw may be used again by other rows;
/// - when another connection committed (`StoreMemory` sees `PRAGMA data_version` move), the rows after
///   `covered` are read before the next lookup.
///
/// Off until a process that ingests many messages turns it on (`DeskStore.expectMessages`), which reads
/// every key of the store (~0.5 µs per stored message with its refs, 60 ms at 120,000): a command
/// ingesting a few files into a large store would pay that for nothing.
final class StoredMessageKeys {
    private(set) var isOn = false
    private var hashes = Set<Int>()
    /// Every message row with an id up to this one has its key in `hashes`; nil until loaded.
    private var covered: Int64?
    /// The newest row inserted by the transaction in progress.
    private var inserted: Int64?
    private var othersCommitted = false

    /// From now on, keeps the keys; reads those stored now.
    func turnOn(_ db: Database) throws {
        isOn = true
        try catchUp(db)
    }

    /// False when no message is stored under this key; true when one may be.
    func mayContain(channel: Channel, externalID: String, db: Database) throws -> Bool {
        guard isOn else { return true }
        try catchUp(db)
        return hashes.contains(KeyHash.of(channel.rawValue, externalID))
    }

    /// A message row was inserted in the current transaction.
    func insert(id: Int64, channel: Channel, externalID: String?) {
        guard covered != nil else { return }
        if let externalID { hashes.insert(KeyHash.of(channel.rawValue, externalID)) }
        inserted = max(inserted ?? id, id)
    }

    /// The current transaction committed: its rows are covered.
    func committed() {
        if let inserted, let covered { self.covered = max(covered, inserted) }
        inserted = nil
    }

    /// The current transaction rolled back: rows it inserted or read do not exist, and their ids may be
    /// used again by rows the set would not have.
    func rolledBack() {
        hashes.removeAll()
        covered = nil
        inserted = nil
    }

    /// Another connection committed: rows after `covered` may be missing.
    func othersCommit() {
        othersCommitted = true
    }

    /// Reads the keys of every row after `covered` (all of them the first time, from the unique index
    /// that holds them: a walk of the table would read every message's JSON too).
    private func catchUp(_ db: Database) throws {
        if let covered {
            guard othersCommitted else { return }
            var newest = covered
            try db.statement(Self.rowsAfterQuery).bind(.integer(covered)).forEachRow { row in
                newest = max(newest, row.int(0))
                if !row.isNull(2) { hashes.insert(Self.key(row, 1, 2)) }
                return true
            }
            self.covered = newest
        } else {
            let newest = try Self.newestRow(db)
            hashes.reserveCapacity(Int(newest ?? 0))
            try db.statement(Self.allKeysQuery).forEachRow { row in
                hashes.insert(Self.key(row, 0, 1))
                return true
            }
            covered = newest ?? 0
        }
        othersCommitted = false
    }

    /// The key of a row's channel and external id columns.
    private static func key(_ row: Statement, _ channel: Int32, _ externalID: Int32) -> Int {
        row.withTextBytes(channel) { c in row.withTextBytes(externalID) { id in KeyHash.of(c, id) } }
    }

    /// The id of the newest message row (ids count rows: messages are never deleted); nil in an empty store.
    static func newestRow(_ db: Database) throws -> Int64? {
        try db.statement(newestQuery).first { $0.optionalInt(0) } ?? nil
    }

    private static let newestQuery = Query("SELECT MAX(id) FROM messages")
    private static let allKeysQuery = Query("SELECT channel, external_id FROM messages WHERE external_id IS NOT NULL")
    private static let rowsAfterQuery = Query("SELECT id, channel, external_id FROM messages WHERE id > ?")
}
