import Foundation
import XCTest

/// `intake replay` never writes into the store it reads, however the path is spelled.
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
}
