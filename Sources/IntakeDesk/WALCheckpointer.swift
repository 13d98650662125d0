import Foundation
import Glibc
import SQLite

/// Checkpoints the WAL from a second connection on its own thread, every `interval`, so no commit pays
/// for copying pages back into the database file. PASSIVE checkpoints never block the writer.
///
/// Under a load that never pauses they never finish either: by the time a checkpoint has copied the
/// frames it saw, the writer has appended more, and SQLite starts the WAL over only when a writer finds
/// it completely copied. The WAL then grows without end, and every page lookup walks one more 4,096-frame
/// hash segment of it: the commit cost grew with the store, 2–3x at a million tickets. So when the WAL
/// holds more than `catchUpAbove` frames, a second PASSIVE checkpoint runs with writers paused
/// (`pauseWriters`, the store's own lock): it copies only what arrived during the first one, finishes,
/// and the next commit starts the WAL over. The pause is that remainder and its sync (the database file
/// is synced just before, outside the pause), a few milliseconds; a RESTART past
/// `restartAbove` bytes stays as the bound when another process's reader holds the WAL.
/// `stop()` (the store's deinit calls it) ends with a truncating checkpoint.
final class WALCheckpointer: @unchecked Sendable {
    // @unchecked: `stopped` is guarded by `condition`; `db` is used only by the checkpoint thread.
    private let db: Database
    private let condition = NSCondition()
    private var stopped = false
    private let done = DispatchSemaphore(value: 0)
    private let interval: Double
    private let walPath: String
    private let databasePath: String
    private let catchUpAbove: Int64
    private let restartAbove: Int
    private let pauseWriters: @Sendable (() -> Void) -> Void

    init(path: String, interval: Double = 0.25, catchUpAbove: Int64, restartAbove: Int = 1 << 30,
         pauseWriters: @escaping @Sendable (() -> Void) -> Void) throws {
        db = try Database(path: path)
        self.interval = interval
        walPath = path + "-wal"
        databasePath = path
        self.catchUpAbove = catchUpAbove
        self.restartAbove = restartAbove
        self.pauseWriters = pauseWriters
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
            let frames = passive()
            // SQLite syncs the database file only after a checkpoint that copied every frame, which a
            // load that never pauses never gives it: synced here every round, what the checkpoints
            // copied goes to disk in small steps rather than in one long sync (measured: a stall of
            // the whole machine for 200-300 ms at a time), and the paused catch-up syncs only its
            // last milliseconds.
            syncDatabaseFile()
            if let frames, frames > catchUpAbove {
                _ = passive()
                syncDatabaseFile()
                pauseWriters { _ = passive() }
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: walPath)[.size] as? Int) ?? 0
            if size > restartAbove { try? db.execute("PRAGMA wal_checkpoint(RESTART)") }
        }
    }

    /// Flushes the pages checkpoints copied into the database file (a failed open or sync only means
    /// the paused checkpoint syncs them itself).
    private func syncDatabaseFile() {
        let fd = open(databasePath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fdatasync(fd)
        close(fd)
    }

    /// One PASSIVE checkpoint; the number of frames in the WAL, nil when it failed.
    private func passive() -> Int64? {
        (try? db.statement("PRAGMA wal_checkpoint(PASSIVE)").first { $0.int(1) }) ?? nil
    }
}
