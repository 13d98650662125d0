import Foundation
import XCTest

/// `intake outbox`: an option of another action is refused, never ignored (`purge --state dead` would
/// otherwise purge delivered and skipped events too).
final class OutboxCLITests: CLITestCase {
    func testAnOptionOfAnotherActionIsAUsageError() throws {
        for (args, option, action) in [(["purge", "--older-than", "7d", "--state", "dead"], "--state", "list"),
                                       (["list", "--older-than", "7d"], "--older-than", "purge"),
                                       (["list", "--dead"], "--dead", "retry"),
                                       (["retry", "--dead", "--json"], "--json", "list")] {
            let run = try intake(["outbox"] + args)
            XCTAssertEqual(run.status, 2, "\(args): \(run.stderr)")
            XCTAssertTrue(run.stderr.hasPrefix("intake outbox: \(option) is for `outbox \(action)`\n"), run.stderr)
        }
    }

    func testAnEventIDThatIsNotANumberIsNamed() throws {
        let run = try intake(["outbox", "retry", "abc"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.hasPrefix("intake outbox: `abc` is not an event ID\n"), run.stderr)
    }
}
