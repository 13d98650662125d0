import Foundation
import IntakeTestSupport
import XCTest

/// `intake cdr` and `intake call`, run as the built binary.
final class PhoneCLITests: CLITestCase {
    private static let fixtures = TestPaths.fixture("phone")

    func testCDRImportCommitsTheGoodRowsAndReportsEachBadRowWithItsLine() throws {
        let file = Self.fixtures.appendingPathComponent("cdr-bad-rows.csv").path
        let run = try intake(["cdr", "import", file])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, """
            \(file): line 2: expected 16 to 21 columns, found 6
            \(file): line 3: bad start date: 2024-02-30 14:40:00
            \(file): line 5: bad duration: thirty

            """)
        let fields = run.lines.map { $0.split(separator: "\t").map(String.init) }
        XCTAssertEqual(fields.map { [$0[0], $0[2]] }, [["created", "phone 1709659800.18"], ["created", "phone 1709661600.21"]])
        XCTAssertTrue(fields.allSatisfy { $0[1].hasPrefix("INT-") }, run.stdout)

        let again = try intake(["cdr", "import", file])
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.lines.map { $0.split(separator: "\t").map(String.init).prefix(2) }, fields.map { ["duplicate", $0[1]] },
                       "the good rows were committed the first time")
    }

    func testNormalizePrintsTheGoodRowsAndReportsEachBadRowWithItsLine() throws {
        let file = Self.fixtures.appendingPathComponent("cdr-bad-rows.csv").path
        let run = try intake(["normalize", "--channel", "phone", "--compact", file], withStore: false)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, """
            \(file): line 2: expected 16 to 21 columns, found 6
            \(file): line 3: bad start date: 2024-02-30 14:40:00
            \(file): line 5: bad duration: thirty

            """)
        let messages = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(messages.compactMap { $0["external_id"] as? String }, ["1709659800.18", "1709661600.21"])
    }

    func testCDRImportPrintsJSONLines() throws {
        let run = try intake(["cdr", "import", Self.fixtures.appendingPathComponent("cdr-dispositions.csv").path, "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let objects = try run.lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        XCTAssertEqual(objects.count, 8)
        XCTAssertEqual(objects.compactMap { $0["external_id"] as? String }.first, "1709659800.18")
        XCTAssertEqual(objects.filter { $0["outcome"] as? String == "ignored" }.count, 1, "the internal call")
        // Operator 1 calls Juan Perez back after his missed call, and he answers: our answer on his ticket.
        XCTAssertEqual(objects[5]["outcome"] as? String, "appended")
        XCTAssertEqual(objects[5]["ticket"] as? String, objects[0]["ticket"] as? String)
    }

    func testCDRImportOfAMissingFileFails() throws {
        let run = try intake(["cdr", "import", dir.appendingPathComponent("none.csv").path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("none.csv: no such file"), run.stderr)
    }

    func testCDRWatchOnceOfAMissingFileFails() throws {
        let missing = dir.appendingPathComponent("Master.csv").path
        let run = try intake(["cdr", "watch", missing, "--once"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "intake cdr: \(missing): no such file\n")
    }

    func testCDRWithoutASubcommandIsAUsageError() throws {
        XCTAssertEqual(try intake(["cdr", "export", "x.csv"]).status, 2)
    }

    func testCDRWatchOnceReadsOnlyWhatIsNew() throws {
        let master = dir.appendingPathComponent("Master.csv")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("cdr-optional-columns.csv"), to: master)
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: master.path)
        let fresh = try intake(["cdr", "watch", master.path, "--once"])
        XCTAssertEqual(fresh.status, 0, fresh.stderr)
        XCTAssertEqual(fresh.lines.count, 3, "the last call of a file written just now waits for its other legs")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: master.path)
        let first = try intake(["cdr", "watch", master.path, "--once"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.lines.count, 1, "a minute later it is complete")
        let second = try intake(["cdr", "watch", master.path, "--once"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(second.stdout, "")
    }

    func testCallLogCreatesATicket() throws {
        let run = try intake([
            "call", "log", "--from", "011 15 5276-9999", "--operator", "Ana Ruiz", "--notes", "No puede facturar, error 500 en ventas",
            "--priority", "alta", "--type", "incidente", "--duration", "4:00",
        ])
        XCTAssertEqual(run.status, 0, run.stderr)
        let fields = run.stdout.split(separator: "\t").map(String.init)
        XCTAssertEqual(fields.first, "created")
        let number = try XCTUnwrap(fields.dropFirst().first)
        XCTAssertTrue(number.hasPrefix("INT-"), number)
        let ticket = try intake(["ticket", number, "--json"])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ticket.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["priority"] as? String, "high")
        let messages = try XCTUnwrap(json["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.first?["text"] as? String, "No puede facturar, error 500 en ventas")
        XCTAssertEqual((messages.first?["sender"] as? [String: Any])?["id"] as? String, "+5491152769999")

        let again = try intake(["call", "log", "--from", "+54 9 11 5276-9999", "--operator", "Ana Ruiz", "--notes", "No puede facturar, error 500 en ventas", "--json"])
        XCTAssertEqual(again.status, 0, again.stderr)
        let result = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(result["outcome"] as? String, "duplicate", "the same caller, operator and notes")
    }

    func testCallLogWithABadNumberIsAUsageErrorWithAClearMessage() throws {
        let run = try intake(["call", "log", "--from", "no tengo", "--operator", "Ana", "--notes", "x"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.hasPrefix("intake call: --from is not a phone number: no tengo\n"), run.stderr)
        XCTAssertEqual(run.stdout, "")
        let ext = try intake(["call", "log", "--from", "101", "--operator", "Ana", "--notes", "x"])
        XCTAssertEqual(ext.status, 2)
        XCTAssertTrue(ext.stderr.hasPrefix("intake call: --from is an internal extension, not a customer's number: 101\n"), ext.stderr)
    }

    func testCallLogWithABadOptionValueOrWithoutFromIsAUsageError() throws {
        let duration = try intake(["call", "log", "--from", "1152769999", "--operator", "Ana", "--notes", "x", "--duration", "abc"])
        XCTAssertEqual(duration.status, 2)
        XCTAssertTrue(duration.stderr.hasPrefix("intake call: --duration is not a number of seconds: abc\n"), duration.stderr)
        let priority = try intake(["call", "log", "--from", "1152769999", "--operator", "Ana", "--notes", "x", "--priority", "urgentísimo"])
        XCTAssertEqual(priority.status, 2)
        XCTAssertTrue(priority.stderr.hasPrefix("intake call: --priority is not critical, high, medium or low: urgentísimo"), priority.stderr)
        let missing = try intake(["call", "log", "--operator", "Ana", "--notes", "x"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.hasPrefix("intake call: --from is required"), missing.stderr)
    }

    func testCallLogForACustomerNotInTheDirectoryIsAUsageError() throws {
        let run = try intake(["call", "log", "--from", "+56 2 2928 8900", "--operator", "Ana", "--notes", "x", "--customer", "nadie"])
        XCTAssertEqual(run.status, 2, run.stdout)
        XCTAssertTrue(run.stderr.hasPrefix("intake call: --customer `nadie` is not in the customer directory (none loaded)\n"), run.stderr)
        XCTAssertEqual(run.stdout, "")
    }
}
