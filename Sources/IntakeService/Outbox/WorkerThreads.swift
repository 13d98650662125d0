import Foundation

/// A few threads that call a closure for each index of a small batch, up to `width` at once (the
/// caller's thread among them), and return when every call has. For blocking network round trips
/// (outbox deliveries), which mostly wait: Dispatch's `concurrentPerform` runs only as many at once as
/// there are cores. The threads are started once and wait between batches (starting them per batch
/// cost more CPU than a delivery to a nearby desk); they end when the last copy of the owner is gone.
final class WorkerThreads: Sendable {
    let width: Int
    private let shared = Shared()

    init(width: Int, name: String) {
        self.width = max(1, width)
        for index in 1..<self.width {
            let thread = Thread { [shared] in shared.serve() }
            thread.name = "\(name).\(index)"
            thread.start()
        }
    }

    deinit {
        shared.stop()
    }

    func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 1, width > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        shared.run(count, body)
    }

    /// The batch in progress. `@unchecked Sendable`: every field is only touched under `condition`.
    private final class Shared: @unchecked Sendable {
        private let condition = NSCondition()
        private var body: (@Sendable (Int) -> Void)?
        private var count = 0
        private var claimed = 0
        private var finished = 0
        private var stopped = false

        func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
            condition.lock()
            self.body = body
            self.count = count
            claimed = 0
            finished = 0
            condition.broadcast()
            condition.unlock()
            drain()
            condition.lock()
            while finished < count { condition.wait() }
            self.body = nil
            condition.unlock()
        }

        /// Claims and runs indices until none is left.
        private func drain() {
            condition.lock()
            while let body, claimed < count {
                let index = claimed
                claimed += 1
                condition.unlock()
                body(index)
                condition.lock()
                finished += 1
                if finished == count { condition.broadcast() }
            }
            condition.unlock()
        }

        /// A helper thread: waits for a batch, helps with it, until stopped.
        func serve() {
            condition.lock()
            while !stopped {
                if body != nil, claimed < count {
                    condition.unlock()
                    drain()
                    condition.lock()
                } else {
                    condition.wait()
                }
            }
            condition.unlock()
        }

        func stop() {
            condition.withLock {
                stopped = true
                condition.broadcast()
            }
        }
    }
}
