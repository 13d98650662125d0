import Foundation
import SQLite

/// Checkpoints the WAL from a second connection on its own thread, every `interval`, so no commit pays
/// for copying pages back into the database file. PASSIVE checkpoints never block the writer; a
/// TRUNCATE one when the WAL grew past `truncateAbove` keeps the file from growing without bound under
/// a steady load. `stop()` (the store's deinit calls it) ends with a last checkpoint.
final class WALCheckpointer: @unchecked Sendable {
    // @unchecked: `stopped` is guarded by `condition`; `db` is used only by the checkpoint thread.
    private let db: Database
    private let condition = NSCondition()
    private var stopped = false
    private let done = DispatchSemaphore(value: 0)
    private let interval: Double
    private let walPath: String
    private let truncateAbove: Int

    init(path: String, interval: Double = 0.25, truncateAbove: Int = 64 << 20) throws {
        db = try Database(path: path)
        self.interval = interval
        walPath = path + "-wal"
        self.truncateAbove = truncateAbove
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
            let size = (try? FileManager.default.attributesOfItem(atPath: walPath)[.size] as? Int) ?? 0
            try? db.execute(size > truncateAbove || stop ? "PRAGMA wal_checkpoint(TRUNCATE)" : "PRAGMA wal_checkpoint(PASSIVE)")
            if stop { return }
        }
    }
}
