import Foundation
import IntakeCore
import IntakeDesk
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

    /// `serve` ends its checkpoints when it stops: the WAL is truncated then, not only when the store
    /// object goes (a process can end with it still referenced), and the store still works after.
    func testStoppingCheckpointsTruncatesTheWALAndTheStoreStillWrites() throws {
        let fx = try DeskFixture()
        defer { try? FileManager.default.removeItem(atPath: fx.dir) }
        for i in 0..<20 {
            try fx.ingest([DeskFixture.slack("EvStop\(i)", ts: "\(3000 + i).1", text: "caso \(i): la consola de agentes no carga")])
        }
        let wal = fx.dir + "/desk.sqlite-wal"
        XCTAssertGreaterThan((try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0, 0)
        fx.store.stopCheckpoints()
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? -1, 0)
        try fx.ingest([DeskFixture.slack("EvStop20", ts: "3020.1", text: "caso 20: la consola de agentes no carga")])
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 21)
    }
}
