/// Numbered schema migrations, each applied once in its own transaction and recorded in
/// `schema_migrations`, so an old store upgrades in place.
public struct Migrator: Sendable {
    public struct Migration: Sendable {
        public let version: Int
        public let name: String
        public let sql: String

        public init(version: Int, name: String, sql: String) {
            self.version = version
            self.name = name
            self.sql = sql
        }
    }

    public let migrations: [Migration]

    public init(_ migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applies what is missing; returns the versions applied now.
    ///
    /// Foreign keys are off while migrations run, as SQLite's procedure for rebuilding a table requires
    /// (a `DROP TABLE` of a referenced table would otherwise fail or cascade), and each migration must
    /// leave `PRAGMA foreign_key_check` empty before it commits. The caller's setting is restored.
    @discardableResult
    public func migrate(_ db: Database) throws -> [Int] {
        try db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)")
        let applied = Set(try db.statement("SELECT version FROM schema_migrations").rows { Int($0.int(0)) })
        let foreignKeys = try db.statement("PRAGMA foreign_keys").first { $0.int(0) } ?? 0
        try db.execute("PRAGMA foreign_keys = OFF")
        defer { try? db.execute("PRAGMA foreign_keys = \(foreignKeys)") }
        var done: [Int] = []
        for migration in migrations where !applied.contains(migration.version) {
            try db.transaction {
                try db.execute(migration.sql)
                if let violation = try db.statement("PRAGMA foreign_key_check").first({ "\($0.text(0)) row \($0.int(1)) → \($0.text(2))" }) {
                    throw SQLiteError(code: 787, message: "migration \(migration.version) left a broken reference: \(violation)")
                }
                try db.statement("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%s','now'))")
                    .bind(.integer(Int64(migration.version)), .text(migration.name)).run()
            }
            done.append(migration.version)
        }
        return done
    }
}
