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

    /// A mistyped customer id listed nothing, exit 0, like a customer without tickets.
    func testTicketsOfACustomerNobodyKnowsIsAnError() throws {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("config"), withIntermediateDirectories: true)
        try Data(#"{"customers":[{"id":"acme","domains":["acme.com.ar"]},{"id":"andes","domains":["andescontact.cl"]}]}"#.utf8)
            .write(to: dir.appendingPathComponent("config/customers.json"))
        let ingest = try intake(["ingest", "--channel", "slack", Self.fixture("slack/plain_message.json")])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let known = try intake(["tickets", "--customer", "acme"])
        XCTAssertEqual(known.status, 0, known.stderr)
        XCTAssertEqual(known.stdout, "")
        let typo = try intake(["tickets", "--customer", "ACME"])
        XCTAssertEqual(typo.status, 1)
        XCTAssertEqual(typo.stderr, "intake tickets: no customer `ACME` in the directory and no ticket of it (customers: acme, andes)\n")
    }
}
