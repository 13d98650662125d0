import Foundation
import IntakeCore
@testable import IntakeDesk
import XCTest

final class WALCheckpointerTests: XCTestCase {
    func testCommitsLeaveCheckpointingToTheBackgroundAndReleaseTruncatesTheWAL() throws {
        var fx: DeskFixture? = try DeskFixture()
        let dir = fx!.dir
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for i in 0..<50 {
            try fx!.ingest([DeskFixture.slack("EvWAL\(i)", ts: "\(1000 + i).1", text: "caso \(i): la consola de agentes no carga")])
        }
        let wal = dir + "/desk.sqlite-wal"
        let during = (try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        XCTAssertGreaterThan(during, 0, "commits append to the WAL; no commit checkpoints it")
        fx = nil
        let after = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        XCTAssertEqual(after, 0, "releasing the store ends with a truncating checkpoint")
        let reopened = try DeskStore(path: dir + "/desk.sqlite")
        XCTAssertEqual(try reopened.read { try $0.ticketCount() }, 50)
    }

    func testUnderALoadThatNeverPausesTheWALStillStartsOver() throws {
        // The same two seconds of writes without a pause, with the catch-up past 64 frames and without
        // it: without, the WAL only grows; with, it starts over every few checkpoint rounds.
        let bounded = try largestWAL(catchUpFrames: 64)
        let unbounded = try largestWAL(catchUpFrames: .max)
        XCTAssertLessThan(bounded.bytes * 2, unbounded.bytes, "largest WAL with catch-up \(bounded), without \(unbounded)")
    }

    /// Writes batches of 20 messages for two seconds; the largest the WAL file got, and the messages.
    private func largestWAL(catchUpFrames: Int64) throws -> (bytes: Int, messages: Int) {
        let fx = try DeskFixture()
        defer { fx.remove() }
        let store = try DeskStore(path: fx.dir + "/load.sqlite", walCatchUpFrames: catchUpFrames)
        let pipeline = IngestPipeline(settings: fx.settings)
        let wal = fx.dir + "/load.sqlite-wal"
        var largest = 0
        var n = 0
        let end = Date().addingTimeInterval(2)
        while Date() < end {
            let messages = (0..<20).map { i in
                DeskFixture.slack("EvLoad\(n + i)", ts: "\(n + i).1", text: "caso \(n + i): la consola de agentes no carga en el piso")
            }
            n += 20
            let payload = IngestPayload(channel: .slack, raw: Array("\(n)".utf8), source: "t", messages: messages)
            _ = try store.write { try pipeline.ingest(payload, records: $0, now: Timestamp(seconds: 1_764_000_000)) }
            largest = max(largest, (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0)
        }
        XCTAssertEqual(try store.read { try $0.ticketCount() }, n)
        return (largest, n)
    }
}
