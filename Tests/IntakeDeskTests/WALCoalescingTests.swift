import Foundation
import SQLite
import XCTest

/// The WAL-coalescing VFS (`CSQLiteWAL`) every connection opens through: a commit reaches the WAL in
/// one write, and what other connections, later writers and a reopened file see is what SQLite wrote.
final class WALCoalescingTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "intake-wal-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    private func open() throws -> Database {
        let db = try Database(path: dir + "/t.sqlite")
        try db.execute("PRAGMA journal_mode = WAL")
        try db.execute("PRAGMA synchronous = NORMAL")
        try db.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        return db
    }

    private func insert(_ db: Database, rows: Range<Int>) throws {
        try db.transaction {
            for i in rows {
                try db.statement("INSERT INTO t (id, body) VALUES (?, ?)").bind(.integer(Int64(i)), .text(String(repeating: "x", count: 1000) + "\(i)")).run()
            }
        }
    }

    private func count(_ db: Database) throws -> Int64 {
        try db.statement("SELECT COUNT(*) FROM t").first { $0.int(0) } ?? -1
    }

    func testACommitReachesTheWALInOneWriteAndAnotherConnectionSeesIt() throws {
        let writer = try open()
        let reader = try open()
        let before = Database.walWriteCounts
        try insert(writer, rows: 0..<20)
        let after = Database.walWriteCounts
        let requested = after.requested - before.requested
        let performed = after.performed - before.performed
        XCTAssertGreaterThanOrEqual(requested, 10, "SQLite writes each frame as a header and a page")
        XCTAssertLessThanOrEqual(performed, 2, "the commit's frames reach the file together (\(requested) requested)")
        XCTAssertEqual(try count(reader), 20)
    }

    func testATransactionLargerThanOneWriteIsWholeAfterReopenAndAfterTheWALStartsOver() throws {
        var db: Database? = try open()
        try insert(db!, rows: 0..<2_000)
        try db!.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try insert(db!, rows: 2_000..<2_100)
        db = nil
        let reopened = try open()
        XCTAssertEqual(try count(reopened), 2_100)
        XCTAssertEqual(try reopened.statement("SELECT SUM(length(body)) FROM t").first { $0.int(0) },
                       Int64(2_100 * 1000 + (0..<2_100).map { "\($0)".count }.reduce(0, +)))
        XCTAssertEqual(try reopened.statement("PRAGMA integrity_check").first { $0.text(0) }, "ok")
    }

    func testWritersTakingTurnsAppendAfterEachOthersFrames() throws {
        let a = try open()
        let b = try open()
        for i in 0..<50 {
            try insert(i % 2 == 0 ? a : b, rows: (i * 3)..<(i * 3 + 3))
        }
        XCTAssertEqual(try count(a), 150)
        XCTAssertEqual(try count(b), 150)
        XCTAssertEqual(try b.statement("PRAGMA integrity_check").first { $0.text(0) }, "ok")
    }
}
