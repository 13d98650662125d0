import Dispatch
import Foundation

/// Runs the work of a sequence of chunks as a two-stage pipeline: while the caller's thread commits chunk
/// `i`, chunk `i + 1` is already being prepared on the other cores. Preparing (read, normalize, route,
/// classify) needs no store, so on two cores the single writer never waits for it.
enum OverlappedChunks {
    static func run<Chunk: Sendable>(count: Int, prepare: @escaping @Sendable (Int) -> Chunk, commit: (Int, Chunk) throws -> Void) throws {
        guard count > 0 else { return }
        var next = Pending(index: 0, prepare: prepare)
        for i in 0..<count {
            let current = next.value()
            if i + 1 < count { next = Pending(index: i + 1, prepare: prepare) }
            try commit(i, current)
            // Freeing a chunk's thousands of small objects is work the writer need not do.
            DispatchQueue.global().async { withExtendedLifetime(current) {} }
        }
    }

    /// Threads that prepare while the writer commits: one core is left to the writer, which is the
    /// stage every message waits for; with all cores preparing it would get only a share of one.
    static let preparers = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)

    /// Runs `body` for every index in `0..<count`, spread over `preparers` threads in contiguous stripes.
    static func prepareEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        let width = min(preparers, max(1, count))
        DispatchQueue.concurrentPerform(iterations: width) { stripe in
            for k in stride(from: stripe * count / width, to: (stripe + 1) * count / width, by: 1) { body(k) }
        }
    }

    /// One chunk being prepared on a global queue.
    private final class Pending<Chunk: Sendable>: @unchecked Sendable {
        // @unchecked: `result` is written once before `done` is signalled and read only after waiting on it.
        private var result: Chunk?
        private let done = DispatchSemaphore(value: 0)

        init(index: Int, prepare: @escaping @Sendable (Int) -> Chunk) {
            DispatchQueue.global().async {
                self.result = prepare(index)
                self.done.signal()
            }
        }

        func value() -> Chunk {
            done.wait()
            done.signal()
            return result!
        }
    }
}
