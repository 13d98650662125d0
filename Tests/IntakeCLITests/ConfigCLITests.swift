import Foundation
import XCTest

/// `intake config check`: says ok only when there is no problem.
final class ConfigCLITests: CLITestCase {
    func testADirectoryWithANumberClaimedTwiceIsNotReportedOk() throws {
        try Data(#"{"customers":[{"id":"a","phones":["+54 11 5276-9999"]},{"id":"b","phones":["011 5276-9999"]}]}"#.utf8)
            .write(to: dir.appendingPathComponent("customers.json"))
        let config = dir.appendingPathComponent("gateway.json").path
        try Data(#"{"directory": "customers.json"}"#.utf8).write(to: URL(fileURLWithPath: config))
        let run = try intake(["config", "check", "--config", config], withStore: false)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, "")
        XCTAssertTrue(run.stderr.contains("customers.json: "), run.stderr)
        XCTAssertTrue(run.stderr.contains("claimed by both a and b"), run.stderr)
    }

    func testAConfigurationThatIsNotJSONNamesTheFile() throws {
        let config = dir.appendingPathComponent("gateway.json").path
        try Data(#"{"listen": 5"#.utf8).write(to: URL(fileURLWithPath: config))
        for args in [["config", "check"], ["sla"]] {
            let run = try intake(args + ["--config", config], withStore: false)
            XCTAssertEqual(run.status, 1, "\(args)")
            XCTAssertTrue(run.stderr.hasPrefix("intake \(args[0]): "), run.stderr)
            XCTAssertTrue(run.stderr.contains("\(config): invalid JSON"), run.stderr)
            XCTAssertEqual(run.stdout, "")
        }
    }

    func testAnEmptyStorePathIsRefused() throws {
        let config = dir.appendingPathComponent("gateway.json").path
        try Data(#"{"store": {"path": ""}}"#.utf8).write(to: URL(fileURLWithPath: config))
        let run = try intake(["config", "check", "--config", config], withStore: false)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "intake config: \(config): `store.path`: must not be empty\n")
        XCTAssertEqual(run.stdout, "")
    }

    /// `email.max_message_bytes` sets what the poller fetches (an unknown key before): Exchange Online
    /// delivers 36 MB by default, past the 25 MiB the poller quarantined unread. Under 1 MiB is refused.
    func testTheMailSizeLimitIsReadAndItsRangeChecked() throws {
        let config = dir.appendingPathComponent("gateway.json").path
        for (value, status) in [(41_943_040, Int32(0)), (1000, 1)] {
            try Data(#"{"email": {"max_message_bytes": \#(value)}}"#.utf8).write(to: URL(fileURLWithPath: config))
            let run = try intake(["config", "check", "--config", config], withStore: false)
            XCTAssertEqual(run.status, status, "\(value): \(run.stderr)")
            if status != 0 {
                XCTAssertTrue(run.stderr.contains("`email.max_message_bytes`: expected a whole number in 1048576...1073741824"), run.stderr)
            }
        }
    }
}
