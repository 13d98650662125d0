import Foundation
import XCTest

/// `intake ticket NUMBER --status`: the change, its line and JSON, and the usage and failure exits.
final class TicketStatusCLITests: CLITestCase {
    func testAnOperatorResolvesATicketAndExplainSaysSo() throws {
        let ingest = try intake(["ingest", "--channel", "slack", Self.fixture("slack/plain_message.json")])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let number = try XCTUnwrap(ingest.stdout.split(separator: "\t").dropFirst().first.map(String.init))

        let resolve = try intake(["ticket", "[#\(number)]", "--status", "resuelto", "--note", "se reinició el servicio"])
        XCTAssertEqual(resolve.status, 0, resolve.stderr)
        XCTAssertEqual(resolve.stdout, "\(number)\tresolved\twas new\n")
        let again = try intake(["ticket", number, "--status", "resolved", "--json"])
        XCTAssertEqual(again.status, 0, again.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["status"] as? String, "resolved")
        XCTAssertNotNil(json["resolved_at"] as? String)
        let explain = try intake(["explain", number])
        XCTAssertTrue(explain.stdout.contains("status new → resolved by an operator (intake ticket): se reinició el servicio"), explain.stdout)
    }

    func testABadStatusOrANoteAloneIsAUsageErrorAndAMissingTicketAFailure() throws {
        XCTAssertEqual(try intake(["ingest", "--channel", "slack", Self.fixture("slack/plain_message.json")]).status, 0)
        let bad = try intake(["ticket", "INT-1001", "--status", "listo"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("unknown status `listo`"), bad.stderr)
        let note = try intake(["ticket", "INT-1001", "--note", "x"])
        XCTAssertEqual(note.status, 2)
        XCTAssertTrue(note.stderr.contains("--note goes with --status"), note.stderr)
        let missing = try intake(["ticket", "INT-9999", "--status", "closed"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no ticket INT-9999"), missing.stderr)
    }
}
