import Foundation

/// The poller's health, readable from any thread (a health endpoint, the CLI) while the poller runs on its own.
/// `@unchecked Sendable`: every stored property is read and written only under `lock`.
public final class MailPollerStatus: @unchecked Sendable {
    private let lock = NSLock()
    private var successAt: Double?
    private var error: String?
    private var failures = 0

    public init() {}

    /// Wall-clock seconds of the last poll that completed.
    public var lastSuccessAt: Double? { lock.withLock { successAt } }
    /// The last failure, cleared by the next success.
    public var lastError: String? { lock.withLock { error } }
    public var consecutiveFailures: Int { lock.withLock { failures } }

    func recordSuccess(at time: Double) {
        lock.withLock {
            successAt = time
            error = nil
            failures = 0
        }
    }

    func recordFailure(_ description: String) {
        lock.withLock {
            error = description
            failures += 1
        }
    }
}

/// A stop request for `MailPoller.run`, which also serves as its interruptible sleep.
/// `@unchecked Sendable`: `stopped` is guarded by `condition`.
public final class StopSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false

    public init() {}

    public var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Sleeps up to `seconds`; returns true as soon as a stop is requested.
    public func wait(seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while !stopped, condition.wait(until: deadline) {}
        return stopped
    }
}
