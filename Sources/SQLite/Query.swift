/// A SQL text declared once, as a `static let`, for the statements run for every message. Its prepared
/// statement is cached by the query's identity: finding it hashes a pointer, where a lookup by text
/// hashes a few hundred bytes of SQL each time.
public final class Query: Sendable {
    public let sql: String

    public init(_ sql: String) {
        self.sql = sql
    }
}
