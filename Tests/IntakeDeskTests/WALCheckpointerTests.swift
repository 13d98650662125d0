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

final class WALWarmUpTests: XCTestCase {
    /// The warm-up reserves the WAL file ahead of the writer without taking its lock: commits made
    /// while it runs are all there, in the same process and after a crash (the files copied as they
    /// are, zeros past the last frame included), and a clean release still truncates the WAL.
    func testWarmUpReservesTheWALBesideLiveCommitsAndRecoveryIgnoresItsZeros() throws {
        let fx = try DeskFixture()
        defer { try? FileManager.default.removeItem(atPath: fx.dir) }
        let path = fx.dir + "/warm.sqlite"
        var store: DeskStore? = try DeskStore(path: path, walWarmBytes: 8 << 20)
        for i in 0..<40 {
            _ = try fx.ingest([DeskFixture.slack("EvWarm\(i)", ts: "\(2000 + i).1", text: "caso \(i): la consola no carga")], into: store)
        }
        let wal = path + "-wal"
        let deadline = Date(timeIntervalSinceNow: 10)
        var size = 0
        repeat {
            size = (try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
            if size < 8 << 20 { Thread.sleep(forTimeInterval: 0.01) }
        } while size < 8 << 20 && Date() < deadline
        XCTAssertEqual(size, 8 << 20, "the WAL file is reserved up to the warm-up size")
        XCTAssertEqual(try store!.read { try $0.ticketCount() }, 40)

        let copy = fx.dir + "/crashed.sqlite"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try FileManager.default.copyItem(atPath: wal, toPath: copy + "-wal")
        let recovered = try DeskStore(path: copy)
        XCTAssertEqual(try recovered.read { try $0.ticketCount() }, 40, "recovery reads every frame and stops at the zeros")

        store = nil
        XCTAssertEqual((try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0, 0, "a clean release truncates the WAL")
    }
}
