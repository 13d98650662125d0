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
}
