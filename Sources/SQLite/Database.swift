internal import CSQLite
internal import CSQLiteWAL
import Foundation

/// One SQLite connection. Not thread-safe by itself: its owner (the desk store) serializes access.
/// Statements are prepared once per SQL text and cached (`SQLITE_PREPARE_PERSISTENT`).
public final class Database {
    let handle: OpaquePointer
    private var cache: [String: Statement] = [:]
    private var queryCache: [ObjectIdentifier: Statement] = [:]
    private var inTransaction = false

    public let path: String

    /// Opens (creating if needed) the database at `path`.
    public init(path: String, readOnly: Bool = false, busyTimeoutMilliseconds: Int32 = 5000) throws(SQLiteError) {
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, Self.coalescingVFS ? intake_wal_vfs_name() : nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            // sqlite3_open_v2 allocates a handle even when it fails; it must be closed.
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: "cannot open \(path): \(message)")
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
    }

    /// The WAL-coalescing VFS (`CSQLiteWAL`), or the default VFS if it could not be registered.
    private static let coalescingVFS: Bool = intake_wal_vfs_register() == SQLITE_OK

    /// Write calls SQLite made to WAL files and the writes that reached them, since the process started.
    public static var walWriteCounts: (requested: Int, performed: Int) {
        var requested: Int64 = 0
        var performed: Int64 = 0
        intake_wal_vfs_counts(&requested, &performed)
        return (Int(requested), Int(performed))
    }

    deinit {
        cache.removeAll()
        queryCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws(SQLiteError) {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(error)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: message, sql: sql)
        }
    }

    /// A cached prepared statement, reset and with its bindings cleared.
    public func statement(_ sql: String) throws(SQLiteError) -> Statement {
        if let cached = cache[sql] {
            cached.reset()
            return cached
        }
        let statement = try Statement(database: self, sql: sql, persistent: true)
        cache[sql] = statement
        return statement
    }

    /// The cached statement of a query declared once: found by the query's identity, not its text.
    public func statement(_ query: Query) throws(SQLiteError) -> Statement {
        if let cached = queryCache[ObjectIdentifier(query)] {
            cached.reset(clearingBindings: false)
            return cached
        }
        let statement = try Statement(database: self, sql: query.sql, persistent: true)
        queryCache[ObjectIdentifier(query)] = statement
        return statement
    }

    /// Runs `body` inside `BEGIN IMMEDIATE ... COMMIT`; rolls back and rethrows if it throws. Not nested:
    /// a call inside a transaction just runs the body.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if inTransaction { return try body() }
        // Prepared once: `execute` would parse the SQL text again for every transaction.
        try statement(Self.begin).run()
        inTransaction = true
        do {
            let result = try body()
            try statement(Self.commit).run()
            inTransaction = false
            return result
        } catch {
            inTransaction = false
            _ = try? statement(Self.rollback).run()
            throw error
        }
    }

    private static let begin = Query("BEGIN IMMEDIATE")
    private static let commit = Query("COMMIT")
    private static let rollback = Query("ROLLBACK")

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT/UPDATE/DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    func error(sql: String?) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
