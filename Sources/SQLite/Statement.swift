internal import CSQLite

/// A prepared statement owned by its `Database`; finalized when released. Bind by 1-based index,
/// `step()` until it returns false, read columns by 0-based index.
public final class Statement {
    private let handle: OpaquePointer
    private unowned let database: Database
    public let sql: String
    private var parameters = ParameterBuffers()

    init(database: Database, sql: String, persistent: Bool) throws(SQLiteError) {
        var stmt: OpaquePointer?
        let flags: UInt32 = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let rc = sqlite3_prepare_v3(database.handle, sql, -1, flags, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw database.error(sql: sql) }
        self.handle = stmt
        self.database = database
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
        parameters.deallocate()
    }

    /// Ready to run again. `clearingBindings: false` keeps the last values bound (no pass over every
    /// parameter to free them): for statements whose every use binds every parameter.
    func reset(clearingBindings: Bool = true) {
        sqlite3_reset(handle)
        if clearingBindings { sqlite3_clear_bindings(handle) }
    }

    /// Binds values in order from index 1.
    @discardableResult
    public func bind(_ values: SQLValue...) -> Statement {
        bind(values)
    }

    @discardableResult
    public func bind(_ values: [SQLValue]) -> Statement {
        for (i, value) in values.enumerated() { bind(value, at: Int32(i + 1)) }
        return self
    }

    public func bind(_ value: SQLValue, at index: Int32) {
        switch value {
        case .null: bindNull(at: index)
        case .integer(let v): bind(v, at: index)
        case .real(let v): check(sqlite3_bind_double(handle, index, v), index)
        case .text(let v): bind(v, at: index)
        case .blob(let v): bind(v, at: index)
        }
    }

    // Typed binds, for the statements run for every message: no `SQLValue` boxing, no array of them.

    public func bind(_ value: String?, at index: Int32) {
        guard var s = value else { return bindNull(at: index) }
        // Native strings are contiguous UTF-8: bind them with their length, without the
        // NUL-terminated copy that passing a String as a C string makes (and SQLite's strlen).
        let rc = s.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            if let owned = parameters.copy(bytes, at: index) {
                return sqlite3_bind_text(handle, index, owned.assumingMemoryBound(to: CChar.self), Int32(bytes.count), csqlite_static())
            }
            return sqlite3_bind_text(handle, index, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), csqlite_transient())
        }
        check(rc, index)
    }

    public func bind(_ value: Int64?, at index: Int32) {
        guard let v = value else { return bindNull(at: index) }
        check(sqlite3_bind_int64(handle, index, v), index)
    }

    public func bind(_ value: Bool, at index: Int32) {
        check(sqlite3_bind_int64(handle, index, value ? 1 : 0), index)
    }

    public func bind(_ value: [UInt8], at index: Int32) {
        // An empty array has no address, and a NULL pointer would bind NULL, not an empty blob.
        guard !value.isEmpty else { return check(sqlite3_bind_zeroblob(handle, index, 0), index) }
        let rc = value.withUnsafeBytes { bytes in
            if let owned = parameters.copy(bytes, at: index) { return sqlite3_bind_blob(handle, index, owned, Int32(bytes.count), csqlite_static()) }
            return sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), csqlite_transient())
        }
        check(rc, index)
    }

    public func bindNull(at index: Int32) {
        check(sqlite3_bind_null(handle, index), index)
    }

    /// A failed bind is a programming error (wrong index), so it traps.
    private func check(_ rc: Int32, _ index: Int32) {
        precondition(rc == SQLITE_OK, "sqlite bind \(index) failed (\(rc)) for \(sql)")
    }

    /// Advances to the next row: true when a row is available, false when done.
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.error(sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Runs a statement that returns no rows.
    public func run() throws(SQLiteError) {
        while try step() {}
    }

    /// All rows mapped by `row`.
    public func rows<T>(_ row: (Statement) throws -> T) throws -> [T] {
        var out: [T] = []
        while try step() { out.append(try row(self)) }
        return out
    }

    /// Steps through the rows while `body` returns true, then resets: a statement left between rows
    /// keeps its read transaction open (a stale snapshot for the next write, a WAL the checkpointer
    /// cannot pass).
    public func forEachRow(while body: (Statement) throws -> Bool) throws {
        defer { sqlite3_reset(handle) }
        while try step(), try body(self) {}
    }

    /// The first row mapped by `row`, or nil.
    public func first<T>(_ row: (Statement) throws -> T) throws -> T? {
        defer { sqlite3_reset(handle) }
        return try step() ? try row(self) : nil
    }

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    public func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    public func optionalInt(_ column: Int32) -> Int64? { isNull(column) ? nil : int(column) }

    public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    public func text(_ column: Int32) -> String {
        guard let p = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: p)
    }

    public func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    /// The UTF-8 bytes of a text column, without making a `String` of them: valid only inside `body`
    /// (until the statement steps again).
    public func withTextBytes<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        let p = sqlite3_column_text(handle, column)
        return body(UnsafeRawBufferPointer(start: p, count: p == nil ? 0 : Int(sqlite3_column_bytes(handle, column))))
    }

    public func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let p = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: count))
    }
}

/// A value bound to a statement parameter.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public static func text(_ s: String?) -> SQLValue { s.map(SQLValue.text) ?? .null }
    public static func int(_ n: Int?) -> SQLValue { n.map { .integer(Int64($0)) } ?? .null }
    public static func int64(_ n: Int64?) -> SQLValue { n.map(SQLValue.integer) ?? .null }
    public static func bool(_ b: Bool) -> SQLValue { .integer(b ? 1 : 0) }
}
