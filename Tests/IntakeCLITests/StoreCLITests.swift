import Foundation
import XCTest

/// Commands that only read the desk store fail on a store that does not exist (a mistyped `--store`, the
/// wrong working directory) instead of creating an empty one, and its directories, and reporting nothing.
final class StoreCLITests: CLITestCase {
    func testReadingCommandsRefuseAStoreThatDoesNotExist() throws {
        let missing = dir.appendingPathComponent("no-such-dir/desk.sqlite").path
        for args in [["sla"], ["tickets"], ["ticket", "INT-1001"], ["explain", "INT-1001"], ["outbox", "list"], ["mail", "status"],
                     ["backup", dir.appendingPathComponent("copy.sqlite").path], ["replay", "--into", dir.appendingPathComponent("r.sqlite").path]] {
            let run = try intake(args + ["--store", missing], withStore: false)
            XCTAssertEqual(run.status, 1, "\(args): \(run.stdout)")
            XCTAssertEqual(run.stderr, "intake \(args[0]): no desk store at \(missing) (`intake serve` or `intake ingest` creates it; --store names another)\n", "\(args)")
            XCTAssertEqual(run.stdout, "", "\(args)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("no-such-dir").path))
    }

    func testIngestCreatesTheStoreAndItsDirectory() throws {
        let store = dir.appendingPathComponent("new dir/desk.sqlite").path
        let file = dir.appendingPathComponent("e.json").path
        try Data(#"{"type":"event_callback","event_id":"EvNEW1","event":{"type":"message","channel":"C0X","user":"U1","text":"hola","ts":"1764000000.1"}}"#.utf8)
            .write(to: URL(fileURLWithPath: file))
        let run = try intake(["ingest", "--channel", "slack", file, "--store", store], withStore: false)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try intake(["sla", "--store", store], withStore: false).status, 0)
    }

    func testAStorePathUnderAFileIsAPlainError() throws {
        let file = dir.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let run = try intake(["ingest", "--channel", "slack", Self.fixture("slack/plain_message.json"), "--store", file.path + "/desk.sqlite"],
                             withStore: false)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "intake ingest: cannot open the desk store \(file.path)/desk.sqlite: \(file.path): File exists\n")
    }

    func testServeLogsAStorePathUnderAFilePlainlyAndFails() throws {
        let file = dir.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let run = try intake(["serve", "--store", file.path + "/desk.sqlite", "--listen", "127.0.0.1:0"], withStore: false)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains(#""error":"\#(file.path): File exists""#), run.stderr)
        XCTAssertFalse(run.stderr.contains("NSCocoaErrorDomain"), run.stderr)
    }
}
