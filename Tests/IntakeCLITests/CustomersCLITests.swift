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

    /// A number that will never find its customer is named with why, so the person fixing the
    /// directory knows what to write.
    func testANumberThatDoesNotNormalizeIsReportedWithWhy() throws {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("config"), withIntermediateDirectories: true)
        try Data(#"{"customers":[{"id":"a","phones":["15-5276-9999","011 4555-1234 int. 23"],"whatsapp":["+56 9876 5432"]}]}"#.utf8)
            .write(to: dir.appendingPathComponent("config/customers.json"))
        let run = try intake(["customers", "check"], withStore: false)
        XCTAssertEqual(run.status, 1, run.stdout)
        XCTAssertEqual(run.stderr, """
            config/customers.json: a: phone number `15-5276-9999` does not normalize to E.164: it starts with 15, the mobile prefix dialled after an area code: write the area code too (011 15 5276-9999, or +54 9 11 5276-9999)
            config/customers.json: a: whatsapp number `+56 9876 5432` does not normalize to E.164: it has 8 digits after +56, Chile's numbering before 2013: landlines now have a 2 after the area code (+56 2 2XXX XXXX, +56 65 2XX XXXX), mobiles a 9 before the number (+56 9 XXXX XXXX); write the number as it is today

            """)
    }
}
