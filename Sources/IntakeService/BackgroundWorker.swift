import Foundation

/// A loop the service runs beside the HTTP server (mail poller, CDR watcher, outbox worker): `tick`
/// does one round and returns; the worker sleeps `interval` between rounds and stops between rounds.
public protocol BackgroundTask: Sendable {
    var name: String { get }
    var interval: Double { get }
    /// One round. Throwing marks the component failed in /healthz; the loop goes on.
    func tick() throws
}

/// Runs a `BackgroundTask` on its own thread until `stop()`.
public final class BackgroundWorker: @unchecked Sendable {
    // @unchecked: `stopped` is guarded by `condition`.
    private let task: any BackgroundTask
    private let health: HealthReporter
    private let logger: Logger
    private let condition = NSCondition()
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    public var name: String { task.name }

    public init(task: any BackgroundTask, health: HealthReporter, logger: Logger) {
        self.task = task
        self.health = health
        self.logger = logger
    }

    public func start() {
        health.register(task.name, interval: task.interval)
        let thread = Thread { [self] in
            loop()
            finished.signal()
        }
        thread.name = "intake.\(task.name)"
        thread.start()
    }

    private func loop() {
        while true {
            condition.lock()
            let stop = stopped
            condition.unlock()
            if stop { return }
            do {
                try task.tick()
                health.succeeded(task.name)
            } catch {
                health.failed(task.name, error: "\(error)")
                logger.warning(task.name, "tick.failed", [("error", .string("\(error)"))])
            }
            condition.lock()
            if !stopped { _ = condition.wait(until: Date(timeIntervalSinceNow: task.interval)) }
            condition.unlock()
        }
    }

    /// Wakes the worker and waits for its current round to finish.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        finished.wait()
    }
}
