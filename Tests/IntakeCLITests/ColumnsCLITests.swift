import Foundation
import XCTest

/// Tab-separated output keeps one record a line with the same columns, whatever the message carried.
final class ColumnsCLITests: CLITestCase {
    /// A subject whose encoded word decodes to a tab and a newline.
    private func ingestMailWithATabAndANewlineInItsSubject() throws -> Run {
        let mail = dir.appendingPathComponent("tab.eml")
        try Data(("From: a@b.com\r\nTo: soporte@example.com\r\nSubject: =?UTF-8?Q?uno=09dos=0Atres?=\r\nMessage-ID: <x1@b.com>\r\n"
            + "Date: Tue, 25 Nov 2025 10:00:00 +0000\r\n\r\nhola\r\n").utf8).write(to: mail)
        return try intake(["ingest", "--channel", "email", mail.path])
    }

    func testATabOrNewlineInASubjectDoesNotBreakTheTicketList() throws {
        XCTAssertEqual(try ingestMailWithATabAndANewlineInItsSubject().status, 0)
        let run = try intake(["tickets"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.lines.count, 1, run.stdout)
        XCTAssertEqual(run.lines.first?.split(separator: "\t", omittingEmptySubsequences: false).last, "uno dos tres")
        XCTAssertEqual(try intake(["ticket", "INT-1001"]).lines.first, "INT-1001  uno dos tres")
    }

    func testReplayPrintsTheSameColumnsAsIngest() throws {
        let ingest = try ingestMailWithATabAndANewlineInItsSubject()
        let replay = try intake(["replay", "--into", dir.appendingPathComponent("copy.sqlite").path])
        XCTAssertEqual(replay.status, 0, replay.stderr)
        XCTAssertEqual(replay.stdout, ingest.stdout)
        XCTAssertEqual(replay.lines.first?.split(separator: "\t").count, 4, replay.stdout)
    }

    func testControlCharactersFromAPayloadDoNotReachTheTerminal() throws {
        let file = dir.appendingPathComponent("esc.json")
        let event = #"{"type":"event_callback","event_id":"EvESC\u001b[2J","event":{"type":"message","channel":"C0X","user":"U1\u001b[2J","#
            + #""text":"hola \u001b[31mROJO\u001b[0m \u0007fin \u009b2Jc1 ¡sí!\n\tsegunda","ts":"1764000000.1"}}"#
        try Data(event.utf8).write(to: file)
        let ingest = try intake(["ingest", "--channel", "slack", file.path])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        for args in [["ticket", "INT-1001"], ["explain", "INT-1001"], ["tickets"]] {
            let run = try intake(args)
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertFalse(run.stdout.contains("\u{1b}") || run.stdout.contains("\u{07}") || run.stdout.contains("\u{9b}"), "\(args): \(run.stdout.debugDescription)")
        }
        XCTAssertFalse(ingest.stdout.contains("\u{1b}"), ingest.stdout.debugDescription)
        XCTAssertTrue(try intake(["ticket", "INT-1001"]).stdout.contains("    hola  [31mROJO [0m  fin  2Jc1 ¡sí!\n    \tsegunda\n"))
    }
}
