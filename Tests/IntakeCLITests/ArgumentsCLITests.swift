import Foundation
import XCTest

/// How every command reads its arguments: what is not an option it knows, or not an argument it takes, is
/// a usage error (exit status 2, one line naming it) before anything runs.
final class ArgumentsCLITests: CLITestCase {
    func testAnArgumentACommandDoesNotTakeIsAUsageError() throws {
        for args in [["sla", "extra"], ["tickets", "open"], ["replay", "--into", "r.sqlite", "extra"]] {
            let run = try intake(args)
            XCTAssertEqual(run.status, 2, "\(args): \(run.stdout)")
            XCTAssertTrue(run.stderr.hasPrefix("intake \(args[0]): unexpected argument `\(args.last!)`\n"), run.stderr)
            XCTAssertEqual(run.stdout, "")
        }
    }

    func testASingleDashOptionIsNotTakenForAFile() throws {
        let run = try intake(["normalize", "--channel", "slack", "-x"], withStore: false)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.hasPrefix("intake normalize: unknown option -x\n"), run.stderr)
        XCTAssertEqual(run.stdout, "")
    }

    func testAnOptionIsNotTakenForTheValueOfTheOneBefore() throws {
        let run = try intake(["tickets", "--customer", "--json"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.hasPrefix("intake tickets: --customer needs a value\n"), run.stderr)
    }

    func testAFileNamedLikeAnOptionIsReadAfterTheDoubleDash() throws {
        let path = dir.appendingPathComponent("-x").path
        try Data("{\"hello\": 1}".utf8).write(to: URL(fileURLWithPath: path))
        let run = try intake(["normalize", "--channel", "slack", "--", "-x"], withStore: false)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("-x: not a slack payload"), run.stderr)
    }

    /// `bench email` on a directory that does not exist fails at once, so a bad number that is not
    /// refused first shows up as exit status 1 without measuring anything.
    func testABenchNumberThatIsNotANumberIsRefusedBeforeAnythingRuns() throws {
        let missing = dir.appendingPathComponent("no-mail").path
        for (option, value) in [("messages", "20k"), ("duplicates", "150"), ("stored", "10000,x"), ("seconds", "five"), ("connections", "0"),
                                ("rate", "fast")] {
            let run = try intake(["bench", "email", missing, "--\(option)", value], withStore: false)
            XCTAssertEqual(run.status, 2, "--\(option) \(value): \(run.stderr)")
            XCTAssertTrue(run.stderr.hasPrefix("intake bench: --\(option) `\(value)` is not "), run.stderr)
        }
        let extra = try intake(["bench", "normalize", "extra"], withStore: false)
        XCTAssertEqual(extra.status, 2)
        XCTAssertTrue(extra.stderr.hasPrefix("intake bench: unexpected argument `extra`\n"), extra.stderr)
    }

    func testAUsageErrorIsOneLineThenTheUsageNotTheWholeHelp() throws {
        let run = try intake(["tickets", "--status", "bogus"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, """
            intake tickets: unknown status `bogus` (new, open, pending, resolved or closed)
            Usage: intake tickets [--status S] [--customer ID] [--json]
            Run `intake tickets --help` for the options.

            """)
        XCTAssertEqual(run.stdout, "")
        let unknown = try intake(["frobnicate"], withStore: false)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stderr, "intake: unknown command `frobnicate`\nRun `intake --help` for the commands.\n")
    }

    func testAnEmptyValueIsAMissingValue() throws {
        let file = Self.fixture("slack/plain_message.json")
        for args in [["ingest", "--channel", "slack", "--store=", file], ["ingest", "--channel", "slack", "--store", "", file]] {
            let run = try intake(args, withStore: false)
            XCTAssertEqual(run.status, 2, "\(args): \(run.stdout)")
            XCTAssertTrue(run.stderr.hasPrefix("intake ingest: --store needs a value\n"), run.stderr)
            XCTAssertEqual(run.stdout, "")
        }
    }

    func testHelpCommandIsTheCommandsHelp() throws {
        let run = try intake(["help", "ticket"], withStore: false)
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdout, try intake(["ticket", "--help"], withStore: false).stdout)
        XCTAssertEqual(try intake(["help", "frobnicate"], withStore: false).status, 2)
    }
}
