import Foundation
import XCTest

/// Slack payloads through `intake ingest`, run as the built binary.
final class SlackCLITests: CLITestCase {
    /// Slack sends a mention of our bot in a channel it is in twice, as an `app_mention` and as a
    /// `message` event with different `event_id`s, in either order: one ticket, the second event recorded
    /// on it as a duplicate of the same content (redeliveries are known by `event_id`, as the issue says).
    func testAMentionDeliveredAsAppMentionAndAsMessageIsOneTicket() throws {
        let mention = Self.fixture("slack/app_mention.json"), twin = Self.fixture("slack/app_mention_message_twin.json")
        for (order, files) in [("mention first", [mention, twin]), ("message first", [twin, mention])] {
            try? FileManager.default.removeItem(atPath: store)
            let run = try intake(["ingest", "--channel", "slack"] + files)
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(run.lines.map { $0.split(separator: "\t").first.map(String.init) }, ["created", "duplicate"], order)
            XCTAssertEqual(Set(run.lines.map { $0.split(separator: "\t").dropFirst().first.map(String.init) }).count, 1, "\(order): \(run.stdout)")
            XCTAssertTrue(run.lines.last?.contains("same content") == true, "\(order): \(run.stdout)")
            let listed = try intake(["tickets", "--json"])
            let tickets = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [Any])
            XCTAssertEqual(tickets.count, 1, "\(order): \(listed.stdout)")
        }
    }

    /// The issue: "Retries and any redelivery are deduplicated by event_id" — also when a sender's copy
    /// differs in its `ts` (a replayed capture, a test harness re-signing events).
    func testARedeliveryIsKnownByItsEventIDWhateverItsTS() throws {
        let dir = NSTemporaryDirectory() + "intake-redelivery-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, ts) in [("first.json", "1764000000.000100"), ("again.json", "1764000099.000100")] {
            let body = #"{"type":"event_callback","event_id":"EvSAMEID01","event":{"type":"message","channel":"C0ACMEPRIV","user":"U0JUANP","text":"no anda el discador","ts":"\#(ts)"}}"#
            try body.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
        let run = try intake(["ingest", "--channel", "slack", dir + "/first.json", dir + "/again.json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.lines.map { $0.split(separator: "\t").first.map(String.init) }, ["created", "duplicate"], run.stdout)
        XCTAssertTrue(run.lines.last?.contains("redelivery of slack EvSAMEID01") == true, run.stdout)
    }
}
