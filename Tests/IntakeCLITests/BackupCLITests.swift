import Foundation
import SQLite
import XCTest

/// `intake backup FILE`: a whole, consistent copy of the store, taken while another connection writes,
/// that never replaces a file.
final class BackupCLITests: CLITestCase {
    private var copy: String { dir.appendingPathComponent("backups/desk-copy.sqlite").path }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("backups"), withIntermediateDirectories: true)
        let slack = ["plain_message.json", "thread_reply.json", "file_share.json"].map { Self.fixture("slack/" + $0) }
        XCTAssertEqual(try intake(["ingest", "--channel", "slack"] + slack).status, 0)
        XCTAssertEqual(try intake(["ingest", "--channel", "email", Self.fixture("email/disclaimer_confidencialidad_es.eml")]).status, 0)
    }

    func testABackupIsTheWholeStoreAndOpensAsOne() throws {
        let run = try intake(["backup", copy])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("backups").path), ["desk-copy.sqlite"],
                       "no temporary file or WAL left beside it")
        let tickets = try intake(["tickets", "--json"])
        XCTAssertTrue(run.stdout.hasPrefix("backup \(copy): \(try ticketCount(tickets.stdout)) tickets, "), run.stdout)
        XCTAssertEqual(try intake(["tickets", "--json", "--store", copy], withStore: false).stdout, tickets.stdout)
        let number = try XCTUnwrap(try JSONParserLite.numbers(tickets.stdout).first)
        XCTAssertEqual(try intake(["explain", number, "--store", copy], withStore: false).stdout, try intake(["explain", number]).stdout)
    }

    /// A transaction open on the store (as `serve`'s writer has) neither blocks the backup nor ends up in it.
    func testABackupDuringAnOpenWriteHasOnlyWhatWasCommitted() throws {
        let writer = try Database(path: store)
        try writer.execute("BEGIN IMMEDIATE")
        try writer.execute("UPDATE tickets SET subject = 'not committed'")
        let run = try intake(["backup", copy])
        try writer.execute("ROLLBACK")
        XCTAssertEqual(run.status, 0, run.stderr)
        let copied = try Database(path: copy, readOnly: true)
        XCTAssertEqual(try copied.statement("SELECT count(*) FROM tickets WHERE subject = 'not committed'").first { $0.int(0) }, 0)
        XCTAssertGreaterThan(try copied.statement("SELECT count(*) FROM tickets").first { $0.int(0) } ?? 0, 0)
    }

    func testABackupNeverReplacesAFileAndSaysWhatIsWrong() throws {
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: copy))
        let exists = try intake(["backup", copy])
        XCTAssertEqual(exists.status, 1)
        XCTAssertEqual(exists.stderr, "intake backup: \(copy) exists: a backup never replaces a file (name a new one)\n")
        XCTAssertEqual(try String(contentsOfFile: copy, encoding: .utf8), "keep me")

        let nowhere = dir.appendingPathComponent("no-such-dir/copy.sqlite").path
        let missingDirectory = try intake(["backup", nowhere])
        XCTAssertEqual(missingDirectory.status, 1)
        XCTAssertEqual(missingDirectory.stderr, "intake backup: no directory \(dir.appendingPathComponent("no-such-dir").path) for the backup\n")

        let noStore = try intake(["backup", dir.appendingPathComponent("backups/other.sqlite").path, "--store", dir.appendingPathComponent("none.sqlite").path],
                                 withStore: false)
        XCTAssertEqual(noStore.status, 1)
        XCTAssertTrue(noStore.stderr.hasPrefix("intake backup: no desk store at "), noStore.stderr)

        let noFile = try intake(["backup"])
        XCTAssertEqual(noFile.status, 2)
        XCTAssertTrue(noFile.stderr.hasPrefix("intake backup: give the backup's file: intake backup FILE\n"), noFile.stderr)
    }

    private func ticketCount(_ json: String) throws -> Int { try JSONParserLite.numbers(json).count }
}

/// The ticket numbers of `intake tickets --json`, without the project's own JSON parser (this target
/// runs the binary and links no intake module).
private enum JSONParserLite {
    static func numbers(_ json: String) throws -> [String] {
        let array = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        return array.compactMap { $0["number"] as? String }
    }
}
