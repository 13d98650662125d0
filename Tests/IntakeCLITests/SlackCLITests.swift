import Foundation
import XCTest

/// Slack payloads through `intake ingest`, run as the built binary.
final class SlackCLITests: CLITestCase {
    /// Slack sends a mention of our bot in a channel it is in twice, as an `app_mention` and as a
    /// `message` event with different `event_id`s, in either order: one post, one stored message.
    func testAMentionDeliveredAsAppMentionAndAsMessageIsOneMessage() throws {
        let mention = Self.fixture("slack/app_mention.json"), twin = Self.fixture("slack/app_mention_message_twin.json")
        for (order, files) in [("mention first", [mention, twin]), ("message first", [twin, mention])] {
            try? FileManager.default.removeItem(atPath: store)
            let run = try intake(["ingest", "--channel", "slack"] + files)
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(run.lines.map { $0.split(separator: "\t").first.map(String.init) }, ["created", "duplicate"], order)
            XCTAssertTrue(run.lines.last?.contains("redelivery of slack C05SOPORTE:1732542000.000400") == true, "\(order): \(run.stdout)")
            let ticket = try XCTUnwrap(run.lines.first?.split(separator: "\t").dropFirst().first.map(String.init))
            let shown = try intake(["ticket", ticket, "--json"])
            XCTAssertEqual(shown.status, 0, shown.stderr)
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
            XCTAssertEqual((object["messages"] as? [Any])?.count, 1, "\(order): \(shown.stdout)")
        }
    }
}
