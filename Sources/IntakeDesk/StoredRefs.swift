import SQLite

/// Every stored ref (`DeskRecords.addRef`), as hashes in memory, so that the threading probes of a
/// message that starts a conversation (most of them: a new Slack post looks for replies that came
/// before it) cost no descent of the refs index. Like `StoredMessageKeys`, a hash present is a maybe
/// (the store is asked) and a hash missing a sure no, so the set never lacks a stored ref: the writer
/// adds each ref it inserts, and the set is read again whole after a rolled back transaction or another
/// connection's commit (refs have no arrival order to catch up by: the table is keyed by the ref). That
/// costs a fraction of a microsecond per stored ref, and is rare in service: another `intake` process
/// writing to the store.
///
/// Off until turned on with the message keys (`DeskStore.expectMessages`).
final class StoredRefs {
    private(set) var isOn = false
    private var hashes = Set<Int>()
    private var loaded = false

    /// From now on, keeps the refs; reads those stored now.
    func turnOn(_ db: Database) throws {
        isOn = true
        try load(db)
    }

    /// False when no ref `ref` is stored; true when one may be.
    func mayContain(_ ref: String, db: Database) throws -> Bool {
        guard isOn else { return true }
        try load(db)
        return hashes.contains(KeyHash.of(ref))
    }

    private func load(_ db: Database) throws {
        guard !loaded else { return }
        try db.statement(Self.allRefsQuery).forEachRow { row in
            hashes.insert(row.withTextBytes(0, KeyHash.of))
            return true
        }
        loaded = true
    }

    /// A ref was inserted in the current transaction.
    func insert(_ ref: String) {
        if loaded { hashes.insert(KeyHash.of(ref)) }
    }

    /// The store may hold refs this set lacks: it is read again at the next lookup.
    func invalidate() {
        hashes.removeAll()
        loaded = false
    }

    private static let allRefsQuery = Query("SELECT ref FROM refs")
}
