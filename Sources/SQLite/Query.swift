/// A SQL text declared once, as a `static let`, for the statements run for every message. Its prepared
/// statement is cached by the query's identity: finding it hashes a pointer, where a lookup by text
/// hashes a few hundred bytes of SQL each time. Each use must bind every parameter: the values of the
/// previous use are not cleared first (that pass freed and reset each one, for every message).
public final class Query: Sendable {
    public let sql: String

    public init(_ sql: String) {
        self.sql = sql
    }
}
