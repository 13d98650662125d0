import IntakeCore
import SQLite
import Foundation

/// The desk store: one SQLite file in WAL mode, opened once per process. Every access goes through
/// `write` (one IMMEDIATE transaction) or `read`, serialized by a lock, because a SQLite connection is
/// not to be shared between threads. Concurrent webhooks reach it through `IngestQueue`, which batches
/// them into one transaction (group commit).
public final class DeskStore: @unchecked Sendable {
    // @unchecked: `db` is only touched while `lock` is held.
    private let db: Database
    private let lock = NSLock()
    private let checkpointer: WALCheckpointer
    private let memory = StoreMemory()
    public let path: String

    public init(path: String, synchronous: String = "normal") throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        self.path = path
        db = try Database(path: path)
        try db.execute("PRAGMA journal_mode = WAL")
        try db.execute("PRAGMA synchronous = \(synchronous == "full" ? "FULL" : "NORMAL")")
        try db.execute("PRAGMA foreign_keys = ON")
        try db.execute("PRAGMA temp_store = MEMORY")
        // Debian builds SQLite with SECURE_DELETE on: every cell moved or removed (each page split of an
        // append-only index) is overwritten with zeros first. Nothing in the store needs erasing beyond
        // what a deleted row's reuse does; off, each insert costs ~8 % less.
        try db.execute("PRAGMA secure_delete = OFF")
        // 128 MiB of page cache and the file memory-mapped: at a million tickets the random-key indexes
        // (external ids such as Message-IDs and Slack event ids, refs) no longer fit 32 MiB, and each miss
        // was a read().
        try db.execute("PRAGMA cache_size = -131072")
        try db.execute("PRAGMA mmap_size = 4294967296")
        // Checkpoints run on their own connection and thread (`WALCheckpointer`), not inside a commit:
        // copying WAL pages back and the fsync that follows would otherwise stall the single writer.
        try db.execute("PRAGMA wal_autocheckpoint = 0")
        // The WAL file keeps the size it grew to (up to the checkpointer's restart bound) when it starts
        // over: trimmed, its page-cache pages went back to the kernel, and every later append past the
        // trim paid for a fresh page. On a virtual machine whose host reclaims the guest's free memory
        // that was ~14 µs per 4 KiB, a third of the writer's time at a million stored tickets.
        try db.execute("PRAGMA journal_size_limit = \(WALCheckpointer.restartAbove)")
        try DeskSchema.migrator.migrate(db)
        checkpointer = try WALCheckpointer(path: path)
    }

    deinit {
        checkpointer.stop()
    }

    /// Ends the checkpoint thread with a truncating checkpoint, so the WAL (which keeps its size, up to a
    /// gigabyte) does not stay on disk after a clean stop. For the end of a process's writes; the store
    /// still reads and writes afterwards, without background checkpoints.
    public func stopCheckpoints() {
        checkpointer.stop()
    }

    /// Runs `body` in one transaction: it commits whole or not at all.
    public func write<T>(_ body: (DeskRecords) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        do {
            // Checked once the write lock is held: the transaction then sees every other commit, and
            // the pragma costs no read transaction of its own.
            let result = try db.transaction {
                try memory.validate(db)
                return try body(DeskRecords(db: db, memory: memory))
            }
            memory.committed()
            return result
        } catch {
            memory.rolledBack()
            throw error
        }
    }

    /// Tells the store that about `count` messages are coming: when that is many against what it holds,
    /// it keeps the keys of its messages and its refs in memory (`StoredMessageKeys`, `StoredRefs`), so a
    /// new message costs no redelivery or threading probe. Reading them costs ~0.5 µs per stored message
    /// and saves 5–10 µs per new one (more as the store grows), so this pays off from about a sixteenth
    /// of the stored count on; a server (`count` nil) always keeps them. The keys are read now: a server
    /// reads them before its first request rather than while that request and those behind it wait.
    public func expectMessages(_ count: Int? = nil) throws {
        lock.lock()
        defer { lock.unlock() }
        if let count {
            guard count * 16 >= (try StoredMessageKeys.newestRow(db) ?? 0) else { return }
        }
        try memory.validate(db)
        try memory.keepKeys(db)
    }

    /// Runs `body` outside a write transaction (reads see the last commit).
    public func read<T>(_ body: (DeskRecords) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        try memory.validate(db)
        return try body(DeskRecords(db: db, memory: memory))
    }

    /// Copies the whole WAL back into the database file (blocks writers meanwhile); the next commit
    /// starts the WAL over at its beginning, in the file's pages, as a store in service does. For a
    /// quiet moment: the benchmark uses it so the backlog of its prefill is not measured as the cost of
    /// what follows. Returns whether every frame was copied back.
    @discardableResult
    public func checkpoint() throws -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return try db.statement("PRAGMA wal_checkpoint(RESTART)").first { $0.int(0) == 0 && $0.int(1) == $0.int(2) } ?? false
    }

    /// True when a write transaction can be opened and committed now (for /healthz).
    public func isWritable() -> Bool {
        (try? write { records in try records.touchHealth() }) != nil
    }
}
