import Foundation

/// Calls a closure for each index of a small batch on up to `width` threads at once, the caller's among
/// them, and returns when every call has returned. For blocking network round trips (outbox deliveries),
/// which mostly wait: Dispatch's `concurrentPerform` runs only as many at once as there are cores.
/// Threads are started per batch and end with it, so nothing lingers after a worker stops.
enum ParallelCalls {
    static func run(_ count: Int, width: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 1, width > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        let claims = Claims(count: count)
        let drain: @Sendable () -> Void = {
            while let index = claims.next() { body(index) }
        }
        let helpers = DispatchGroup()
        for _ in 1..<min(width, count) {
            helpers.enter()
            Thread {
                drain()
                helpers.leave()
            }.start()
        }
        drain()
        helpers.wait()
    }

    /// Hands out each index once. `@unchecked Sendable`: `claimed` is only touched under `lock`.
    private final class Claims: @unchecked Sendable {
        private let lock = NSLock()
        private var claimed = 0
        private let count: Int

        init(count: Int) {
            self.count = count
        }

        func next() -> Int? {
            lock.withLock {
                guard claimed < count else { return nil }
                claimed += 1
                return claimed - 1
            }
        }
    }
}
