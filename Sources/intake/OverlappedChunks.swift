import Dispatch
import Foundation
import Synchronization

/// Runs groups of items as a two-stage pipeline: while the caller's thread commits group `i`, the items
/// of group `i + 1` are already being prepared (read, normalized, routed, classified: no store needed).
///
/// Who prepares: `preparers` background threads (every core but one, which stays the writer's: the
/// writer is the stage every message waits for, and with all cores preparing it would get only a share
/// of one). And the writer itself, when it is done committing before the next group is ready: items are
/// claimed one at a time from a shared counter, so an idle writer takes the ones nobody started yet.
/// Chat payloads make the writer the slower stage, long or accented texts the preparing; either way
/// no core waits while the other has work.
enum OverlappedChunks {
    static let preparers = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)

    /// `prepare(group, item, chunk)` fills `chunk` slot `item`; `commit(group, chunk)` runs on the caller.
    static func run(groups: Int, size: @escaping @Sendable (Int) -> Int,
                    prepare: @escaping @Sendable (_ group: Int, _ item: Int, _ chunk: PreparedChunk) -> Void,
                    commit: (Int, PreparedChunk) throws -> Void) throws {
        guard groups > 0 else { return }
        var next = Pending(group: 0, count: size(0), prepare: prepare)
        for g in 0..<groups {
            let current = next.finish()
            if g + 1 < groups { next = Pending(group: g + 1, count: size(g + 1), prepare: prepare) }
            try commit(g, current)
            // Freeing a chunk's thousands of small objects is work the writer need not do.
            DispatchQueue.global().async { withExtendedLifetime(current) {} }
        }
    }

    /// One group being prepared.
    private final class Pending: Sendable {
        private let group: Int
        private let chunk: PreparedChunk
        private let prepare: @Sendable (Int, Int, PreparedChunk) -> Void
        private let claimed = Atomic<Int>(0)
        private let workers = DispatchGroup()

        init(group: Int, count: Int, prepare: @escaping @Sendable (Int, Int, PreparedChunk) -> Void) {
            self.group = group
            chunk = PreparedChunk(count: count)
            self.prepare = prepare
            for _ in 0..<min(OverlappedChunks.preparers, max(1, count)) {
                DispatchQueue.global().async(group: workers) { [self] in drain() }
            }
        }

        /// Prepares items nobody claimed yet, until none is left.
        private func drain() {
            while true {
                let item = claimed.add(1, ordering: .relaxed).oldValue
                guard item < chunk.count else { return }
                prepare(group, item, chunk)
            }
        }

        /// Helps with what is left, waits for the items in progress, and returns the prepared chunk.
        func finish() -> PreparedChunk {
            drain()
            workers.wait()
            return chunk
        }
    }
}
