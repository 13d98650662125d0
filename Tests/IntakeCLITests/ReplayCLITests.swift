import Foundation
import IntakeCore
import IntakeDesk
import XCTest

/// `intake replay` never writes into the store it reads, however the path is spelled, and replays each
/// payload at the time it arrived.
final class ReplayCLITests: CLITestCase {
    func testReplayIntoTheSourceStoreUnderAnotherPathIsRefused() throws {
        let ingest = try intake(["ingest", "--channel", "slack", Self.fixture("slack/plain_message.json")])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let link = dir.appendingPathComponent("link.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: store)
        for into in ["./desk.sqlite", dir.path + "//desk.sqlite", link] {
            let run = try intake(["replay", "--into", into])
            XCTAssertEqual(run.status, 2, "\(into): \(run.stderr)")
            XCTAssertTrue(run.stderr.hasPrefix("intake replay: --into must not be the source store\n"), run.stderr)
            XCTAssertEqual(run.stdout, "")
        }
        let replayed = try intake(["replay", "--into", "copy.sqlite"])
        XCTAssertEqual(replayed.status, 0, replayed.stderr)
        XCTAssertEqual(replayed.lines.map { $0.split(separator: "\t").first.map(String.init) }, ["created"])
        XCTAssertEqual(replayed.stderr, "replayed 1 payload into copy.sqlite\n")
    }

    /// The same WhatsApp text a day apart: the second is a follow-up on the first's open ticket, not a
    /// duplicate "within 10 min" of a replay that ran both in the same second; the deadline counts from
    /// the first arrival, not from the replay.
    func testReplayRunsEachPayloadAtItsArrivalTime() throws {
        let first = Timestamp(seconds: 1_764_000_000)
        let text = "Hola, no nos anda el discador desde las 9"
        try DeskStore(path: store).write { records in
            for (i, day) in [0, 1].enumerated() {
                let body = #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Pedro"},"wa_id":"5491133334444"}],"messages":[{"from":"5491133334444","id":"wamid.REPLAY\#(i)","timestamp":"\#(first.seconds + Int64(day) * 86_400)","type":"text","text":{"body":"\#(text)"}}]}}]}]}"#
                _ = try records.saveRawPayload(channel: .whatsapp, bytes: Array(body.utf8), contentType: "application/json", source: "webhook",
                                               receivedAt: first.adding(seconds: Int64(day) * 86_400), error: nil)
            }
        }
        let replayed = try intake(["replay", "--into", "copy.sqlite"])
        XCTAssertEqual(replayed.status, 0, replayed.stderr)
        XCTAssertEqual(replayed.lines.map { $0.split(separator: "\t").prefix(2).joined(separator: " ") }, ["created INT-1001", "appended INT-1001"])
        let tickets = try intake(["tickets", "--store", dir.appendingPathComponent("copy.sqlite").path], withStore: false)
        XCTAssertTrue(tickets.stdout.contains("due " + first.adding(seconds: 86_400).iso8601), tickets.stdout)
    }
}
