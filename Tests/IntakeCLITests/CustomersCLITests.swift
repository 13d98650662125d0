import Foundation
import XCTest

/// `intake customers check` checks a directory that is there, and says so when there is none.
final class CustomersCLITests: CLITestCase {
    func testCheckingWithoutADirectoryFails() throws {
        let run = try intake(["customers", "check"], withStore: false)
        XCTAssertEqual(run.status, 1, run.stdout)
        XCTAssertEqual(run.stderr, "intake customers: no customer directory: config/customers.json does not exist\n")
        XCTAssertEqual(run.stdout, "")
    }

    func testAGoodDirectoryIsCountedOnStandardOutput() throws {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("config"), withIntermediateDirectories: true)
        try Data(#"{"customers":[{"id":"a","domains":["a.com"]},{"id":"b","domains":["b.com"]}]}"#.utf8)
            .write(to: dir.appendingPathComponent("config/customers.json"))
        let run = try intake(["customers", "check"], withStore: false)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "config/customers.json: 2 customers, no problems\n")
    }
}
