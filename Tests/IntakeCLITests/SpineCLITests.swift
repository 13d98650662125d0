import Foundation
import XCTest

/// The spine's command line, run as the built binary: the normalize contract, idempotent ingest of every
/// fixture across processes, help and exit statuses.
final class SpineCLITests: CLITestCase {
    static let channels = ["slack", "whatsapp", "email", "phone"]

    /// Every payload fixture of a channel (expected outputs excluded).
    static func payloads(_ channel: String) -> [String] {
        let dir = fixture(channel)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { !$0.hasSuffix(".expected.json") && !$0.hasPrefix(".") }.sorted().map { dir + "/" + $0 }
    }

    func testNormalizePrintsOneArrayWithTheContractKeysForEveryChannel() throws {
        let keys = ["channel", "external_id", "sender", "conversation", "thread_key", "reply_to", "references", "subject", "text",
                    "sent_at", "attachments", "auto_reply"]
        for channel in Self.channels {
            let files = Self.payloads(channel)
            XCTAssertFalse(files.isEmpty, channel)
            let run = try intake(["normalize", "--channel", channel] + files, withStore: false)
            XCTAssertEqual(run.status, 0, "\(channel): \(run.stderr)")
            let array = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]], channel)
            XCTAssertFalse(array.isEmpty, channel)
            for m in array {
                XCTAssertEqual(Set(keys).subtracting(m.keys), [], "\(channel) message lacks contract keys")
                XCTAssertEqual(m["channel"] as? String, channel)
                if let sentAt = m["sent_at"] as? String {
                    XCTAssertNotNil(sentAt.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression), sentAt)
                }
            }
        }
    }

    func testABadFileIsReportedByNameWhileTheOthersArePrinted() throws {
        let bad = dir.appendingPathComponent("not-slack.json").path
        try Data("{\"hello\": 1}".utf8).write(to: URL(fileURLWithPath: bad))
        let good = Self.payloads("slack").first { $0.hasSuffix("message-plain.json") } ?? Self.payloads("slack")[0]
        let run = try intake(["normalize", "--channel", "slack", bad, good], withStore: false)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("not-slack.json"), run.stderr)
        let array = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [Any])
        XCTAssertFalse(array.isEmpty)
    }

    func testIngestingEveryFixtureTwiceAddsNothingTheSecondTime() throws {
        var first: [String: Int] = [:]
        for channel in Self.channels {
            let run = try intake(["ingest", "--channel", channel, "--json"] + Self.payloads(channel))
            for line in run.lines {
                let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                first[o["outcome"] as? String ?? "?", default: 0] += 1
            }
        }
        XCTAssertGreaterThan(first["created"] ?? 0, 50, "\(first)")
        let ticketsBefore = try intake(["tickets", "--json"])
        for channel in Self.channels {
            let run = try intake(["ingest", "--channel", channel, "--json"] + Self.payloads(channel))
            for line in run.lines {
                let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                XCTAssertEqual(o["outcome"] as? String, "duplicate", "second ingest of \(channel): \(line)")
            }
        }
        XCTAssertEqual(try intake(["tickets", "--json"]).stdout, ticketsBefore.stdout, "the second run changed no ticket")
    }

    func testIngestCommitsEveryFileAcrossItsTransactionGroups() throws {
        // One more file than a group holds, and a bad file in the second group.
        var paths: [String] = []
        for n in 0..<2_001 {
            let path = dir.appendingPathComponent("e\(n).json").path
            let body = #"{"type":"event_callback","event_id":"EvGROUP\#(n)","event":{"type":"message","channel":"C0GRP","user":"U1","text":"caso \#(n) del grupo de archivos","ts":"1764000000.\#(n)"}}"#
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(body.utf8)))
            paths.append(path)
        }
        let bad = dir.appendingPathComponent("bad.json").path
        XCTAssertTrue(FileManager.default.createFile(atPath: bad, contents: Data("{not json".utf8)))
        let run = try intake(["ingest", "--channel", "slack"] + paths + [bad])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("bad.json"), run.stderr)
        XCTAssertEqual(run.lines.filter { $0.hasPrefix("created") }.count, 2_001)
        let tickets = try intake(["tickets", "--json"])
        let listed = try JSONSerialization.jsonObject(with: Data(tickets.stdout.utf8))
        XCTAssertEqual(((listed as? [Any]) ?? ((listed as? [String: Any])?["tickets"] as? [Any]))?.count, 2_001)
    }

    func testExplainAndTicketShowTheDecisions() throws {
        let file = dir.appendingPathComponent("e.json").path
        try Data(#"{"type":"event_callback","event_id":"EvX1","event_time":1764000000,"event":{"type":"message","channel":"C0ACMEPRIV","user":"U0JUANP","text":"[CRITICA] no entra ninguna llamada","ts":"1764000000.000100"}}"#.utf8)
            .write(to: URL(fileURLWithPath: file))
        let ingest = try intake(["ingest", "--channel", "slack", file])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let number = try XCTUnwrap(ingest.stdout.split(separator: "\t").dropFirst().first.map(String.init))
        let explain = try intake(["explain", number])
        XCTAssertEqual(explain.status, 0, explain.stderr)
        XCTAssertTrue(explain.stdout.contains("explicit marker"), explain.stdout)
        XCTAssertTrue(explain.stdout.contains("critical"), explain.stdout)
        XCTAssertEqual(try intake(["ticket", number]).status, 0)
        for pasted in [number.lowercased(), "[#\(number)]", " \(number) "] {
            XCTAssertEqual(try intake(["ticket", pasted]).status, 0, pasted)
            XCTAssertEqual(try intake(["explain", pasted]).status, 0, pasted)
        }
        let unknown = try intake(["ticket", "INT-999999"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stderr, "intake ticket: no ticket INT-999999\n")
    }

    func testEveryCommandHasHelpAndUsageErrorsExitTwo() throws {
        let help = try intake(["--help"], withStore: false)
        XCTAssertEqual(help.status, 0)
        let commands = help.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") }.compactMap { $0.split(separator: " ").first.map(String.init) }
        XCTAssertGreaterThan(commands.count, 10, help.stdout)
        for command in commands {
            let run = try intake([command, "--help"], withStore: false)
            XCTAssertEqual(run.status, 0, command)
            XCTAssertTrue(run.stdout.contains("Usage: intake \(command)"), "\(command): \(run.stdout)")
        }
        XCTAssertEqual(try intake(["frobnicate"], withStore: false).status, 2)
        XCTAssertEqual(try intake(["normalize", "--channel", "fax", "x"], withStore: false).status, 2)
        XCTAssertEqual(try intake(["tickets", "--bogus"]).status, 2)
    }

    func testSLAAndCustomersCheck() throws {
        XCTAssertEqual(try intake(["ingest", "--channel", "slack", Self.fixture("slack/plain_message.json")]).status, 0)
        let sla = try intake(["sla", "--json"])
        XCTAssertEqual(sla.status, 0, sla.stderr)
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(sla.stdout.utf8)) as? [String: Any], sla.stdout)
        let broken = dir.appendingPathComponent("customers.json").path
        try Data(#"{"customers":[{"id":"a","domains":["x.com"]},{"id":"b","domains":["x.com"],"phones":["12"]}]}"#.utf8).write(to: URL(fileURLWithPath: broken))
        let config = dir.appendingPathComponent("gateway.json").path
        try Data(#"{"directory": "customers.json"}"#.utf8).write(to: URL(fileURLWithPath: config))
        let run = try intake(["customers", "check", "--config", config])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("domain x.com is claimed by both a and b"), run.stderr)
    }
}
