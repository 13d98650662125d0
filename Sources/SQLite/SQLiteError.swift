/// A failed SQLite call: the extended result code, SQLite's message and the SQL. Bound values are never
/// included: they are phone numbers, addresses and message text.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (the low byte of the extended code).
    public var primaryCode: Int32 { code & 0xFF }

    /// SQLITE_CONSTRAINT and its extended codes.
    public var isConstraintViolation: Bool { primaryCode == 19 }

    /// SQLITE_BUSY / SQLITE_LOCKED: another connection holds the lock past the busy timeout.
    public var isBusy: Bool { primaryCode == 5 || primaryCode == 6 }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " - while executing `\(sql)`" }
        return text
    }
}
