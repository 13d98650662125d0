import Foundation
import SQLite

/// Checkpoints the WAL from a second connection on its own thread, every `interval`, so no commit pays
/// for copying pages back into the database file. PASSIVE checkpoints never block the writer. Under a
/// steady load the writer may not find the WAL fully checkpointed until the load drops, so the WAL grows
/// meanwhile (and page lookups in it cost a little more). Past `restartAbove` bytes (1 GiB: minutes of
/// the heaviest load measured) a RESTART checkpoint makes the next commit start the WAL over; it blocks
/// writers while the database file is synced, a pause of tens of milliseconds, which is why it is kept
/// for that bound and not used as routine. The file keeps its size (see `DeskStore`'s `journal_size_limit`),
/// so the bound counts the frames the WAL holds, which the checkpoint reports, not the file's size.
/// `stop()` (the store's deinit and `serve`'s stop call it) ends with a truncating checkpoint.
final class WALCheckpointer: @unchecked Sendable {
    // @unchecked: `stopped` is guarded by `condition`; `db` is used only by the checkpoint thread.
    private let db: Database
    private let condition = NSCondition()
    private var stopped = false
    private let done = DispatchSemaphore(value: 0)
    private let interval: Double
    private let restartAbove: Int

    /// The WAL size past which a RESTART checkpoint starts it over, and the size its file keeps.
    static let restartAbove = 1 << 30

    /// SQLite's page size here and the header each WAL frame adds to a page.
    static let frameBytes = 4096 + 24

    init(path: String, interval: Double = 0.25, restartAbove: Int = WALCheckpointer.restartAbove) throws {
        db = try Database(path: path)
        self.interval = interval
        self.restartAbove = restartAbove
        let thread = Thread { [self] in
            run()
            done.signal()
        }
        thread.name = "intake.wal-checkpoint"
        thread.start()
    }

    /// Stops the thread after one last (truncating) checkpoint and waits for it.
    func stop() {
        condition.lock()
        guard !stopped else {
            condition.unlock()
            return
        }
        stopped = true
        condition.broadcast()
        condition.unlock()
        done.wait()
    }

    private func run() {
        while true {
            condition.lock()
            if !stopped { _ = condition.wait(until: Date(timeIntervalSinceNow: interval)) }
            let stop = stopped
            condition.unlock()
            if stop {
                try? db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                return
            }
            let frames = (try? db.statement("PRAGMA wal_checkpoint(PASSIVE)").first { Int($0.int(1)) }) ?? 0
            if frames * Self.frameBytes > restartAbove { try? db.execute("PRAGMA wal_checkpoint(RESTART)") }
        }
    }
}
