import Foundation
import SQLite

/// Checkpoints the WAL from a second connection on its own thread, every `interval`, so no commit pays
/// for copying pages back into the database file. PASSIVE checkpoints never block the writer. Under a
/// steady load the writer may not find the WAL fully checkpointed until the load drops, so the WAL grows
/// meanwhile (and page lookups in it cost a little more). Past `restartAbove` bytes (1 GiB: minutes of
/// the heaviest load measured) a RESTART checkpoint makes the next commit start the WAL over; it blocks
/// writers while the database file is synced, a pause of tens of milliseconds, which is why it is kept
/// for that bound and not used as routine. The file keeps its size (see `DeskStore`'s `journal_size_limit`).
/// The bound counts the frames the WAL holds, not its file's size, which the warm-up below sets ahead.
/// `stop()` (the store's deinit calls it) ends with a truncating checkpoint.
///
/// Warm-up (`warmBytes`, for the long-running server): before its first checkpoint the thread reserves
/// the WAL file's blocks up to that size and has the kernel map them into the page cache. A WAL that
/// grows under load appends into fresh pages, and on a virtual machine whose host reclaims the guest's
/// free memory a fresh page costs a host fault (~14 µs per 4 KiB): about a tenth of a webhook's CPU
/// while the WAL grew, i.e. for the first gigabyte after every start, when a platform redelivers what
/// it queued while we were down. Safe beside a live writer without taking its lock: `posix_fallocate`
/// only allocates blocks that hold no data and never lowers the size, and the read-ahead only reads.
/// The pages are zeros past the last frame, which recovery already ignores (their salts do not match).
final class WALCheckpointer: @unchecked Sendable {
    // @unchecked: `stopped` is guarded by `condition`; `db` is used only by the checkpoint thread.
    private let db: Database
    private let condition = NSCondition()
    private var stopped = false
    private let done = DispatchSemaphore(value: 0)
    private let interval: Double
    private let walPath: String
    private let restartAbove: Int
    private let warmBytes: Int
    /// Where the warm-up's page touches go when `MADV_POPULATE_READ` is missing, so they are not elided.
    private var touched = 0

    /// The WAL size past which a RESTART checkpoint starts it over, and the size its file keeps.
    static let restartAbove = 1 << 30

    /// SQLite's page size here and the header each WAL frame adds to a page.
    static let frameBytes = 4096 + 24

    init(path: String, interval: Double = 0.25, restartAbove: Int = WALCheckpointer.restartAbove, warmBytes: Int = 0) throws {
        db = try Database(path: path)
        self.interval = interval
        walPath = path + "-wal"
        self.restartAbove = restartAbove
        self.warmBytes = min(warmBytes, restartAbove)
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
        if warmBytes > 0 { warm() }
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

    private var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    /// Reserves the WAL file up to `warmBytes` and maps it into the page cache, 32 MiB at a time so a
    /// `stop()` meanwhile is not kept waiting. The pages are brought in through a read-only mapping
    /// (`MADV_POPULATE_READ`, else a touch per page): ~0.15 s per GiB here, where `read()` into a buffer
    /// took 4 s and `POSIX_FADV_WILLNEED` stopped at 256 MiB. Best effort: a file system without
    /// `fallocate` (or a WAL not there yet) is left as it is.
    private func warm() {
        let fd = open(walPath, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return }
        // A WAL left at its size by a crash is only read in, not reserved again.
        if Int(info.st_size) < warmBytes, posix_fallocate(fd, off_t(info.st_size), off_t(warmBytes - Int(info.st_size))) != 0 { return }
        let step = 32 << 20
        var offset = 0
        while offset < warmBytes && !isStopped {
            let length = min(step, warmBytes - offset)
            guard let map = mmap(nil, length, PROT_READ, MAP_SHARED, fd, off_t(offset)), map != MAP_FAILED else { return }
            if madvise(map, length, Self.madvPopulateRead) != 0 {
                for page in stride(from: 0, to: length, by: 4096) { touched &+= Int(map.load(fromByteOffset: page, as: UInt8.self)) }
            }
            munmap(map, length)
            offset += step
        }
    }

    /// `MADV_POPULATE_READ` (Linux 5.14), which Glibc's Swift module does not name.
    private static let madvPopulateRead: Int32 = 22
}
